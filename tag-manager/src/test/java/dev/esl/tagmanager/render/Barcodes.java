package dev.esl.tagmanager.render;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

/** Reads a barcode off a whole tag picture the way a scanner app would: ZXing on the full image. */
final class Barcodes {
    private Barcodes() {
    }

    static Result read(BufferedImage image, BarcodeKind kind) throws NotFoundException {
        BarcodeFormat format = kind == BarcodeKind.EAN13 ? BarcodeFormat.EAN_13 : BarcodeFormat.QR_CODE;
        Map<DecodeHintType, Object> hints = Map.of(
                DecodeHintType.POSSIBLE_FORMATS, List.of(format),
                DecodeHintType.TRY_HARDER, Boolean.TRUE);
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        return new MultiFormatReader().decode(bitmap, hints);
    }
}
