package dev.esl.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A bare TCP connection to the broker that writes whatever bytes a test gives it and splits what comes
 * back into MQTT packets, so tests can check exact reason codes and see exactly when the broker closes.
 */
final class RawClient implements AutoCloseable {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final boolean v5;

    private RawClient(Socket socket, boolean v5) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.v5 = v5;
        socket.setSoTimeout((int) DEFAULT_TIMEOUT.toMillis());
    }

    /** Opens a connection and sends nothing yet. {@code v5} only says how to parse what comes back. */
    static RawClient open(int port, boolean v5) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return new RawClient(socket, v5);
    }

    /** Opens a connection, sends CONNECT and checks that the CONNACK accepts it. */
    static RawClient connected(int port, int level, String clientId) throws IOException {
        return connected(port, level, RawPackets.connect(level, clientId));
    }

    static RawClient connected(int port, int level, byte[] connect) throws IOException {
        RawClient client = open(port, level == RawPackets.LEVEL_5);
        client.send(connect);
        Packet connAck = client.expect(RawPackets.CONNACK);
        assertThat(connAck.connAckCode()).as("CONNACK reason code").isZero();
        return client;
    }

    void send(byte[]... parts) throws IOException {
        out.write(RawPackets.concat(parts));
        out.flush();
    }

    /** Ends our sending side (TCP FIN) while still reading. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** The next packet, or null at the end of the stream; fails if nothing arrives within the default timeout. */
    Packet read() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int length = 0;
        int multiplier = 1;
        for (int i = 0; ; i++) {
            int digit = in.read();
            if (digit < 0) {
                throw new EOFException("stream ended inside a remaining length");
            }
            length += (digit & 0x7F) * multiplier;
            if ((digit & 0x80) == 0) {
                break;
            }
            multiplier *= 128;
            if (i == 3) {
                throw new IOException("broker sent a remaining length of more than 4 bytes");
            }
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("stream ended inside a packet body");
        }
        return new Packet(first, body, v5);
    }

    /** The next packet if one arrives within {@code wait}; empty if none does (the connection stays open). */
    Optional<Packet> readWithin(Duration wait) throws IOException {
        socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
        try {
            Packet p = read();
            if (p == null) {
                throw new AssertionError("connection closed while waiting for a packet");
            }
            return Optional.of(p);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } finally {
            socket.setSoTimeout((int) DEFAULT_TIMEOUT.toMillis());
        }
    }

    /** The next packet, which must be of the given type. */
    Packet expect(int type) throws IOException {
        Packet p = read();
        assertThat(p).as("expected packet type %d but the connection was closed", type).isNotNull();
        assertThat(p.type()).as("packet type (got %s)", p).isEqualTo(type);
        return p;
    }

    /**
     * Reads until the broker closes the connection and returns the packets that came before the close.
     * A reset counts as a close. Fails if the connection is still open after {@code within}.
     */
    List<Packet> packetsUntilClosed(Duration within) throws IOException {
        List<Packet> packets = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            socket.setSoTimeout((int) left);
            try {
                Packet p = read();
                if (p == null) {
                    return packets;
                }
                packets.add(p);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("broker did not close the connection within " + within
                        + " (received before: " + packets + ")");
            } catch (SocketException | EOFException e) {
                return packets; // reset by the broker: closed as well
            }
        }
    }

    List<Packet> packetsUntilClosed() throws IOException {
        return packetsUntilClosed(DEFAULT_TIMEOUT);
    }

    /** The broker closes the connection without sending anything first (MQTT 3.1.1 faults, faults before CONNECT). */
    void assertClosedSilently() throws IOException {
        assertThat(packetsUntilClosed()).as("packets before the close").isEmpty();
    }

    /** The broker sends exactly one DISCONNECT with {@code reason} and closes (MQTT 5 faults after CONNECT). */
    Packet assertDisconnectedWith(int reason) throws IOException {
        List<Packet> packets = packetsUntilClosed();
        assertThat(packets).as("packets before the close").hasSize(1);
        Packet disconnect = packets.get(0);
        assertThat(disconnect.type()).as("packet type of %s", disconnect).isEqualTo(RawPackets.DISCONNECT);
        assertThat(disconnect.reasonCode()).as("DISCONNECT reason code (reason string: %s)", disconnect.reasonString())
                .isEqualTo(reason);
        return disconnect;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** One packet as received. Parsing helpers cover what the tests look at. */
    record Packet(int firstByte, byte[] body, boolean v5) {
        int type() {
            return firstByte >> 4;
        }

        int qos() {
            return (firstByte >> 1) & 0x03;
        }

        boolean retain() {
            return (firstByte & 0x01) != 0;
        }

        /** CONNACK return code (3.1.1) or reason code (5.0). */
        int connAckCode() {
            return body[1] & 0xFF;
        }

        /** Reason code of DISCONNECT (0 when omitted), or of PUBACK/PUBREC/PUBREL/PUBCOMP. */
        int reasonCode() {
            if (type() == RawPackets.DISCONNECT) {
                return body.length == 0 ? 0 : body[0] & 0xFF;
            }
            return body.length > 2 ? body[2] & 0xFF : 0;
        }

        /** The packet id of a PUBLISH with QoS > 0 or of an acknowledgement. */
        int packetId() {
            if (type() == RawPackets.PUBLISH) {
                int topicLength = u16(body, 0);
                return u16(body, 2 + topicLength);
            }
            return u16(body, 0);
        }

        String topic() {
            int length = u16(body, 0);
            return new String(body, 2, length, StandardCharsets.UTF_8);
        }

        /** The properties of a PUBLISH, DISCONNECT, CONNACK or acknowledgement of an MQTT 5 connection. */
        List<Property> properties() {
            int offset = propertiesOffset();
            if (offset < 0 || offset >= body.length) {
                return List.of();
            }
            return parseProperties(body, offset).properties();
        }

        byte[] payload() {
            if (type() != RawPackets.PUBLISH) {
                throw new IllegalStateException("not a PUBLISH: " + this);
            }
            int offset = 2 + u16(body, 0) + (qos() > 0 ? 2 : 0);
            if (v5) {
                offset = parseProperties(body, offset).end();
            }
            byte[] payload = new byte[body.length - offset];
            System.arraycopy(body, offset, payload, 0, payload.length);
            return payload;
        }

        String payloadText() {
            return new String(payload(), StandardCharsets.UTF_8);
        }

        String reasonString() {
            return properties().stream().filter(p -> p.id() == RawPackets.REASON_STRING)
                    .map(p -> (String) p.value()).findFirst().orElse(null);
        }

        List<Object> propertyValues(int id) {
            return properties().stream().filter(p -> p.id() == id).map(Property::value).toList();
        }

        private int propertiesOffset() {
            if (!v5) {
                return -1;
            }
            return switch (type()) {
                case RawPackets.CONNACK -> 2;
                case RawPackets.DISCONNECT -> body.length > 1 ? 1 : -1;
                case RawPackets.PUBLISH -> 2 + u16(body, 0) + (qos() > 0 ? 2 : 0);
                case RawPackets.PUBACK, RawPackets.PUBREC, RawPackets.PUBREL, RawPackets.PUBCOMP -> body.length > 3 ? 3 : -1;
                case RawPackets.SUBACK -> 2;
                default -> -1;
            };
        }

        @Override
        public String toString() {
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < Math.min(body.length, 64); i++) {
                hex.append(String.format("%02x", body[i] & 0xFF));
            }
            return "Packet[type=" + type() + ", flags=" + (firstByte & 0x0F) + ", length=" + body.length + ", body=" + hex + "]";
        }
    }

    record Property(int id, Object value) {
    }

    private record Parsed(List<Property> properties, int end) {
    }

    private static Parsed parseProperties(byte[] b, int offset) {
        int[] pos = {offset};
        int length = varInt(b, pos);
        int end = pos[0] + length;
        List<Property> result = new ArrayList<>();
        while (pos[0] < end) {
            int id = varInt(b, pos);
            Object value;
            switch (id) {
                case 0x01, 0x17, 0x19, 0x24, 0x25, 0x28, 0x29, 0x2A -> value = b[pos[0]++] & 0xFF;
                case 0x13, 0x21, 0x22, 0x23 -> {
                    value = u16(b, pos[0]);
                    pos[0] += 2;
                }
                case 0x02, 0x11, 0x18, 0x27 -> {
                    value = ((long) u16(b, pos[0]) << 16) | u16(b, pos[0] + 2);
                    pos[0] += 4;
                }
                case 0x0B -> value = varInt(b, pos);
                case 0x03, 0x08, 0x12, 0x15, 0x1A, 0x1C, 0x1F -> value = string(b, pos);
                case 0x09, 0x16 -> {
                    int n = u16(b, pos[0]);
                    byte[] data = new byte[n];
                    System.arraycopy(b, pos[0] + 2, data, 0, n);
                    pos[0] += 2 + n;
                    value = data;
                }
                case 0x26 -> value = List.of(string(b, pos), string(b, pos));
                default -> throw new IllegalStateException("unknown property id " + id);
            }
            result.add(new Property(id, value));
        }
        return new Parsed(result, end);
    }

    private static String string(byte[] b, int[] pos) {
        int n = u16(b, pos[0]);
        String s = new String(b, pos[0] + 2, n, StandardCharsets.UTF_8);
        pos[0] += 2 + n;
        return s;
    }

    private static int varInt(byte[] b, int[] pos) {
        int value = 0;
        int multiplier = 1;
        int digit;
        do {
            digit = b[pos[0]++] & 0xFF;
            value += (digit & 0x7F) * multiplier;
            multiplier *= 128;
        } while ((digit & 0x80) != 0);
        return value;
    }

    private static int u16(byte[] b, int offset) {
        return ((b[offset] & 0xFF) << 8) | (b[offset + 1] & 0xFF);
    }
}
