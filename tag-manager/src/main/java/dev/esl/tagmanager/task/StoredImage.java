package dev.esl.tagmanager.task;

/** A rendered tag image as stored and sent: packed colour planes, zlib-compressed ({@code data}). */
public record StoredImage(String hash, int width, int height, String colors, byte[] data) {
}
