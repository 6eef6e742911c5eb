package dev.esl.tagmanager.render;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;

/** Turns packed planes back into a picture of what the tag shows: the preview proves the packing. */
final class PlaneDecoder {
    static final int WHITE_INDEX = 0;
    static final int BLACK_INDEX = 1;
    static final int RED_INDEX = 2;

    private PlaneDecoder() {
    }

    /** A palette image (white, black, red), 1 bit a pixel on BW panels and 2 on BWR ones. */
    static BufferedImage decode(Panel panel, byte[] packed) {
        boolean hasRed = panel.colors() == PanelColors.BWR;
        byte[] r = {(byte) 0xFF, 0, (byte) 0xFF};
        byte[] g = {(byte) 0xFF, 0, 0};
        byte[] b = {(byte) 0xFF, 0, 0};
        IndexColorModel palette = hasRed ? new IndexColorModel(2, 3, r, g, b) : new IndexColorModel(1, 2, r, g, b);
        BufferedImage image = new BufferedImage(panel.width(), panel.height(), BufferedImage.TYPE_BYTE_BINARY,
                palette);
        WritableRaster raster = image.getRaster();
        int rowBytes = (panel.width() + 7) / 8;
        int redOffset = panel.planeBytes();
        for (int y = 0; y < panel.height(); y++) {
            for (int x = 0; x < panel.width(); x++) {
                int index = y * rowBytes + (x >>> 3);
                int bit = 0x80 >>> (x & 7);
                if (hasRed && (packed[redOffset + index] & bit) != 0) {
                    raster.setSample(x, y, 0, RED_INDEX);
                } else if ((packed[index] & bit) != 0) {
                    raster.setSample(x, y, 0, BLACK_INDEX);
                }
            }
        }
        return image;
    }
}
