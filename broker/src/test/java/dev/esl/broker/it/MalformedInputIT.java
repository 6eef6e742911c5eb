package dev.esl.broker.it;

import static dev.esl.broker.it.RawPackets.LEVEL_311;
import static dev.esl.broker.it.RawPackets.LEVEL_5;
import static dev.esl.broker.it.RawPackets.concat;
import static dev.esl.broker.it.RawPackets.packet;
import static dev.esl.broker.it.RawPackets.props;
import static dev.esl.broker.it.RawPackets.u16;
import static dev.esl.broker.it.RawPackets.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad bytes on the wire. Each fault closes the faulty connection (MQTT 5 connections that sent CONNECT
 * first get a DISCONNECT with the reason), and a healthy client connected before the fault is still served
 * afterwards.
 */
class MalformedInputIT {
    private static final int MAX_PACKET_SIZE = 1024;
    private static final String RAW_ID = "GID_TEST@@@raw";
    private static final String DISPATCHER_LOGGER = "dev.esl.broker.protocol"; // the dispatcher and the processors

    private static final int MALFORMED_PACKET = 0x81;
    private static final int PROTOCOL_ERROR = 0x82;
    private static final int PACKET_TOO_LARGE = 0x95;

    @RegisterExtension
    RunningBroker broker = RunningBroker.seed(b -> b.maxPacketSize(MAX_PACKET_SIZE).connectTimeoutSeconds(1));

    private HealthyClients healthy;

    @BeforeEach
    void connectHealthyClients() {
        healthy = new HealthyClients(broker.port());
    }

    @AfterEach
    void disconnectHealthyClients() {
        healthy.close();
    }

    /** Bytes sent after an accepted CONNECT; the function is told whether the connection is MQTT 5. */
    record Fault(String name, Function<Boolean, byte[]> bytes) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Fault> malformedPackets() {
        return Stream.of(
                new Fault("remaining length of more than four bytes", v5 -> bytes(0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F)),
                new Fault("SUBSCRIBE with reserved flag bits 0000 instead of 0010",
                        v5 -> withFirstByte(0x80, RawPackets.subscribe(v5, 1, "test/x", 1))),
                new Fault("PINGREQ with reserved flag bit 0 set", v5 -> bytes(0xC1, 0x00)),
                new Fault("PUBLISH with QoS 3", v5 -> withFirstByte(0x36, RawPackets.publish(v5, "test/x", 1, 1, "x"))),
                new Fault("PUBLISH to a topic with '+'", v5 -> RawPackets.publish(v5, "test/+/x", 0, 0, "x")),
                new Fault("PUBLISH to a topic with '#'", v5 -> RawPackets.publish(v5, "test/#", 1, 7, "x")),
                new Fault("SUBSCRIBE whose remaining length is 3 bytes short of its content",
                        v5 -> shortenRemainingLength(RawPackets.subscribe(v5, 1, "test/truncated", 1), 3)),
                new Fault("PUBLISH whose remaining length ends inside its topic",
                        v5 -> withRemainingLength(RawPackets.publish(v5, "test/truncated", 1, 1, "payload"), 4)),
                new Fault("packet of the reserved type 0", v5 -> bytes(0x00, 0x00)),
                new Fault("SUBSCRIBE with packet identifier 0", v5 -> RawPackets.subscribe(v5, 0, "test/x", 1)),
                new Fault("QoS 0 PUBLISH to a topic that is not valid UTF-8",
                        v5 -> RawPackets.publish(v5, invalidUtf8Topic(), 0, 0, props(), "x".getBytes(StandardCharsets.UTF_8))),
                new Fault("QoS 1 PUBLISH to a topic that is not valid UTF-8",
                        v5 -> RawPackets.publish(v5, invalidUtf8Topic(), 1, 3, props(), "x".getBytes(StandardCharsets.UTF_8))),
                new Fault("QoS 1 PUBLISH to a topic containing U+0000",
                        v5 -> RawPackets.publish(v5, "test/a\u0000b", 1, 4, "x")),
                new Fault("QoS 0 PUBLISH to a topic containing U+0000",
                        v5 -> RawPackets.publish(v5, "test/a\u0000b", 0, 0, "x")),
                new Fault("SUBSCRIBE to a filter that is not valid UTF-8", v5 -> packet(0x82, concat(
                        u16(5), v5 ? props().encoded() : new byte[0], RawPackets.binary(invalidUtf8Topic()), new byte[] {1}))));
    }

