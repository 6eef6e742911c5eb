package dev.esl.tagmanager.render;

import java.awt.Font;
import java.awt.Rectangle;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;

/**
 * The fonts of a label and how text is measured. Logical fonts only ({@code SansSerif}: DejaVu Sans on Debian,
 * which every JDK install pulls in through fontconfig), so no font file ships with us. Measuring uses the same
 * rendering context as drawing: identity transform, no antialiasing, integer metrics.
 */
final class LabelFonts {
    static final FontRenderContext FRC = new FontRenderContext(null, false, false);
    static final Font PLAIN = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font BOLD = new Font(Font.SANS_SERIF, Font.BOLD, 12);

    private static final float REFERENCE_SIZE = 100f;

    private LabelFonts() {
    }

    static Font plain(int px) {
        return PLAIN.deriveFont((float) px);
    }

    static Font bold(int px) {
        return BOLD.deriveFont((float) px);
    }

    /** Advance width of the text, as drawString moves the pen. */
    static int advance(Font font, String text) {
        return (int) Math.ceil(font.getStringBounds(text, FRC).getWidth());
    }

    /** The pixels the text's glyphs cover when drawn with its baseline at y = 0 and pen at x = 0. */
    static Rectangle ink(Font font, String text) {
        return font.createGlyphVector(FRC, text).getPixelBounds(FRC, 0, 0);
    }

    /** Ascent (whole pixels) for placing a baseline within a line. */
    static int ascent(Font font) {
        return (int) Math.ceil(lineMetrics(font).getAscent());
    }

    /** Height of one line of text: ascent plus descent, whole pixels. */
    static int lineHeight(Font font) {
        LineMetrics metrics = lineMetrics(font);
        return (int) Math.ceil(metrics.getAscent()) + (int) Math.ceil(metrics.getDescent());
    }

    /**
     * The biggest size of {@code base} (whole pixels, between min and max) at which the text's ink fits the box.
     * Ink scales almost linearly with size, so one measure at a reference size gives the guess and a step or two
     * of correction makes it exact: a few glyph layouts instead of a search.
     */
    static Font largestFitting(Font base, String text, int maxWidth, int maxHeight, int minPx, int maxPx) {
        Rectangle reference = ink(base.deriveFont(REFERENCE_SIZE), text);
        double scale = Math.min((double) maxWidth / Math.max(1, reference.width),
                (double) maxHeight / Math.max(1, reference.height));
        int px = Math.max(minPx, Math.min(maxPx, (int) Math.floor(REFERENCE_SIZE * scale)));
        while (px > minPx && !fits(base, px, text, maxWidth, maxHeight)) {
            px--;
        }
        while (px < maxPx && fits(base, px + 1, text, maxWidth, maxHeight)) {
            px++;
        }
        return base.deriveFont((float) px);
    }

    private static boolean fits(Font base, int px, String text, int maxWidth, int maxHeight) {
        Rectangle ink = ink(base.deriveFont((float) px), text);
        return ink.width <= maxWidth && ink.height <= maxHeight;
    }

    private static LineMetrics lineMetrics(Font font) {
        return font.getLineMetrics("Ágy", FRC);
    }
}
