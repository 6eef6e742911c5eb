package dev.esl.gateway.contract;

/**
 * An image for a tag. {@code data} goes to the tag as it is (compressed); {@code hash} is the hex of the first
 * 16 bytes of the SHA-256 of the uncompressed packed image.
 */
public record ImageContent(String hash, int width, int height, String colors, String format, String compression,
        byte[] data) {
}
