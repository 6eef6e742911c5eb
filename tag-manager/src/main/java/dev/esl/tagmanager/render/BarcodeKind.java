package dev.esl.tagmanager.render;

/** The symbologies a label can carry. */
public enum BarcodeKind {
    /** EAN-13: 13 digits, the last a check digit (GS1). */
    EAN13,
    /** QR code: any text up to {@link PriceLabel#MAX_QR_LENGTH} characters, e.g. a product page URL. */
    QR;

    /** Whether {@code content} can be encoded this way (a label refuses it otherwise). */
    public boolean accepts(String content) {
        if (content == null) {
            return false;
        }
        return switch (this) {
            case EAN13 -> Ean13.isValid(content);
            case QR -> !content.isBlank() && content.length() <= PriceLabel.MAX_QR_LENGTH;
        };
    }
}
