package dev.esl.bench.load;

import java.nio.ByteBuffer;

/**
 * The benchmark message: send time ({@link System#nanoTime()}, comparable because publishers and subscribers
 * share this JVM), round, publisher and sequence number, padded to the payload size. The sequence lets each
 * subscriber tell a lost message from a duplicate.
 */
record Payload(long sentNanos, int round, int publisher, int seq) {
    static final int HEADER_BYTES = 20;

    static byte[] encode(int size, int round, int publisher, int seq) {
        byte[] bytes = new byte[Math.max(size, HEADER_BYTES)];
        ByteBuffer.wrap(bytes).putLong(System.nanoTime()).putInt(round).putInt(publisher).putInt(seq);
        return bytes;
    }

    static Payload decode(ByteBuffer buffer) {
        if (buffer.remaining() < HEADER_BYTES) {
            return null;
        }
        int p = buffer.position();
        return new Payload(buffer.getLong(p), buffer.getInt(p + 8), buffer.getInt(p + 12), buffer.getInt(p + 16));
    }
}
