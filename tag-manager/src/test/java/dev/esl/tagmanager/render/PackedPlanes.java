package dev.esl.tagmanager.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The tests' own reading of the contract's {@code planes} format, written from docs/mqtt-contract.md and not from
 * the production decoder, so a packing mistake cannot hide behind the same mistake in unpacking.
 */
final class PackedPlanes {
    static final int WHITE = 0;
    static final int BLACK = 1;
    static final int RED = 2;

    private final int width;
    private final int height;
    private final int[][] pixels;

    private PackedPlanes(int width, int height, int[][] pixels) {
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    /** Unpacks, checking the size and that every padding bit is 0. */
    static PackedPlanes unpack(byte[] data, int width, int height, int planes) {
        int stride = (width + 7) / 8;
        assertThat(data).as("packed size").hasSize(stride * height * planes);
        int[][] pixels = new int[height][width];
        for (int plane = 0; plane < planes; plane++) {
            for (int y = 0; y < height; y++) {
                for (int col = 0; col < stride * 8; col++) {
                    int b = data[plane * stride * height + y * stride + col / 8] & 0xFF;
                    boolean set = ((b >> (7 - col % 8)) & 1) == 1;
                    if (col >= width) {
                        assertThat(set).as("padding bit at row %d column %d", y, col).isFalse();
                    } else if (set && plane == 1) {
                        pixels[y][col] = RED; // red wins over black
                    } else if (set && pixels[y][col] == WHITE) {
                        pixels[y][col] = BLACK;
                    }
                }
            }
        }
        return new PackedPlanes(width, height, pixels);
    }

    static byte[] inflate(byte[] zlib) {
        Inflater inflater = new Inflater(); // zlib wrapper (RFC 1950), not raw deflate
        inflater.setInput(zlib);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new AssertionError("truncated zlib stream");
                }
                out.write(buffer, 0, n);
            }
        } catch (DataFormatException e) {
            throw new AssertionError("not a zlib stream", e);
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }

    int at(int x, int y) {
        return pixels[y][x];
    }

    int count(int color) {
        return count(color, 0, 0, width, height);
    }

    int count(int color, Box box) {
        return count(color, box.x(), box.y(), box.width(), box.height());
    }

    int count(int color, int x0, int y0, int w, int h) {
        int n = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                if (pixels[y][x] == color) {
                    n++;
                }
            }
        }
        return n;
    }
}