    static Stream<Fault> protocolErrors() {
        return Stream.of(
                new Fault("second CONNECT", v5 -> RawPackets.connect(v5 ? LEVEL_5 : LEVEL_311, RAW_ID)),
                new Fault("CONNACK sent by a client", v5 -> v5 ? bytes(0x20, 0x03, 0x00, 0x00, 0x00) : bytes(0x20, 0x02, 0x00, 0x00)),
                new Fault("SUBSCRIBE without any topic filter", v5 -> packet(0x82, concat(u16(9), v5 ? props().encoded() : new byte[0]))),
                new Fault("UNSUBSCRIBE without any topic filter", v5 -> packet(0xA2, concat(u16(9), v5 ? props().encoded() : new byte[0]))),
                new Fault("PUBLISH with neither topic name nor topic alias", v5 -> RawPackets.publish(v5, "", 1, 2, "x")));
    }

    static Stream<Fault> oversizedPackets() {
        return Stream.of(
                new Fault("PUBLISH whose remaining length is twice the maximum packet size", v5 -> {
                    // Only the headers are sent: the broker must refuse it from the declared length alone.
                    byte[] head = concat(utf8("test/big"), u16(1), v5 ? props().encoded() : new byte[0]);
                    return concat(bytes(0x32), RawPackets.varInt(2 * MAX_PACKET_SIZE), head);
                }),
                new Fault("PUBLISH one byte larger than the maximum packet size", v5 -> publishOfTotalSize(v5, MAX_PACKET_SIZE + 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedPackets")
    void malformedPacketFromMqtt5ClientGetsDisconnectMalformedPacketAndClose(Fault fault) throws IOException {
        try (LogCapture log = LogCapture.of(DISPATCHER_LOGGER);
             RawClient client = RawClient.connected(broker.port(), LEVEL_5, RAW_ID)) {
            client.send(fault.bytes().apply(true));
            client.assertDisconnectedWith(MALFORMED_PACKET);
            assertThat(log.lines()).as("a log line naming the client and the fault")
                    .anySatisfy(line -> assertThat(line).startsWith("WARN").contains(RAW_ID).containsAnyOf("Closing", "Disconnecting"));
        }
        healthy.assertStillServed();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedPackets")
    void malformedPacketFromMqtt311ClientClosesTheConnection(Fault fault) throws IOException {
        try (RawClient client = RawClient.connected(broker.port(), LEVEL_311, RAW_ID)) {
            client.send(fault.bytes().apply(false));
            client.assertClosedSilently();
        }
        healthy.assertStillServed();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocolErrors")
    void protocolErrorFromMqtt5ClientGetsDisconnectProtocolErrorAndClose(Fault fault) throws IOException {
        try (LogCapture log = LogCapture.of(DISPATCHER_LOGGER);
             RawClient client = RawClient.connected(broker.port(), LEVEL_5, RAW_ID)) {
            client.send(fault.bytes().apply(true));
            client.assertDisconnectedWith(PROTOCOL_ERROR);
            assertThat(log.lines()).as("a log line naming the client and the fault")
                    .anySatisfy(line -> assertThat(line).startsWith("WARN").contains(RAW_ID).containsAnyOf("Closing", "Disconnecting"));
        }
        healthy.assertStillServed();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocolErrors")
    void protocolErrorFromMqtt311ClientClosesTheConnection(Fault fault) throws IOException {
        try (RawClient client = RawClient.connected(broker.port(), LEVEL_311, RAW_ID)) {
            client.send(fault.bytes().apply(false));
            client.assertClosedSilently();
        }
        healthy.assertStillServed();
    }

    @Test
    void malformedPacketPipelinedRightBehindConnectIsAnsweredWithConnAckFirstThenDisconnect() throws IOException {
        for (int round = 0; round < 5; round++) {
            try (RawClient client = RawClient.open(broker.port(), true)) {
                client.send(RawPackets.connect(LEVEL_5, RAW_ID), bytes(0x36, 0x03, 0x00, 0x01, 'x'));
                List<RawClient.Packet> packets = client.packetsUntilClosed();
                assertThat(packets).extracting(RawClient.Packet::type).as("CONNACK before any other packet [MQTT-3.2.0-1]")
                        .containsExactly(RawPackets.CONNACK, RawPackets.DISCONNECT);
                assertThat(packets.get(0).connAckCode()).isZero();
                assertThat(packets.get(1).reasonCode()).isEqualTo(MALFORMED_PACKET);
            }
        }
        healthy.assertStillServed();
    }

    @Test
    void secondConnectPipelinedRightBehindTheFirstIsAnsweredWithConnAckFirstThenDisconnect() throws IOException {
        try (RawClient client = RawClient.open(broker.port(), true)) {
            client.send(RawPackets.connect(LEVEL_5, RAW_ID), RawPackets.connect(LEVEL_5, RAW_ID));
            List<RawClient.Packet> packets = client.packetsUntilClosed();
            assertThat(packets).extracting(RawClient.Packet::type)
                    .containsExactly(RawPackets.CONNACK, RawPackets.DISCONNECT);
            assertThat(packets.get(1).reasonCode()).isEqualTo(PROTOCOL_ERROR);
        }
        healthy.assertStillServed();
    }

    @Test
    void authPacketWithoutAuthenticationMethodIsAProtocolErrorForMqtt5() throws IOException {
        try (RawClient client = RawClient.connected(broker.port(), LEVEL_5, RAW_ID)) {
            client.send(bytes(0xF0, 0x00));
            client.assertDisconnectedWith(PROTOCOL_ERROR);
        }
        healthy.assertStillServed();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oversizedPackets")
    void oversizedPacketFromMqtt5ClientGetsDisconnectPacketTooLargeAndClose(Fault fault) throws IOException {
        try (RawClient client = RawClient.connected(broker.port(), LEVEL_5, RAW_ID)) {
            client.send(fault.bytes().apply(true));
            client.assertDisconnectedWith(PACKET_TOO_LARGE);
        }
        healthy.assertStillServed();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oversizedPackets")
    void oversizedPacketFromMqtt311ClientClosesTheConnection(Fault fault) throws IOException {
        try (RawClient client = RawClient.connected(broker.port(), LEVEL_311, RAW_ID)) {
            client.send(fault.bytes().apply(false));
            client.assertClosedSilently();
        }
        healthy.assertStillServed();
    }

    @Test
    void publishOfExactlyTheMaximumPacketSizeIsAccepted() throws IOException {
        try (RawClient client = RawClient.connected(broker.port(), LEVEL_5, RAW_ID)) {
            byte[] publish = publishOfTotalSize(true, MAX_PACKET_SIZE);
            assertThat(publish).hasSize(MAX_PACKET_SIZE);
            client.send(publish);
            RawClient.Packet ack = client.expect(RawPackets.PUBACK);
            assertThat(ack.packetId()).isEqualTo(1);
            assertThat(ack.reasonCode()).as("PUBACK reason: success or no matching subscribers").isIn(0x00, 0x10);
            client.send(RawPackets.pingReq());
            client.expect(RawPackets.PINGRESP);
        }
        healthy.assertStillServed();
    }

    static Stream<Fault> packetsBeforeConnect() {
        return Stream.of(
                new Fault("PINGREQ before CONNECT", v5 -> RawPackets.pingReq()),
                new Fault("PUBLISH before CONNECT", v5 -> RawPackets.publish(false, "test/x", 1, 1, "x")),
                new Fault("SUBSCRIBE before CONNECT", v5 -> RawPackets.subscribe(false, 1, "test/#", 1)),
                new Fault("an HTTP request", v5 -> "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                new Fault("CONNECT with the reserved connect flag set",
                        v5 -> withByteAt(9, 0x03, RawPackets.connect(LEVEL_311, RAW_ID))),
                new Fault("MQTT 5 CONNECT whose remaining length is 2 bytes short of its content",
                        v5 -> shortenRemainingLength(RawPackets.connect(LEVEL_5, RAW_ID), 2)),
                new Fault("CONNECT larger than the maximum packet size",
                        v5 -> RawPackets.connect(LEVEL_5, "GID_TEST@@@" + "x".repeat(2 * MAX_PACKET_SIZE), 60, props())),
                new Fault("DISCONNECT before CONNECT", v5 -> RawPackets.disconnect()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packetsBeforeConnect")
    void badFirstPacketClosesTheConnectionWithoutConnAck(Fault fault) throws IOException {
        try (RawClient client = RawClient.open(broker.port(), false)) {
            client.send(fault.bytes().apply(false));
            client.assertClosedSilently();
        }
        healthy.assertStillServed();
    }

    @Test
    void truncatedPacketFollowedByEndOfStreamClosesTheConnection() throws IOException {
        try (RawClient client = RawClient.connected(broker.port(), LEVEL_5, RAW_ID)) {
            byte[] publish = RawPackets.publish(true, "test/x", 1, 1, "some payload");
            client.send(Arrays.copyOf(publish, publish.length - 4));
            client.shutdownOutput();
            List<RawClient.Packet> packets = client.packetsUntilClosed();
            // The broker may say why (Malformed Packet) or just close; it must not carry on.
            assertThat(packets).allSatisfy(p -> {
                assertThat(p.type()).isEqualTo(RawPackets.DISCONNECT);
                assertThat(p.reasonCode()).isEqualTo(MALFORMED_PACKET);
            });
        }
        healthy.assertStillServed();
    }

    @Test
    void unknownProtocolLevelGetsConnAckUnacceptableProtocolVersionAndClose() throws IOException {
        try (RawClient client = RawClient.open(broker.port(), false)) {
            client.send(withByteAt(8, 6, RawPackets.connect(LEVEL_311, RAW_ID)));
            List<RawClient.Packet> packets = client.packetsUntilClosed();
            assertThat(packets).hasSize(1);
            RawClient.Packet connAck = packets.get(0);
            assertThat(connAck.type()).isEqualTo(RawPackets.CONNACK);
            assertThat(connAck.body()).as("MQTT 3.1.1 CONNACK, return code 0x01").containsExactly(0x00, 0x01);
        }
        healthy.assertStillServed();
    }

    @Test
    void connectionThatNeverSendsConnectIsClosedAfterTheConnectTimeout() throws IOException {
        try (RawClient client = RawClient.open(broker.port(), false)) {
            long start = System.nanoTime();
            assertThat(client.packetsUntilClosed(Duration.ofSeconds(4))).isEmpty();
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(elapsedMillis).as("closed after the 1 s connect timeout").isBetween(800L, 3_000L);
        }
        healthy.assertStillServed();
    }

    @Test
    void connectionThatStopsHalfwayThroughConnectIsClosedAfterTheConnectTimeout() throws IOException {
        try (RawClient client = RawClient.open(broker.port(), false)) {
            byte[] connect = RawPackets.connect(LEVEL_311, RAW_ID);
            client.send(Arrays.copyOf(connect, 5));
            long start = System.nanoTime();
            assertThat(client.packetsUntilClosed(Duration.ofSeconds(4))).isEmpty();
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(elapsedMillis).as("closed after the 1 s connect timeout").isBetween(800L, 3_000L);
        }
        healthy.assertStillServed();
    }

    @Test
    void connectedClientIsNotSubjectToTheConnectTimeout() throws IOException, InterruptedException {
        try (RawClient client = RawClient.connected(broker.port(), LEVEL_5, RAW_ID)) {
            Thread.sleep(1_300);
            client.send(RawPackets.pingReq());
            client.expect(RawPackets.PINGRESP);
        }
    }

    // ---- byte helpers

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] invalidUtf8Topic() {
        return concat("test/".getBytes(StandardCharsets.US_ASCII), bytes(0xC3, 0x28));
    }

    private static byte[] withFirstByte(int first, byte[] packet) {
        return withByteAt(0, first, packet);
    }

    private static byte[] withByteAt(int index, int value, byte[] packet) {
        byte[] copy = packet.clone();
        copy[index] = (byte) value;
        return copy;
    }

    /** Lowers a one-byte remaining length, leaving the content as it was. */
    private static byte[] shortenRemainingLength(byte[] packet, int by) {
        return withRemainingLength(packet, packet[1] - by);
    }

    private static byte[] withRemainingLength(byte[] packet, int length) {
        assertThat(packet[1] & 0x80).as("test helper handles one-byte remaining lengths only").isZero();
        return withByteAt(1, length, packet);
    }

    /** A QoS 1 PUBLISH to test/boundary whose encoded size, fixed header included, is exactly {@code size}. */
    private static byte[] publishOfTotalSize(boolean v5, int size) {
        byte[] head = concat(utf8("test/boundary"), u16(1), v5 ? props().encoded() : new byte[0]);
        int remaining = size - 1 - 2; // a two-byte remaining length for sizes of 128..16383
        byte[] payload = new byte[remaining - head.length];
        Arrays.fill(payload, (byte) 'p');
        byte[] packet = packet(0x32, concat(head, payload));
        assertThat(packet).hasSize(size);
        return packet;
    }
}
