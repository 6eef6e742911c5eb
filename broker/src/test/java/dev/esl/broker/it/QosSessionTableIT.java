package dev.esl.broker.it;

import static dev.esl.broker.it.RawPackets.LEVEL_311;
import static dev.esl.broker.it.RawPackets.LEVEL_5;
import static org.assertj.core.api.Assertions.assertThat;

import dev.esl.broker.it.Clients.Received;
import dev.esl.broker.it.LibraryClient.Library;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seed's QoS x cleanSession table, row by row, with real clients of both protocol versions: what an
 * online subscriber receives, and what is kept for it while it is offline. Where the seed says "not
 * supported" (QoS 2 with cleanSession=false), the broker does better: the message is kept and delivered
 * exactly once. Then the finer points: QoS downgraded to the subscription's, and unacknowledged QoS 1/2
 * messages resent with DUP after a reconnect.
 */
class QosSessionTableIT {
    static final String AP = "GID_AP@@@ap-table";
    static final String MANAGER = "GID_TAGMGR@@@tm-table";
    static final String TOPIC = "esl/store-1/price";
    /** Markers go to the subscriber as P2P messages: they need no subscription, so they arrive in every row. */
    static final String P2P_TO_AP = "esl/p2p/" + AP;
    static final Duration QUIET = Duration.ofMillis(200);

    @RegisterExtension
    RunningBroker broker = RunningBroker.seed();

