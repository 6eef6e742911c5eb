package dev.esl.gateway.dongle;

import java.util.HexFormat;

/** A tag's 64-bit radio address; written as 16 upper-case hex digits in JSON and logs. */
public record TagId(long value) {
    public static TagId parse(String hex) {
        if (hex == null || !hex.matches("[0-9A-Fa-f]{16}")) {
            throw new IllegalArgumentException("a tag id is 16 hex digits, got " + hex);
        }
        return new TagId(Long.parseUnsignedLong(hex, 16));
    }

    @Override
    public String toString() {
        return HexFormat.of().withUpperCase().toHexDigits(value);
    }
}
