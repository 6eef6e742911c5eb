package dev.esl.broker.it;

import static dev.esl.broker.it.RawPackets.LEVEL_311;
import static dev.esl.broker.it.RawPackets.LEVEL_5;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient.Mqtt5Publishes;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Will messages: published when a connection ends without DISCONNECT (closed, kept silent past 1.5 x its
 * keep-alive, taken over) or with the MQTT 5 DISCONNECT 0x04, never after a normal DISCONNECT; the MQTT 5
 * Will Delay Interval, which a reconnect within the delay cancels; retained wills.
 */
class WillIT {
    static final String AP = "GID_AP@@@ap-will";
    static final String WILL_TOPIC = "esl/will/ap-will";
    static final String MARKER_TOPIC = "esl/will/marker";
    static final String DISPATCHER_LOGGER = "dev.esl.broker.protocol.PacketDispatcher";
    static final Duration WAIT = Duration.ofSeconds(Clients.TIMEOUT_SECONDS);

    @RegisterExtension
    RunningBroker broker = RunningBroker.seed();

    final List<Mqtt5BlockingClient> v5Clients = new ArrayList<>();
    final List<MqttClient> v3Clients = new ArrayList<>();
    /** The broker's "<clientId> disconnected" lines: by then a will due at once has been published. */
    final LogCapture disconnects = LogCapture.of(DISPATCHER_LOGGER, Level.INFO);
    Mqtt5Publishes atWatcher;

    @BeforeEach
    void watchWills() {
        Mqtt5BlockingClient watcher = v5("GID_TAGMGR@@@watcher");
        watcher.connect();
        atWatcher = watcher.publishes(MqttGlobalPublishFilter.ALL);
        watcher.subscribeWith().topicFilter("esl/will/#").qos(MqttQos.AT_LEAST_ONCE).send();
    }

    @AfterEach
    void closeClients() {
        atWatcher.close();
        v5Clients.forEach(Clients::disconnectQuietly);
        v3Clients.forEach(Clients::closeQuietly);
        disconnects.close();
    }

    // ---- when the will is published, and when not

