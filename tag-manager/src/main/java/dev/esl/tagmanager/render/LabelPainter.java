package dev.esl.tagmanager.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.util.List;

/**
 * Draws a label onto a canvas by its layout, in pure white, black and (on BWR panels) red, with antialiasing off
 * so every pixel already is one of the panel's colours.
 */
final class LabelPainter {
    static final Color WHITE = Color.WHITE;
    static final Color BLACK = Color.BLACK;
    static final Color RED = new Color(0xFF0000);

    /**
     * The canvas's colours, by index: 0 white, 1 black, 2 red. Two bits a pixel ({@code TYPE_BYTE_BINARY}): an
     * eighth of an RGB canvas to clear and pack (a chain-wide change paints 10,000 labels), and every pixel is
     * exactly one of the inks, as the panel shows it.
     */
    static final IndexColorModel INKS = new IndexColorModel(2, 3,
            new byte[] {(byte) 0xFF, 0, (byte) 0xFF}, new byte[] {(byte) 0xFF, 0, 0}, new byte[] {(byte) 0xFF, 0, 0});
    static final int INK_BLACK = 1;
    static final int INK_RED = 2;

    /** Below this a price is unreadable at shelf distance; the known panels never get near it. */
    private static final int MIN_PRICE_PX = 10;
    private static final int MAX_PRICE_PX = 400;

    private LabelPainter() {
    }

    static BufferedImage paint(Panel panel, PriceLabel label, LabelLayout layout, BarcodeSymbol symbol,
            PromoStyle promoStyle) {
        BufferedImage canvas = new BufferedImage(panel.width(), panel.height(), BufferedImage.TYPE_BYTE_BINARY, INKS);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
            g.setColor(WHITE);
            g.fillRect(0, 0, panel.width(), panel.height());
            g.setColor(BLACK);
            paintName(g, label.productName(), layout);
            paintPrice(g, PriceFormat.price(label.price(), label.currency()), layout.price());
            if (layout.unitPrice() != null) {
                paintLine(g, LabelLayout.unitText(label), layout.metrics().unitFont(), layout.unitPrice());
            }
            if (symbol != null) {
                paintBarcode(g, label.barcode(), symbol, layout);
            }
            if (layout.promo() != null) {
                paintPromo(g, label.promo(), layout, promoStyle, panel.colors());
            }
        } finally {
            g.dispose();
        }
        return canvas;
    }

    private static void paintName(Graphics2D g, String name, LabelLayout layout) {
        Font font = layout.metrics().nameFont();
        Box box = layout.name();
        List<String> lines = NameLines.wrap(name, font, box.width(), 2);
        int lineHeight = LabelFonts.lineHeight(font);
        for (int i = 0; i < lines.size(); i++) {
            paintLine(g, lines.get(i), font, new Box(box.x(), box.y() + i * lineHeight, box.width(), lineHeight));
        }
    }

    /** One line, left-aligned, clipped to its box so a too-long text never runs into a neighbour. */
    private static void paintLine(Graphics2D g, String text, Font font, Box box) {
        g.setClip(box.x(), box.y(), box.width(), box.height());
        g.setFont(font);
        g.drawString(text, box.x(), box.y() + LabelFonts.ascent(font));
        g.setClip(null);
    }

    /** The biggest bold size whose ink fits the box, left-aligned and centred vertically. */
    private static void paintPrice(Graphics2D g, String price, Box box) {
        Font font = LabelFonts.largestFitting(LabelFonts.BOLD, price, box.width(), box.height(), MIN_PRICE_PX,
                MAX_PRICE_PX);
        Rectangle ink = LabelFonts.ink(font, price);
        g.setClip(box.x(), box.y(), box.width(), box.height());
        g.setFont(font);
        g.drawString(price, box.x() - ink.x, box.y() + (box.height() - ink.height) / 2 - ink.y);
        g.setClip(null);
    }

    private static void paintBarcode(Graphics2D g, String content, BarcodeSymbol symbol, LabelLayout layout) {
        Box box = layout.barcode();
        symbol.paint(g, box.x(), box.y(), layout.barcodeModule(), box.height());
        Box digits = layout.eanDigits();
        if (digits != null) {
            Font font = layout.metrics().unitFont();
            int width = LabelFonts.advance(font, content);
            paintLine(g, content, font, new Box(digits.x() + (digits.width() - width) / 2, digits.y(), width,
                    digits.height()));
        }
    }

    private static void paintPromo(Graphics2D g, String promo, LabelLayout layout, PromoStyle style,
            PanelColors colors) {
        Box box = layout.promo();
        Font font = layout.metrics().promoFont();
        Rectangle ink = LabelFonts.ink(font, promo);
        if (style == PromoStyle.OUTLINE) {
            // The frame scales with the font like the box's padding, so it reads as a frame on every panel.
            int line = Math.max(1, font.getSize() / 12);
            g.setColor(BLACK);
            for (int i = 0; i < line; i++) {
                g.drawRect(box.x() + i, box.y() + i, box.width() - 1 - 2 * i, box.height() - 1 - 2 * i);
            }
        } else {
            // A band is red where the panel has red; on black-and-white, and when inverted, it is black.
            g.setColor(style == PromoStyle.BAND && colors == PanelColors.BWR ? RED : BLACK);
            g.fillRect(box.x(), box.y(), box.width(), box.height());
            g.setColor(WHITE);
        }
        g.setFont(font);
        g.drawString(promo, box.x() + (box.width() - ink.width) / 2 - ink.x,
                box.y() + (box.height() - ink.height) / 2 - ink.y);
        g.setColor(BLACK);
    }
}
