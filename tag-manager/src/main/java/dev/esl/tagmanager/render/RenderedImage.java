package dev.esl.tagmanager.render;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/**
 * One tag image as the contract's {@code jobs[].image} carries it (not to be confused with
 * {@code java.awt.image.RenderedImage}, which {@link #toBufferedImage()}'s result is).
 *
 * @param panel      the panel it was drawn for: width, height and colours
 * @param packed     the {@code planes} bytes, uncompressed
 * @param compressed {@code packed} as {@code zlib} (RFC 1950, {@link Deflater}'s output)
 * @param hash       lowercase hex of the first 16 bytes of SHA-256 over {@code packed}
 */
public record RenderedImage(Panel panel, byte[] packed, byte[] compressed, String hash) {
    public static final String FORMAT = "planes";
    public static final String COMPRESSION = "zlib";
    private static final int HASH_BYTES = 16;

    public RenderedImage {
        Objects.requireNonNull(panel, "panel");
        if (packed.length != panel.packedBytes()) {
            throw new IllegalArgumentException("packed image of " + packed.length + " bytes, panel " + panel
                    + " needs " + panel.packedBytes());
        }
        packed = packed.clone();
        compressed = compressed.clone();
        Objects.requireNonNull(hash, "hash");
    }

    /** Compresses and hashes the packed planes. */
    public static RenderedImage of(Panel panel, byte[] packed) {
        return new RenderedImage(panel, packed, zlib(packed), hashOf(packed));
    }

    /** The contract's image hash: lowercase hex of the first 16 bytes of SHA-256. */
    public static String hashOf(byte[] packed) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(packed);
            return HexFormat.of().formatHex(digest, 0, HASH_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public byte[] packed() {
        return packed.clone();
    }

    @Override
    public byte[] compressed() {
        return compressed.clone();
    }

    /** What the tag shows, decoded from the packed planes (white, black and red pixels only). */
    public BufferedImage toBufferedImage() {
        return PlaneDecoder.decode(panel, packed);
    }

    /** {@link #toBufferedImage()} as PNG, for the console's preview. */
    public byte[] toPng() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(toBufferedImage(), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RenderedImage that && panel.equals(that.panel) && hash.equals(that.hash)
                && Arrays.equals(packed, that.packed) && Arrays.equals(compressed, that.compressed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(panel, hash);
    }

    @Override
    public String toString() {
        return "RenderedImage[" + panel + ", hash " + hash + ", " + packed.length + " bytes, " + compressed.length
                + " compressed]";
    }

    /**
     * zlib's default level (6): on tag images level 9 took three times as long for 1 % fewer bytes, and the
     * compressor was most of a render's time.
     */
    private static byte[] zlib(byte[] data) {
        Deflater deflater = new Deflater();
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }
}
