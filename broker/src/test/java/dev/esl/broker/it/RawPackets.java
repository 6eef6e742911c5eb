package dev.esl.broker.it;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Hand-encoded MQTT packets, for tests that must put exact (and deliberately broken) bytes on the wire.
 * Nothing here validates anything: callers get precisely the bytes they ask for.
 */
final class RawPackets {
    static final int CONNECT = 1;
    static final int CONNACK = 2;
    static final int PUBLISH = 3;
    static final int PUBACK = 4;
    static final int PUBREC = 5;
    static final int PUBREL = 6;
    static final int PUBCOMP = 7;
    static final int SUBSCRIBE = 8;
    static final int SUBACK = 9;
    static final int PINGREQ = 12;
    static final int PINGRESP = 13;
    static final int DISCONNECT = 14;

    static final int LEVEL_311 = 4;
    static final int LEVEL_5 = 5;

    private RawPackets() {
    }

    /** A whole packet: first byte (type and flags), the remaining length, then the body. */
    static byte[] packet(int firstByte, byte[] body) {
        return concat(new byte[] {(byte) firstByte}, varInt(body.length), body);
    }

    /** CONNECT with clean start, no will, no credentials; {@code properties} is used for level 5 only. */
    static byte[] connect(int level, String clientId, int keepAlive, Props properties) {
        return packet(0x10, concat(
                utf8("MQTT"), new byte[] {(byte) level, 0x02}, u16(keepAlive),
                level == LEVEL_5 ? properties.encoded() : new byte[0],
                utf8(clientId)));
    }

    static byte[] connect(int level, String clientId) {
        return connect(level, clientId, 60, props());
    }

    /** CONNECT with clean start and a QoS 0 will without properties. */
    static byte[] connectWithWill(int level, String clientId, int keepAlive, String willTopic, String willPayload) {
        boolean v5 = level == LEVEL_5;
        return packet(0x10, concat(
                utf8("MQTT"), new byte[] {(byte) level, 0x02 | 0x04}, u16(keepAlive),
                v5 ? props().encoded() : new byte[0],
                utf8(clientId),
                v5 ? props().encoded() : new byte[0],
                utf8(willTopic),
                binary(willPayload.getBytes(StandardCharsets.UTF_8))));
    }

    /** PUBLISH with the topic given as raw bytes (so it may be invalid UTF-8); packet id only for QoS > 0. */
    static byte[] publish(boolean v5, byte[] topicBytes, int qos, int packetId, Props properties, byte[] payload) {
        return packet(0x30 | (qos << 1), concat(
                binary(topicBytes),
                qos > 0 ? u16(packetId) : new byte[0],
                v5 ? properties.encoded() : new byte[0],
                payload));
    }

    static byte[] publish(boolean v5, String topic, int qos, int packetId, String payload) {
        return publish(v5, topic.getBytes(StandardCharsets.UTF_8), qos, packetId, props(),
                payload.getBytes(StandardCharsets.UTF_8));
    }

    /** SUBSCRIBE to one filter with the given options byte (QoS in bits 0-1, MQTT 5 options above). */
    static byte[] subscribe(boolean v5, int packetId, String filter, int options, Props properties) {
        return packet(0x82, concat(u16(packetId), v5 ? properties.encoded() : new byte[0],
                utf8(filter), new byte[] {(byte) options}));
    }

    static byte[] subscribe(boolean v5, int packetId, String filter, int qos) {
        return subscribe(v5, packetId, filter, qos, props());
    }

    /** PUBACK, PUBREC, PUBREL or PUBCOMP with just the packet id (reason code 0 implied). */
    static byte[] ack(int type, int packetId) {
        return packet(type << 4 | (type == PUBREL ? 0x02 : 0), u16(packetId));
    }

    static byte[] pingReq() {
        return new byte[] {(byte) 0xC0, 0x00};
    }

    static byte[] disconnect() {
        return new byte[] {(byte) 0xE0, 0x00};
    }

    // ---- primitives

    static byte[] u16(int value) {
        return new byte[] {(byte) (value >> 8), (byte) value};
    }

    static byte[] u32(long value) {
        return new byte[] {(byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value};
    }

    static byte[] utf8(String s) {
        return binary(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A two-byte length followed by the bytes as they are. */
    static byte[] binary(byte[] bytes) {
        return concat(u16(bytes.length), bytes);
    }

    /** The MQTT Variable Byte Integer (remaining length, property length). */
    static byte[] varInt(int value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            int digit = value % 128;
            value /= 128;
            out.write(value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static Props props() {
        return new Props();
    }

    /** MQTT 5 properties, encoded in the order they are added. */
    static final class Props {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Props byteProp(int id, int value) {
            bytes.writeBytes(RawPackets.varInt(id));
            bytes.write(value);
            return this;
        }

        Props u16(int id, int value) {
            bytes.writeBytes(RawPackets.varInt(id));
            bytes.writeBytes(RawPackets.u16(value));
            return this;
        }

        Props u32(int id, long value) {
            bytes.writeBytes(RawPackets.varInt(id));
            bytes.writeBytes(RawPackets.u32(value));
            return this;
        }

        Props string(int id, String value) {
            bytes.writeBytes(RawPackets.varInt(id));
            bytes.writeBytes(utf8(value));
            return this;
        }

        Props varInt(int id, int value) {
            bytes.writeBytes(RawPackets.varInt(id));
            bytes.writeBytes(RawPackets.varInt(value));
            return this;
        }

        byte[] encoded() {
            byte[] body = bytes.toByteArray();
            return concat(RawPackets.varInt(body.length), body);
        }
    }

    // MQTT 5 property identifiers used by the tests
    static final int MESSAGE_EXPIRY_INTERVAL = 0x02;
    static final int SUBSCRIPTION_IDENTIFIER = 0x0B;
    static final int SESSION_EXPIRY_INTERVAL = 0x11;
    static final int REASON_STRING = 0x1F;
    static final int RECEIVE_MAXIMUM = 0x21;
    static final int TOPIC_ALIAS = 0x23;
}
