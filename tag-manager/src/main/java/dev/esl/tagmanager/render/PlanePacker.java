package dev.esl.tagmanager.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.MultiPixelPackedSampleModel;
import java.awt.image.Raster;

/**
 * Packs a canvas into the contract's {@code planes} format: per plane, rows top to bottom, each row starting on a
 * byte boundary, MSB first = leftmost pixel, padding bits 0. Plane 1 is black (1 = black); plane 2, on BWR
 * panels only, is red (1 = red). A red pixel is written with its black bit 0, so one picture has one encoding.
 */
final class PlanePacker {
    /** For each canvas byte (four 2-bit pixels, leftmost in the top bits): its four black bits, and its red bits. */
    private static final byte[] BLACK_BITS = new byte[256];
    private static final byte[] RED_BITS = new byte[256];

    static {
        for (int b = 0; b < 256; b++) {
            int black = 0;
            int red = 0;
            for (int k = 0; k < 4; k++) {
                int ink = (b >>> (6 - 2 * k)) & 3;
                black |= (ink == LabelPainter.INK_BLACK ? 1 : 0) << (3 - k);
                red |= (ink == LabelPainter.INK_RED ? 1 : 0) << (3 - k);
            }
            BLACK_BITS[b] = (byte) black;
            RED_BITS[b] = (byte) red;
        }
    }

    private PlanePacker() {
    }

    /**
     * The canvas must be {@link LabelPainter}'s: the panel's size, two bits a pixel in {@link LabelPainter#INKS}.
     * Eight pixels of a plane are two canvas bytes, each looked up once; pixels past the right edge are white
     * (index 0), so the padding bits come out 0.
     */
    static byte[] pack(BufferedImage canvas, Panel panel) {
        Raster raster = canvas.getRaster();
        MultiPixelPackedSampleModel model = (MultiPixelPackedSampleModel) raster.getSampleModel();
        if (model.getPixelBitStride() != 2 || model.getDataBitOffset() != 0 || canvas.getColorModel() != LabelPainter.INKS) {
            throw new IllegalArgumentException("not a label canvas: " + canvas);
        }
        byte[] pixels = ((DataBufferByte) raster.getDataBuffer()).getData();
        int stride = model.getScanlineStride();
        int rowBytes = (panel.width() + 7) / 8;
        boolean hasRed = panel.colors() == PanelColors.BWR;
        int redOffset = panel.planeBytes();
        byte[] packed = new byte[panel.packedBytes()];
        for (int y = 0; y < panel.height(); y++) {
            int in = y * stride;
            int out = y * rowBytes;
            for (int x = 0; x < rowBytes; x++) {
                int left = pixels[in + 2 * x] & 0xFF;
                int right = 2 * x + 1 < stride ? pixels[in + 2 * x + 1] & 0xFF : 0;
                packed[out + x] = (byte) (BLACK_BITS[left] << 4 | BLACK_BITS[right]);
                if (hasRed) {
                    packed[redOffset + out + x] = (byte) (RED_BITS[left] << 4 | RED_BITS[right]);
                }
            }
        }
        return packed;
    }
}
