package dev.esl.broker.persistence;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Key layout: {@code clientId 0x00 suffix}. Client IDs never hold U+0000 [MQTT-1.5.4-2], so a client's
 * records form one contiguous range, {@code [clientId 0x00, clientId 0x01)}; numbers are big-endian so
 * keys sort in numeric order.
 */
final class Keys {
    private Keys() {
    }

    static byte[] client(String clientId) {
        return clientId.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] prefix(String clientId) {
        return withSeparator(clientId, (byte) 0);
    }

    static byte[] upperBound(String clientId) {
        return withSeparator(clientId, (byte) 1);
    }

    private static byte[] withSeparator(String clientId, byte separator) {
        byte[] id = client(clientId);
        byte[] key = Arrays.copyOf(id, id.length + 1);
        key[id.length] = separator;
        return key;
    }

    static byte[] queue(String clientId, long sequence) {
        byte[] prefix = prefix(clientId);
        return ByteBuffer.allocate(prefix.length + 8).put(prefix).putLong(sequence).array();
    }

    static long sequenceOf(byte[] queueKey) {
        return ByteBuffer.wrap(queueKey, queueKey.length - 8, 8).getLong();
    }

    static byte[] packet(String clientId, int packetId) {
        byte[] prefix = prefix(clientId);
        return ByteBuffer.allocate(prefix.length + 2).put(prefix).putShort((short) packetId).array();
    }

    static byte[] named(String clientId, String name) {
        byte[] prefix = prefix(clientId);
        byte[] suffix = name.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(prefix.length + suffix.length).put(prefix).put(suffix).array();
    }

    /** The client ID of a key in a per-client family. */
    static String clientOf(byte[] key) {
        int end = 0;
        while (end < key.length && key[end] != 0) {
            end++;
        }
        return new String(key, 0, end, StandardCharsets.UTF_8);
    }
}
