package dev.esl.tagmanager.dispatch;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The tag manager's MQTT connection: a persistent session (so the broker keeps P2P batches for offline APs, by
 * the seed's rule, and our results while we restart), reconnecting on its own. What APs publish is handed to
 * {@link InboundMessages} and acknowledged only after it is committed to the database.
 */
@Component
public class MqttLink implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(MqttLink.class);
    private static final long SESSION_EXPIRY_SECONDS = Duration.ofDays(7).toSeconds();

    private final MqttSettings settings;
    private final InboundMessages inbound;
    private volatile Mqtt5AsyncClient client;
    private volatile boolean running;

    MqttLink(MqttSettings settings, InboundMessages inbound) {
        this.settings = settings;
        this.inbound = inbound;
    }

    @Override
    public void start() {
        Mqtt5ClientBuilder builder = Mqtt5Client.builder()
                .identifier(settings.clientId())
                .serverHost(settings.host())
                .serverPort(settings.port())
                .automaticReconnect().initialDelay(200, TimeUnit.MILLISECONDS).maxDelay(10, TimeUnit.SECONDS)
                .applyAutomaticReconnect()
                .addConnectedListener(ctx -> log.info("Connected to the broker at {}:{} as {}", settings.host(),
                        settings.port(), settings.clientId()))
                .addDisconnectedListener(ctx -> {
                    if (ctx.getSource() != MqttDisconnectSource.USER) {
                        log.warn("Broker {}:{} not reachable ({}); reconnecting", settings.host(), settings.port(),
                                ctx.getCause().getMessage());
                    }
                });
        if (settings.username() != null) {
            builder = builder.simpleAuth().username(settings.username())
                    .password(settings.password() == null ? new byte[0] : settings.password().getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth();
        }
        Mqtt5AsyncClient c = builder.buildAsync();
        // Registered before connecting, so what the broker kept for our session is not missed.
        c.publishes(MqttGlobalPublishFilter.ALL, this::onPublish, true);
        c.connectWith().cleanStart(false).sessionExpiryInterval(SESSION_EXPIRY_SECONDS).keepAlive(30).send()
                .thenCompose(ack -> c.subscribeWith()
                        .addSubscription().topicFilter(Contract.RESULTS).qos(MqttQos.AT_LEAST_ONCE).applySubscription()
                        .addSubscription().topicFilter(Contract.TELEMETRY).qos(MqttQos.AT_LEAST_ONCE).applySubscription()
                        .addSubscription().topicFilter(Contract.STATUS).qos(MqttQos.AT_LEAST_ONCE).applySubscription()
                        .send())
                .whenComplete((ack, e) -> {
                    if (e != null) {
                        log.warn("Cannot subscribe at the broker {}:{} yet: {}", settings.host(), settings.port(),
                                e.getMessage());
                    }
                });
        client = c;
        running = true;
    }

    public boolean connected() {
        Mqtt5AsyncClient c = client;
        return c != null && c.getState().isConnected();
    }

    /** Sends a job batch to an AP's P2P inbox; completes when the broker acknowledged it (PUBACK). */
    public CompletableFuture<Void> sendToAp(String apSerial, byte[] batch) {
        return client.publishWith().topic(Contract.inbox(apSerial)).qos(MqttQos.AT_LEAST_ONCE).payload(batch).send()
                .thenAccept(result -> result.getError().ifPresent(e -> {
                    throw new IllegalStateException("broker refused the batch for " + apSerial + ": " + e.getMessage(), e);
                }));
    }

    private void onPublish(Mqtt5Publish publish) {
        // Not acknowledged when it could not be recorded: the broker sends it again after we reconnect, so
        // reconnect now rather than leave it stuck.
        inbound.submit(publish.getTopic().toString(), publish.getPayloadAsBytes(), publish::acknowledge,
                () -> client.disconnect());
    }

    @Override
    public void stop() {
        running = false;
        Mqtt5AsyncClient c = client;
        if (c != null) {
            try {
                c.disconnect().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.debug("Disconnect: {}", e.getMessage());
            }
        }
        try {
            inbound.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
