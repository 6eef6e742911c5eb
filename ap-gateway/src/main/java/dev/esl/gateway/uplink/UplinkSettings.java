package dev.esl.gateway.uplink;

import java.time.Duration;

/** How the gateway reaches its broker. {@code username}/{@code password} may be null. */
public record UplinkSettings(String host, int port, String storeId, String apSerial, Duration sessionExpiry,
        Duration reconnectInitial, Duration reconnectMax, Duration statusInterval, Duration telemetryInterval,
        String username, String password) {

    public String clientId() {
        return "GID_AP@@@" + apSerial;
    }

    public String inboxTopic() {
        return "esl/p2p/" + clientId();
    }

    public String apTopic(String leaf) {
        return "esl/store/" + storeId + "/ap/" + apSerial + "/" + leaf;
    }
}
