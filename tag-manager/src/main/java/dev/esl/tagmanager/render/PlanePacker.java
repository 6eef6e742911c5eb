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
        int height = panel.height();
        int rowBytes = (width + 7) / 8;
        int redOffset = panel.planeBytes();
        boolean hasRed = panel.colors() == PanelColors.BWR;
        int[] rgb = ((DataBufferInt) canvas.getRaster().getDataBuffer()).getData();
        byte[] packed = new byte[panel.packedBytes()];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int bit = 0x80 >>> (x & 7);
                int index = y * rowBytes + (x >>> 3);
                switch (classify(rgb[y * width + x], hasRed)) {
                    case BLACK -> packed[index] |= (byte) bit;
                    case RED -> packed[redOffset + index] |= (byte) bit;
                    case WHITE -> { }
                }
            }
        }
        return packed;
    }

    private enum Ink { WHITE, BLACK, RED }

    /**
     * Antialiasing is off, so the canvas holds only exact colours; the thresholds are a safety net that still maps
     * any stray shade to the nearest ink (red only on a panel that has it).
     */
    private static Ink classify(int rgb, boolean hasRed) {
        int r = (rgb >>> 16) & 0xFF;
        int g = (rgb >>> 8) & 0xFF;
        int b = rgb & 0xFF;
        if (hasRed && r >= 128 && g < 128 && b < 128) {
            return Ink.RED;
        }
        int luma = (299 * r + 587 * g + 114 * b) / 1000;
        return luma < 128 ? Ink.BLACK : Ink.WHITE;
    }
}