    @Test
    void publishesTheWillWhenAnMqtt311ClientLosesItsConnectionWithoutDisconnect() throws Exception {
        MqttClient paho = pahoWithWill(false);

        paho.disconnectForcibly(0, 1000, false); // the socket closes, no DISCONNECT is sent

        Mqtt5Publish will = nextAtWatcher();
        assertThat(will.getTopic().toString()).isEqualTo(WILL_TOPIC);
        assertThat(payload(will)).isEqualTo("ap-will lost");
        assertThat(will.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
    }

    @ParameterizedTest(name = "MQTT protocol level {0}")
    @ValueSource(ints = {LEVEL_311, LEVEL_5})
    void publishesTheWillWhenTheSocketIsClosedWithoutDisconnect(int level) throws Exception {
        RawClient ap = RawClient.connected(broker.port(), level, connectWithWill(level, 60, 0, new RawWill(1, false, 0)));

        ap.close();

        assertThat(payload(nextAtWatcher())).isEqualTo("ap-will lost");
    }

    @Test
    void doesNotPublishTheWillAfterANormalMqtt311Disconnect() throws Exception {
        MqttClient paho = pahoWithWill(false);

        paho.disconnect(Clients.TIMEOUT_SECONDS * 1000L);

        assertNoWillBeforeAMarker();
    }

    @Test
    void doesNotPublishTheWillAfterANormalMqtt5Disconnect() throws Exception {
        Mqtt5BlockingClient ap = v5(AP);
        ap.connectWith().willPublish().topic(WILL_TOPIC).payload("ap-will lost".getBytes(UTF_8)).qos(MqttQos.AT_LEAST_ONCE)
                .applyWillPublish().send();

        ap.disconnect(); // reason 0x00, Normal disconnection

        assertNoWillBeforeAMarker();
    }

    @Test
    void publishesTheWillWithItsPropertiesOnMqtt5DisconnectWithWillMessage() throws Exception {
        Mqtt5BlockingClient ap = v5(AP);
        ap.connectWith().willPublish().topic(WILL_TOPIC).payload("ap-will lost".getBytes(UTF_8)).qos(MqttQos.EXACTLY_ONCE)
                .contentType("text/plain").userProperties().add("store", "s-1").add("ap", "ap-will").applyUserProperties()
                .applyWillPublish().send();

        ap.disconnectWith().reasonCode(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE).send();

        Mqtt5Publish will = nextAtWatcher();
        assertThat(payload(will)).isEqualTo("ap-will lost");
        assertThat(will.getQos()).as("QoS 2 will to a QoS 1 subscription").isEqualTo(MqttQos.AT_LEAST_ONCE);
        assertThat(will.getContentType()).hasValueSatisfying(c -> assertThat(c.toString()).isEqualTo("text/plain"));
        assertThat(will.getUserProperties().asList()).extracting(p -> p.getName() + "=" + p.getValue())
                .containsExactly("store=s-1", "ap=ap-will");
    }

    @ParameterizedTest(name = "MQTT protocol level {0}")
    @ValueSource(ints = {LEVEL_311, LEVEL_5})
    void publishesTheWillOfAConnectionTakenOverByANewOneWithTheSameClientId(int level) throws Exception {
        try (RawClient first = RawClient.connected(broker.port(), level, connectWithWill(level, 60, 0, new RawWill(1, false, 0)))) {
            v5(AP).connect();

            assertThat(payload(nextAtWatcher())).isEqualTo("ap-will lost");
            first.packetsUntilClosed();
        }
    }

    @Test
    void publishesTheDelayedWillOfAConnectionTakenOverWhenItsSessionEndsWithTheTakeover() throws Exception {
        // Session Expiry 0: the old session ends at the takeover, so its will goes out then, delay or not
        // (MQTT 5, 3.1.4, on [MQTT-3.1.4-3]).
        try (RawClient first = RawClient.connected(broker.port(), LEVEL_5, connectWithWill(LEVEL_5, 60, 0, new RawWill(1, false, 30)))) {
            v5(AP).connectWith().cleanStart(false).send();

            assertThat(payload(nextAtWatcher())).isEqualTo("ap-will lost");
            assertThat(first.assertDisconnectedWith(0x8E).reasonString()).contains("clientId conflict");
        }
    }

    @Test
    void publishesTheWillOfAClientSilentForOneAndAHalfKeepAlivesAfterItsWillDelay() throws Exception {
        try (RawClient ap = RawClient.connected(broker.port(), LEVEL_5, connectWithWill(LEVEL_5, 1, 60, new RawWill(1, false, 1)))) {
            long start = System.nanoTime();
            ap.assertDisconnectedWith(0x8D); // Keep Alive timeout
            long closedAfter = millisSince(start);
            assertThat(closedAfter).as("1.5 x a keep-alive of 1 s").isBetween(1_300L, 3_000L);

            assertThat(payload(nextAtWatcher())).isEqualTo("ap-will lost");
            assertThat(millisSince(start) - closedAfter).as("the will delay of 1 s").isBetween(800L, 3_000L);
        }
    }

    // ---- Will Delay Interval (MQTT 5)

    @ParameterizedTest(name = "ended by {0}")
    @ValueSource(strings = {"socket close", "DISCONNECT 0x04"})
    void publishesTheWillOnlyAfterItsDelay(String ending) throws Exception {
        RawClient ap = RawClient.connected(broker.port(), LEVEL_5, connectWithWill(LEVEL_5, 60, 60, new RawWill(1, false, 1)));
        long start = System.nanoTime();
        if (ending.startsWith("DISCONNECT")) {
            ap.send(new byte[] {(byte) 0xE0, 0x01, 0x04});
        }
        ap.close();

        assertThat(payload(nextAtWatcher())).isEqualTo("ap-will lost");
        assertThat(millisSince(start)).as("the will delay of 1 s").isBetween(900L, 3_000L);
    }

    @Test
    void cancelsTheDelayedWillWhenTheClientReconnectsWithinTheDelay() throws Exception {
        RawClient ap = RawClient.connected(broker.port(), LEVEL_5, connectWithWill(LEVEL_5, 60, 60, new RawWill(1, false, 1)));
        long start = System.nanoTime();
        ap.close();
        awaitDisconnected(AP);

        Mqtt5BlockingClient back = v5(AP);
        assertThat(back.connectWith().cleanStart(false).sessionExpiryInterval(60).send().isSessionPresent()).isTrue();
        assertThat(millisSince(start)).as("reconnected within the delay").isLessThan(1_000L);

        Thread.sleep(Math.max(0, 1_500 - millisSince(start))); // past the delay
        assertNoWillBeforeAMarker();
    }

    @Test
    void publishesTheDelayedWillAtOnceWhenTheClientReturnsWithCleanStartAndSoEndsTheSession() throws Exception {
        RawClient ap = RawClient.connected(broker.port(), LEVEL_5, connectWithWill(LEVEL_5, 60, 60, new RawWill(1, false, 30)));
        long start = System.nanoTime();
        ap.close();
        awaitDisconnected(AP);

        v5(AP).connectWith().cleanStart(true).send();

        assertThat(payload(nextAtWatcher())).isEqualTo("ap-will lost");
        assertThat(millisSince(start)).as("long before the will delay of 30 s").isLessThan(5_000L);
    }

    @Test
    void publishesTheDelayedWillWhenTheSessionExpiresFirst() throws Exception {
        RawClient ap = RawClient.connected(broker.port(), LEVEL_5, connectWithWill(LEVEL_5, 60, 1, new RawWill(1, false, 30)));
        long start = System.nanoTime();
        ap.close();

        assertThat(payload(nextAtWatcher())).isEqualTo("ap-will lost");
        assertThat(millisSince(start)).as("the session expiry of 1 s, not the will delay of 30 s").isBetween(900L, 3_000L);
    }

    @Test
    void countsTheWillsMessageExpiryIntervalFromItsPublicationNotFromTheConnect() throws Exception {
        RawWill will = new RawWill(1, false, 0);
        RawClient ap = RawClient.connected(broker.port(), LEVEL_5, connectWithWill(LEVEL_5, 60, 0, will, 1));
        Thread.sleep(1_300); // connected for longer than the will's lifetime

        ap.close();

        Mqtt5Publish published = nextAtWatcher();
        assertThat(payload(published)).isEqualTo("ap-will lost");
        assertThat(published.getMessageExpiryInterval()).as("the will's Message Expiry Interval [MQTT-3.1.3.2.4]").hasValue(1L);
        assertThat(broker.broker().stats()).containsEntry("expiredDropped", 0L);
    }

    // ---- retained wills

    @Test
    void retainedWillIsKeptForLaterSubscribers() throws Exception {
        MqttClient paho = pahoWithWill(true);
        paho.disconnectForcibly(0, 1000, false);
        Mqtt5Publish live = nextAtWatcher();
        assertThat(payload(live)).isEqualTo("ap-will lost");
        assertThat(live.isRetain()).as("retain flag towards an existing subscription [MQTT-3.3.1-12]").isFalse();

        Mqtt5BlockingClient later = v5("GID_TAGMGR@@@later");
        later.connect();
        try (Mqtt5Publishes atLater = later.publishes(MqttGlobalPublishFilter.ALL)) {
            later.subscribeWith().topicFilter("esl/will/+").qos(MqttQos.AT_LEAST_ONCE).send();
            Mqtt5Publish retained = atLater.receive(Clients.TIMEOUT_SECONDS, TimeUnit.SECONDS).orElseThrow();
            assertThat(retained.getTopic().toString()).isEqualTo(WILL_TOPIC);
            assertThat(payload(retained)).isEqualTo("ap-will lost");
            assertThat(retained.isRetain()).isTrue();
        }
    }

    @Test
    void retainedWillIsKeptAfterTheMqtt5WillDelay() throws Exception {
        RawClient ap = RawClient.connected(broker.port(), LEVEL_5, connectWithWill(LEVEL_5, 60, 60, new RawWill(1, true, 1)));
        ap.close();
        assertThat(payload(nextAtWatcher())).isEqualTo("ap-will lost");

        Mqtt5BlockingClient later = v5("GID_TAGMGR@@@later");
        later.connect();
        try (Mqtt5Publishes atLater = later.publishes(MqttGlobalPublishFilter.ALL)) {
            later.subscribeWith().topicFilter(WILL_TOPIC).qos(MqttQos.AT_LEAST_ONCE).send();
            Mqtt5Publish retained = atLater.receive(Clients.TIMEOUT_SECONDS, TimeUnit.SECONDS).orElseThrow();
            assertThat(payload(retained)).isEqualTo("ap-will lost");
            assertThat(retained.isRetain()).isTrue();
        }
    }

    // ---- helpers

    private Mqtt5BlockingClient v5(String clientId) {
        Mqtt5BlockingClient c = Clients.v5(broker, clientId);
        v5Clients.add(c);
        return c;
    }

    /** An MQTT 3.1.1 client (Paho) connected with a QoS 1 will. */
    private MqttClient pahoWithWill(boolean retained) throws Exception {
        MqttClient c = Clients.v3(broker, AP);
        c.setTimeToWait(Clients.TIMEOUT_SECONDS * 1000L);
        v3Clients.add(c);
        MqttConnectOptions options = Clients.v3Options(true);
        options.setWill(WILL_TOPIC, "ap-will lost".getBytes(UTF_8), 1, retained);
        c.connect(options);
        return c;
    }

    private Mqtt5Publish nextAtWatcher() throws InterruptedException {
        return atWatcher.receive(Clients.TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .orElseThrow(() -> new AssertionError("no will within " + Clients.TIMEOUT_SECONDS + " s"));
    }

    /**
     * Once the broker has handled the will owner's disconnection, a QoS 1 marker goes to the watcher: a
     * QoS 1 will published at the disconnection would have reached the watcher first.
     */
    private void assertNoWillBeforeAMarker() throws InterruptedException {
        awaitDisconnected(AP);
        Mqtt5BlockingClient marker = v5("GID_TAGMGR@@@marker");
        marker.connect();
        marker.publishWith().topic(MARKER_TOPIC).qos(MqttQos.AT_LEAST_ONCE).payload("marker".getBytes(UTF_8)).send();
        Mqtt5Publish next = nextAtWatcher();
        assertThat(next.getTopic().toString()).as("the first message after the disconnection (%s)", payload(next))
                .isEqualTo(MARKER_TOPIC);
    }

    private void awaitDisconnected(String clientId) {
        await().atMost(WAIT).until(() -> disconnects.lines().stream()
                .anyMatch(line -> line.startsWith("INFO " + clientId + " disconnected")));
    }

    /** A will of {@link #AP} on {@link #WILL_TOPIC}; {@code delaySeconds} is sent for MQTT 5 only. */
    record RawWill(int qos, boolean retain, long delaySeconds) {
    }

    private static byte[] connectWithWill(int level, int keepAlive, long sessionExpiry, RawWill will) {
        return connectWithWill(level, keepAlive, sessionExpiry, will, 0);
    }

    /**
     * CONNECT of {@link #AP} with Clean Start and a will; {@code sessionExpiry} and {@code willExpiry} (the
     * will's Message Expiry Interval, none if 0) are sent for MQTT 5 only.
     */
    private static byte[] connectWithWill(int level, int keepAlive, long sessionExpiry, RawWill will, long willExpiry) {
        boolean v5 = level == LEVEL_5;
        int flags = 0x02 | 0x04 | will.qos() << 3 | (will.retain() ? 0x20 : 0);
        RawPackets.Props willProps = RawPackets.props();
        if (will.delaySeconds() > 0) {
            willProps.u32(0x18, will.delaySeconds()); // Will Delay Interval
        }
        if (willExpiry > 0) {
            willProps.u32(RawPackets.MESSAGE_EXPIRY_INTERVAL, willExpiry);
        }
        return RawPackets.packet(0x10, RawPackets.concat(
                RawPackets.utf8("MQTT"), new byte[] {(byte) level, (byte) flags}, RawPackets.u16(keepAlive),
                v5 ? RawPackets.props().u32(RawPackets.SESSION_EXPIRY_INTERVAL, sessionExpiry).encoded() : new byte[0],
                RawPackets.utf8(AP),
                v5 ? willProps.encoded() : new byte[0],
                RawPackets.utf8(WILL_TOPIC),
                RawPackets.binary("ap-will lost".getBytes(UTF_8))));
    }

    private static String payload(Mqtt5Publish p) {
        return new String(p.getPayloadAsBytes(), UTF_8);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