    final List<LibraryClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(LibraryClient::close);
    }

    LibraryClient client(Library library, String clientId) {
        LibraryClient c = library.client(broker, clientId);
        clients.add(c);
        return c;
    }

    static Stream<Arguments> table() {
        List<Arguments> rows = new ArrayList<>();
        for (Library library : Library.values()) {
            for (int qos = 0; qos <= 2; qos++) {
                rows.add(Arguments.of(qos, true, library));
                rows.add(Arguments.of(qos, false, library));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{2}: QoS {0}, cleanSession={1}")
    @MethodSource("table")
    void followsTheSeedsQosAndCleanSessionTable(int qos, boolean cleanSession, Library library) throws Exception {
        LibraryClient ap = client(library, AP);
        LibraryClient manager = client(library, MANAGER);
        assertThat(ap.connect(cleanSession)).as("session present at the first connection").isFalse();
        ap.subscribe(TOPIC, qos);
        manager.connect(true);

        // Online: the message is pushed once, at its QoS (every row of the table).
        manager.publish(TOPIC, "online", qos);
        manager.publish(P2P_TO_AP, "marker-online", qos);
        assertThat(ap.receivedBefore("marker-online")).containsExactly(new Received(TOPIC, "online", qos));

        // Offline: only QoS 1 and 2 are kept, and only for a persistent session.
        ap.disconnect();
        manager.publish(TOPIC, "while-offline", qos);

        assertThat(ap.connect(cleanSession)).as("session present after the reconnect").isEqualTo(!cleanSession);
        manager.publish(TOPIC, "after-reconnect", qos);
        manager.publish(P2P_TO_AP, "marker-reconnected", qos);

        List<Received> expected = new ArrayList<>();
        if (!cleanSession) {
            if (qos > 0) {
                expected.add(new Received(TOPIC, "while-offline", qos));
            }
            expected.add(new Received(TOPIC, "after-reconnect", qos)); // the subscription outlived the connection
        }
        assertThat(ap.receivedBefore("marker-reconnected")).as("received after the reconnect").containsExactlyElementsOf(expected);
        assertThat(ap.poll(QUIET)).as("a late duplicate").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Library.class)
    void deliversAtTheLowerOfThePublishedAndTheSubscribedQos(Library library) throws Exception {
        LibraryClient ap = client(library, AP);
        LibraryClient manager = client(library, MANAGER);
        ap.connect(true);
        for (int sub = 0; sub <= 2; sub++) {
            ap.subscribe("esl/down/sub" + sub, sub);
        }
        manager.connect(true);

        List<Received> expected = new ArrayList<>();
        for (int pub = 0; pub <= 2; pub++) {
            for (int sub = 0; sub <= 2; sub++) {
                manager.publish("esl/down/sub" + sub, "pub" + pub, pub);
                expected.add(new Received("esl/down/sub" + sub, "pub" + pub, Math.min(pub, sub)));
            }
        }

        // Counted, not marked: the broker sends in order, but neither library hands messages of different
        // QoS to the application in the order they arrived (HiveMQ queues QoS 0 apart, Paho waits for PUBREL).
        List<Received> received = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            received.add(ap.next());
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(ap.poll(QUIET)).as("a tenth message").isEmpty();
        assertThat(expected).as("QoS 2 published to a QoS 1 subscription").contains(new Received("esl/down/sub1", "pub2", 1));
    }

    // ---- redelivery after a reconnect, on the wire [MQTT-4.4.0-1]

    @ParameterizedTest(name = "MQTT protocol level {0}")
    @ValueSource(ints = {LEVEL_311, LEVEL_5})
    void resendsAnUnacknowledgedQos1MessageWithDupAtTheReconnectAndThenNoMore(int level) throws Exception {
        subscribePersistently(level, 1);
        publish("unacked", 1);
        int packetId;
        try (RawClient first = connectPersistent(level, true)) {
            RawClient.Packet original = first.expect(RawPackets.PUBLISH);
            assertThat(original.payloadText()).isEqualTo("unacked");
            assertThat(original.qos()).isEqualTo(1);
            assertThat(dup(original)).as("DUP on the first delivery").isFalse();
            packetId = original.packetId();
        } // closed without PUBACK

        try (RawClient second = connectPersistent(level, true)) {
            RawClient.Packet again = second.expect(RawPackets.PUBLISH);
            assertThat(again.payloadText()).isEqualTo("unacked");
            assertThat(again.qos()).isEqualTo(1);
            assertThat(dup(again)).as("DUP on the redelivery [MQTT-3.3.1-1]").isTrue();
            assertThat(again.packetId()).as("same packet id").isEqualTo(packetId);
            second.send(RawPackets.ack(RawPackets.PUBACK, packetId));
            assertThat(second.readWithin(QUIET)).isEmpty();
        }
        try (RawClient third = connectPersistent(level, true)) {
            assertThat(third.readWithin(QUIET)).as("anything after the PUBACK").isEmpty();
        }
    }

    @ParameterizedTest(name = "MQTT protocol level {0}")
    @ValueSource(ints = {LEVEL_311, LEVEL_5})
    void resendsAQos2MessageThatGotNoPubRecWithDupAndCompletesItOnce(int level) throws Exception {
        subscribePersistently(level, 2);
        publish("unreceived", 2);
        int packetId;
        try (RawClient first = connectPersistent(level, true)) {
            RawClient.Packet original = first.expect(RawPackets.PUBLISH);
            assertThat(original.qos()).isEqualTo(2);
            assertThat(dup(original)).isFalse();
            packetId = original.packetId();
        } // closed without PUBREC

        try (RawClient second = connectPersistent(level, true)) {
            RawClient.Packet again = second.expect(RawPackets.PUBLISH);
            assertThat(again.payloadText()).isEqualTo("unreceived");
            assertThat(dup(again)).isTrue();
            assertThat(again.packetId()).isEqualTo(packetId);
            second.send(RawPackets.ack(RawPackets.PUBREC, packetId));
            assertThat(second.expect(RawPackets.PUBREL).packetId()).isEqualTo(packetId);
            second.send(RawPackets.ack(RawPackets.PUBCOMP, packetId));
            assertThat(second.readWithin(QUIET)).isEmpty();
        }
        try (RawClient third = connectPersistent(level, true)) {
            assertThat(third.readWithin(QUIET)).as("anything after the PUBCOMP").isEmpty();
        }
    }

    @ParameterizedTest(name = "MQTT protocol level {0}")
    @ValueSource(ints = {LEVEL_311, LEVEL_5})
    void resendsOnlyThePubRelOfAQos2MessageAlreadyReceivedSoItIsNotDeliveredTwice(int level) throws Exception {
        subscribePersistently(level, 2);
        publish("received-once", 2);
        int packetId;
        try (RawClient first = connectPersistent(level, true)) {
            RawClient.Packet original = first.expect(RawPackets.PUBLISH);
            packetId = original.packetId();
            first.send(RawPackets.ack(RawPackets.PUBREC, packetId));
            assertThat(first.expect(RawPackets.PUBREL).packetId()).isEqualTo(packetId);
        } // closed without PUBCOMP

        try (RawClient second = connectPersistent(level, true)) {
            RawClient.Packet pubRel = second.expect(RawPackets.PUBREL);
            assertThat(pubRel.packetId()).isEqualTo(packetId);
            second.send(RawPackets.ack(RawPackets.PUBCOMP, packetId));
            assertThat(second.readWithin(QUIET)).as("the PUBLISH again").isEmpty();
        }
    }

    // ---- helpers

    /** Gives {@link #AP} a persistent session with a subscription to {@link #TOPIC}, then leaves. */
    private void subscribePersistently(int level, int qos) throws IOException {
        try (RawClient ap = connectPersistent(level, false)) {
            ap.send(RawPackets.subscribe(level == LEVEL_5, 1, TOPIC, qos));
            RawClient.Packet subAck = ap.expect(RawPackets.SUBACK);
            assertThat(subAck.body()[subAck.body().length - 1]).as("granted QoS").isEqualTo((byte) qos);
            ap.send(RawPackets.disconnect());
        }
    }

    private void publish(String payload, int qos) {
        LibraryClient manager = client(Library.HIVEMQ_5, MANAGER);
        manager.connect(true);
        manager.publish(TOPIC, payload, qos);
        manager.disconnect();
    }

    /** Connects {@link #AP} with cleanSession=0 (MQTT 5: Clean Start 0, Session Expiry 300 s). */
    private RawClient connectPersistent(int level, boolean sessionPresent) throws IOException {
        boolean v5 = level == LEVEL_5;
        byte[] connect = RawPackets.packet(0x10, RawPackets.concat(RawPackets.utf8("MQTT"), new byte[] {(byte) level, 0x00},
                RawPackets.u16(60),
                v5 ? RawPackets.props().u32(RawPackets.SESSION_EXPIRY_INTERVAL, 300).encoded() : new byte[0],
                RawPackets.utf8(AP)));
        RawClient client = RawClient.open(broker.port(), v5);
        client.send(connect);
        RawClient.Packet connAck = client.expect(RawPackets.CONNACK);
        assertThat(connAck.connAckCode()).as("CONNACK code").isZero();
        assertThat(connAck.body()[0] & 0x01).as("session present").isEqualTo(sessionPresent ? 1 : 0);
        return client;
    }

    private static boolean dup(RawClient.Packet publish) {
        return (publish.firstByte() & 0x08) != 0;
    }
}
