package dev.esl.tagmanager.render;

/** The symbologies a label can carry. */
public enum BarcodeKind {
    /** EAN-13: 13 digits, the last a check digit (GS1). */
    EAN13,
    /** QR code: any text up to {@link PriceLabel#MAX_QR_LENGTH} characters, e.g. a product page URL. */
    QR
}
