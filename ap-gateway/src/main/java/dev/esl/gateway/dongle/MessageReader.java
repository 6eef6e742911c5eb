package dev.esl.gateway.dongle;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/** Reads the fields of an application message; a missing byte is a {@link MalformedMessageException}. */
final class MessageReader {
    private final byte[] bytes;
    private final String what;
    private int position = 1;
    private int ref = -1;

    MessageReader(byte[] bytes, String what) {
        this.bytes = bytes;
        this.what = what;
    }

    int u8(String field) throws MalformedMessageException {
        need(1, field);
        return bytes[position++] & 0xFF;
    }

    int u16(String field) throws MalformedMessageException {
        need(2, field);
        int v = (bytes[position] & 0xFF) << 8 | (bytes[position + 1] & 0xFF);
        position += 2;
        return v;
    }

    int s16(String field) throws MalformedMessageException {
        return (short) u16(field);
    }

    long u32(String field) throws MalformedMessageException {
        return (long) u16(field) << 16 | u16(field);
    }

    int s32(String field) throws MalformedMessageException {
        return (int) u32(field);
    }

    /** Reads the ref and remembers it, so an error later on can still be answered. */
    int ref() throws MalformedMessageException {
        ref = u16("ref");
        return ref;
    }

    TagId tag() throws MalformedMessageException {
        return new TagId(u32("tag id") << 32 | u32("tag id"));
    }

    String hash(String field) throws MalformedMessageException {
        need(16, field);
        String hex = HexFormat.of().formatHex(bytes, position, position + 16);
        position += 16;
        return hex;
    }

    String string(String field) throws MalformedMessageException {
        int length = u8(field + " length");
        need(length, field);
        String s = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return s;
    }

    byte[] rest() {
        byte[] b = Arrays.copyOfRange(bytes, position, bytes.length);
        position = bytes.length;
        return b;
    }

    MalformedMessageException invalid(String field, Object value) {
        return new MalformedMessageException(what + ": invalid " + field + " " + value, ref);
    }

    void end() throws MalformedMessageException {
        if (position != bytes.length) {
            throw new MalformedMessageException(what + ": " + (bytes.length - position)
                    + " unexpected bytes after the last field", ref);
        }
    }

    private void need(int count, String field) throws MalformedMessageException {
        if (position + count > bytes.length) {
            throw new MalformedMessageException(what + ": truncated at " + field + " (" + bytes.length
                    + " bytes)", ref);
        }
    }
}
