package dev.esl.tagmanager.render;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.EAN13Writer;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Graphics2D;
import java.util.Map;

/**
 * A barcode as modules (ZXing encodes it), drawn at a whole number of pixels a module so every edge is crisp.
 * EAN-13 is one row of 95 modules stretched to the bar height; a QR code is n by n modules, without quiet zone
 * (the layout keeps that free).
 */
final class BarcodeSymbol {
    /** ECC level M (15 %): the usual choice for short URLs, and a smaller symbol than Q or H. */
    private static final Map<EncodeHintType, Object> QR_HINTS = Map.of(
            EncodeHintType.MARGIN, 0,
            EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
            EncodeHintType.CHARACTER_SET, "UTF-8");

    private final BarcodeKind kind;
    private final BitMatrix modules;

    private BarcodeSymbol(BarcodeKind kind, BitMatrix modules) {
        this.kind = kind;
        this.modules = modules;
    }

    static BarcodeSymbol encode(BarcodeKind kind, String content) {
        return switch (kind) {
            case EAN13 -> new BarcodeSymbol(kind, row(new EAN13Writer().encode(content)));
            case QR -> new BarcodeSymbol(kind, qr(content));
        };
    }

    BarcodeKind kind() {
        return kind;
    }

    int modulesWide() {
        return modules.getWidth();
    }

    /** Paints the dark modules in black; a one-row symbol is stretched to {@code height}. */
    void paint(Graphics2D g, int x, int y, int module, int height) {
        int rowHeight = modules.getHeight() == 1 ? height : module;
        for (int row = 0; row < modules.getHeight(); row++) {
            int col = 0;
            while (col < modules.getWidth()) {
                if (!modules.get(col, row)) {
                    col++;
                    continue;
                }
                int start = col;
                while (col < modules.getWidth() && modules.get(col, row)) {
                    col++;
                }
                g.fillRect(x + start * module, y + row * module, (col - start) * module, rowHeight);
            }
        }
    }

    private static BitMatrix row(boolean[] bars) {
        BitMatrix matrix = new BitMatrix(bars.length, 1);
        for (int i = 0; i < bars.length; i++) {
            if (bars[i]) {
                matrix.set(i, 0);
            }
        }
        return matrix;
    }

    private static BitMatrix qr(String content) {
        try {
            // Size 0 asks for one pixel a module: the layout scales it.
            return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0, QR_HINTS);
        } catch (WriterException e) {
            throw new IllegalArgumentException("QR code cannot hold '" + content + "': " + e.getMessage(), e);
        }
    }
}
