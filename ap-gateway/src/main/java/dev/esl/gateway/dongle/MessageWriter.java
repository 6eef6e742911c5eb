package dev.esl.gateway.dongle;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Writes the big-endian fields of an application message. */
final class MessageWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(32);

    MessageWriter(int opcode) {
        out.write(opcode);
    }

    MessageWriter u8(int v) {
        out.write(v);
        return this;
    }

    MessageWriter u16(int v) {
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    MessageWriter u32(long v) {
        return u16((int) (v >>> 16) & 0xFFFF).u16((int) v & 0xFFFF);
    }

    MessageWriter tag(TagId tag) {
        long v = tag.value();
        return u32(v >>> 32).u32(v & 0xFFFFFFFFL);
    }

    MessageWriter hash(String hex) {
        out.writeBytes(HexFormat.of().parseHex(hex));
        return this;
    }

    MessageWriter string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b.length);
        out.writeBytes(b);
        return this;
    }

    MessageWriter bytes(byte[] b, int offset, int length) {
        out.write(b, offset, length);
        return this;
    }

    byte[] toBytes() {
        return out.toByteArray();
    }
}
