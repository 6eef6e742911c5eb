package dev.esl.tagmanager.render;

/**
 * Where each part of a label goes on a panel. The name takes two lines at the top whatever its length, so the
 * price sits at the same height on every tag of a shelf; the price gets what is left after the unit price, the
 * promo marker and the barcode. EAN-13 runs along the bottom, its quiet zones inside the panel, with the unit
 * price beside it when there is room; a QR code sits at the bottom right of a band under the price on tall panels
 * (the unit price and promo on its left, so the price keeps the full width) and beside the price on short ones.
 * The promo marker otherwise sits at the top right of the price.
 *
 * @param name          the two name lines
 * @param price         the box the price's ink is fitted into
 * @param unitPrice     the unit price line, or null
 * @param promo         the promo marker, or null
 * @param barcode       the barcode's dark modules' extent (bars only for EAN-13), or null
 * @param barcodeModule pixels per module
 * @param eanDigits     the line under the bars where the EAN digits go, or null
 * @param metrics       the sizes this layout used
 */
record LabelLayout(Box name, Box price, Box unitPrice, Box promo, Box barcode, int barcodeModule, Box eanDigits,
        PanelMetrics metrics) {
    /** Modules of white kept around a QR code: the standard asks 4, and the panel's margin adds to these. */
    static final int QR_QUIET = 2;

    static LabelLayout of(Panel panel, PriceLabel label, BarcodeSymbol symbol) {
        PanelMetrics m = PanelMetrics.forPanel(panel);
        int left = m.margin();
        int top = m.margin();
        int right = panel.width() - m.margin();
        int bottom = panel.height() - m.margin();

        Box name = new Box(left, top, right - left, 2 * LabelFonts.lineHeight(m.nameFont()));
        int y = name.bottom() + m.gap();

        String unitText = unitText(label);
        int unitWidth = unitText == null ? 0 : LabelFonts.advance(m.unitFont(), unitText);
        int unitLine = LabelFonts.lineHeight(m.unitFont());
        Box unit = null;
        Box promo = null;
        Box barcode = null;
        Box digits = null;
        int module = 0;
        int priceRight = right;
        int unitRight = right;

        if (symbol != null && symbol.kind() == BarcodeKind.EAN13) {
            module = m.eanModule();
            int stripHeight = m.eanHeight() + (m.eanDigits() ? unitLine : 0);
            int x = Math.max(left, PanelMetrics.EAN_QUIET_LEFT * module);
            barcode = new Box(x, bottom - stripHeight, PanelMetrics.EAN_MODULES * module, m.eanHeight());
            if (m.eanDigits()) {
                digits = new Box(x, barcode.bottom(), barcode.width(), unitLine);
            }
            int besideX = barcode.right() + PanelMetrics.EAN_QUIET_RIGHT * module;
            if (unitText != null && right - besideX >= unitWidth) {
                unit = new Box(right - unitWidth, barcode.y() + (barcode.height() - unitLine) / 2, unitWidth,
                        unitLine);
            }
            bottom = barcode.y() - m.gap();
        } else if (symbol != null) {
            int modules = symbol.modulesWide() + 2 * QR_QUIET;
            int room = m.qrBand() ? panel.height() * 2 / 5 : Math.min(bottom - y, (right - left) * 2 / 5);
            module = Math.max(1, room / modules);
            int side = symbol.modulesWide() * module;
            int quiet = QR_QUIET * module;
            barcode = new Box(right - quiet - side, bottom - quiet - side, side, side);
            if (m.qrBand()) {
                // The band left of the code holds the unit price and the promo; the price keeps the full width.
                int bandTop = barcode.y() - quiet;
                int bandRight = barcode.x() - quiet - m.gap();
                if (unitText != null) {
                    unit = new Box(left, bandTop, bandRight - left, unitLine);
                }
                if (label.promo() != null) {
                    promo = promoBox(label.promo(), m, left, bandTop + (unit == null ? 0 : unitLine + m.gap()));
                }
                bottom = bandTop - m.gap();
            } else {
                priceRight = barcode.x() - quiet - m.gap();
                unitRight = priceRight;
            }
        }
        if (unitText != null && unit == null) {
            unit = new Box(left, bottom - unitLine, unitRight - left, unitLine);
            bottom = unit.y() - m.gap();
        }

        if (label.promo() != null && promo == null) {
            int width = promoWidth(label.promo(), m);
            promo = promoBox(label.promo(), m, priceRight - width, y);
            priceRight = promo.x() - m.gap();
        }
        Box price = new Box(left, y, Math.max(1, priceRight - left), Math.max(1, bottom - y));
        return new LabelLayout(name, price, unit, promo, barcode, module, digits, m);
    }

    static String unitText(PriceLabel label) {
        return label.unitPrice() == null ? null
                : PriceFormat.unitPrice(label.unitPrice(), label.currency(), label.unit());
    }

    /** Padding around the marker's ink scales with its font. */
    private static Box promoBox(String promo, PanelMetrics m, int x, int y) {
        java.awt.Rectangle ink = LabelFonts.ink(m.promoFont(), promo);
        return new Box(x, y, promoWidth(promo, m), ink.height + 2 * Math.max(2, m.promoFont().getSize() / 5));
    }

    private static int promoWidth(String promo, PanelMetrics m) {
        return LabelFonts.ink(m.promoFont(), promo).width + 2 * Math.max(3, m.promoFont().getSize() / 4);
    }
}
