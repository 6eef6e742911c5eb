package dev.esl.tagmanager.dispatch;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The broker connection. The client ID is {@code GID_TAGMGR@@@<node>}: give every tag-manager node its own
 * {@code node}; they share results and telemetry through shared subscriptions.
 */
@ConfigurationProperties("esl.mqtt")
public record MqttSettings(@DefaultValue("localhost") String host, @DefaultValue("1883") int port,
        @DefaultValue("node1") String node, String username, String password) {

    public String clientId() {
        return "GID_TAGMGR@@@" + node;
    }
}
