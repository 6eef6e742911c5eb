package dev.esl.gateway.uplink;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.esl.gateway.contract.ApStatus;
import dev.esl.gateway.contract.ContractJson;
import dev.esl.gateway.contract.TelemetryReport;
import dev.esl.gateway.journal.Journal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's MQTT connection (HiveMQ MQTT client, MQTT 5): a persistent session as
 * {@code GID_AP@@@<apSerial>}, reconnecting with backoff; a will that marks the AP offline; the retained
 * status on every connect and at an interval; job batches from the P2P inbox, acknowledged only after the
 * handler stored them; results from the journal; telemetry.
 */
public final class Uplink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Uplink.class);

    /** Takes a job batch's bytes; must have stored it durably when it returns. Throws to leave it unacknowledged. */
    @FunctionalInterface
    public interface BatchHandler {
        void handle(byte[] payload) throws Exception;
    }

    private final UplinkSettings settings;
    private final Supplier<ApStatus> status;
    private final Clock clock;
    private final Mqtt5AsyncClient client;
    private final ResultSender sender;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "uplink-status");
        t.setDaemon(true);
        return t;
    });

    public Uplink(UplinkSettings settings, Journal journal, Supplier<ApStatus> status, BatchHandler handler,
            String version, Clock clock) {
        this.settings = settings;
        this.status = status;
        this.clock = clock;
        byte[] offline = ContractJson.write(ApStatus.offline(settings.storeId(), settings.apSerial(), version,
                clock.instant()));
        Mqtt5ClientBuilder builder = Mqtt5Client.builder()
                .identifier(settings.clientId())
                .serverHost(settings.host())
                .serverPort(settings.port())
                .automaticReconnect()
                .initialDelay(settings.reconnectInitial().toMillis(), TimeUnit.MILLISECONDS)
                .maxDelay(settings.reconnectMax().toMillis(), TimeUnit.MILLISECONDS)
                .applyAutomaticReconnect()
                .willPublish().topic(settings.apTopic("status")).qos(MqttQos.AT_LEAST_ONCE).retain(true)
                .payload(offline).applyWillPublish()
                .addConnectedListener(ctx -> onConnected())
                .addDisconnectedListener(ctx -> {
                    if (ctx.getSource() == MqttDisconnectSource.USER) {
                        log.info("disconnected from the broker");
                    } else {
                        log.warn("broker {}:{} disconnected ({}); reconnecting", settings.host(), settings.port(),
                                ctx.getCause().getMessage());
                    }
                });
        if (settings.username() != null) {
            builder = builder.simpleAuth().username(settings.username())
                    .password(settings.password() == null ? new byte[0]
                            : settings.password().getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth();
        }
        this.client = builder.buildAsync();
        this.sender = new ResultSender(client, journal, settings, clock);
        journal.onResultAdded(sender::signal);
        // Registered before connecting, so messages the broker kept for our session are not missed.
        client.publishes(MqttGlobalPublishFilter.ALL, publish -> onPublish(publish, handler), true);
    }

    public void start() {
        sender.start();
        client.connectWith().cleanStart(false).sessionExpiryInterval(settings.sessionExpiry().toSeconds())
                .keepAlive(30).send()
                .whenComplete((ack, e) -> {
                    if (e != null) {
                        log.warn("cannot connect to the broker at {}:{} yet: {}", settings.host(), settings.port(),
                                e.getMessage());
                    }
                });
        long interval = settings.statusInterval().toMillis();
        timer.scheduleWithFixedDelay(this::publishStatus, interval, interval, TimeUnit.MILLISECONDS);
    }

    public boolean connected() {
        return client.getState().isConnected();
    }

    /** Results sent and acknowledged since start. */
    public long resultsSent() {
        return sender.sent();
    }

    public void publishTelemetry(TelemetryReport report) {
        if (connected() && !report.tags().isEmpty()) {
            client.publishWith().topic(settings.apTopic("telemetry")).qos(MqttQos.AT_MOST_ONCE)
                    .payload(ContractJson.write(report)).send();
        }
    }

    public void publishStatus() {
        if (connected()) {
            client.publishWith().topic(settings.apTopic("status")).qos(MqttQos.AT_LEAST_ONCE).retain(true)
                    .payload(ContractJson.write(status.get())).send();
        }
    }

    private void onConnected() {
        log.info("connected to the broker at {}:{} as {}", settings.host(), settings.port(), settings.clientId());
        publishStatus();
        sender.signal();
    }

    private void onPublish(Mqtt5Publish publish, BatchHandler handler) {
        String topic = publish.getTopic().toString();
        if (!topic.equals(settings.inboxTopic())) {
            log.warn("message on unexpected topic {} ignored", topic);
            publish.acknowledge();
            return;
        }
        try {
            handler.handle(publish.getPayloadAsBytes());
            publish.acknowledge();
        } catch (Exception e) {
            // Not acknowledged: the broker keeps it in flight and sends it again when we reconnect.
            log.error("job batch could not be stored; left unacknowledged for redelivery", e);
        }
    }

    /** Marks the AP offline (retained) and disconnects; a normal disconnect does not fire the will. */
    @Override
    public void close() {
        timer.shutdownNow();
        sender.close();
        try {
            if (connected()) {
                client.publishWith().topic(settings.apTopic("status")).qos(MqttQos.AT_LEAST_ONCE).retain(true)
                        .payload(ContractJson.write(ApStatus.offline(settings.storeId(), settings.apSerial(),
                                status.get().version(), clock.instant())))
                        .send().get(5, TimeUnit.SECONDS);
            }
            client.disconnect().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Not connected at the moment (the broker is away): nothing to tell it; the will says offline.
            log.info("stopped while not connected to the broker ({})", e.getCause() == null ? e : e.getCause().getMessage());
        }
    }
}
