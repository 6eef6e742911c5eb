package dev.esl.tagmanager.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Packs a canvas into the contract's {@code planes} format: per plane, rows top to bottom, each row starting on a
 * byte boundary, MSB first = leftmost pixel, padding bits 0. Plane 1 is black (1 = black); plane 2, on BWR
 * panels only, is red (1 = red). A red pixel is written with its black bit 0, so one picture has one encoding.
 */
final class PlanePacker {
    private PlanePacker() {
    }

    /** The canvas must be {@code TYPE_INT_RGB} and the panel's size. */
    static byte[] pack(BufferedImage canvas, Panel panel) {
        int width = panel.width();
        int rowBytes = (width + 7) / 8;
        int redOffset = panel.planeBytes();
        boolean hasRed = panel.colors() == PanelColors.BWR;
        int[] rgb = ((DataBufferInt) canvas.getRaster().getDataBuffer()).getData();
        byte[] packed = new byte[panel.packedBytes()];
        for (int y = 0; y < panel.height(); y++) {
            int row = y * width;
            int out = y * rowBytes;
            // Eight pixels make one byte of each plane; the last byte of a row keeps its padding bits 0.
            for (int x = 0; x < width; x += 8) {
                int black = 0;
                int red = 0;
                for (int k = 0, n = Math.min(8, width - x); k < n; k++) {
                    int pixel = rgb[row + x + k] & 0xFFFFFF;
                    if (pixel == WHITE) {
                        continue;
                    }
                    if (hasRed && isRed(pixel)) {
                        red |= 0x80 >>> k;
                    } else if (isDark(pixel)) {
                        black |= 0x80 >>> k;
                    }
                }
                packed[out + (x >>> 3)] = (byte) black;
                if (hasRed) {
                    packed[redOffset + out + (x >>> 3)] = (byte) red;
                }
            }
        }
        return packed;
    }

    private static final int WHITE = 0xFFFFFF;

    /*
     * Antialiasing is off, so the canvas holds only exact colours; the thresholds are a safety net that still maps
     * any stray shade to the nearest ink (red only on a panel that has it).
     */
    private static boolean isRed(int rgb) {
        return (rgb >>> 16) >= 128 && ((rgb >>> 8) & 0xFF) < 128 && (rgb & 0xFF) < 128;
    }

    private static boolean isDark(int rgb) {
        int luma = 299 * (rgb >>> 16) + 587 * ((rgb >>> 8) & 0xFF) + 114 * (rgb & 0xFF);
        return luma < 128 * 1000;
    }
}
