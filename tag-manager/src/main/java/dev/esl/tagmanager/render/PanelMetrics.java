package dev.esl.tagmanager.render;

import java.awt.Font;

/**
 * Sizes that scale with the panel: margins, fonts, barcode modules. Derived from the panel's height (the scarce
 * dimension on shelf labels) with floors that keep small text legible and ceilings that keep big panels from
 * wasting room on the name.
 *
 * @param margin      blank border, pixels
 * @param gap         space between blocks, pixels
 * @param nameFont    the product name's font
 * @param unitFont    the unit price's (and the EAN digits') font
 * @param promoFont   the promo marker's font
 * @param eanModule   width of one EAN-13 module, pixels
 * @param eanHeight   height of the EAN-13 bars, pixels
 * @param eanDigits   whether the EAN's digits are printed under the bars
 * @param qrBand      whether a QR code sits in a band under the price (tall panels) or beside it (short ones)
 */
record PanelMetrics(int margin, int gap, Font nameFont, Font unitFont, Font promoFont, int eanModule,
        int eanHeight, boolean eanDigits, boolean qrBand) {
    /** EAN-13 quiet zones in modules (GS1: 11 left, 7 right) and its width in modules. */
    static final int EAN_QUIET_LEFT = 11;
    static final int EAN_QUIET_RIGHT = 7;
    static final int EAN_MODULES = 95;
    /** A tall panel has room for the QR band and the EAN's digits. */
    private static final int TALL = 200;

    static PanelMetrics forPanel(Panel panel) {
        int h = panel.height();
        int namePx = clamp(Math.round(h * 0.105f), 11, 26);
        Font nameFont = namePx >= 18 ? LabelFonts.bold(namePx) : LabelFonts.plain(namePx);
        return new PanelMetrics(
                Math.max(3, Math.round(h / 40f)),
                Math.max(2, h / 60),
                nameFont,
                LabelFonts.plain(clamp(Math.round(h * 0.095f), 11, 20)),
                LabelFonts.bold(clamp(Math.round(h * 0.12f), 12, 30)),
                eanModule(panel.width()),
                clamp(Math.round(h * 0.15f), 14, 60),
                h >= TALL,
                h >= TALL);
    }

    /**
     * As wide as the panel allows, up to 3 pixels. On a 2.13" panel (about 0.19 mm a pixel) 2 pixels are 0.38 mm,
     * within GS1's 0.264 to 0.66 mm; only a generic panel under 226 pixels wide falls to 1, too narrow for many
     * handheld scanners.
     */
    private static int eanModule(int width) {
        int modules = EAN_QUIET_LEFT + EAN_MODULES + EAN_QUIET_RIGHT;
        return Math.max(1, Math.min(3, width / modules));
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
