package dev.esl.tagmanager.render;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * Renders a price label into a tag image for one panel: lays it out, paints it with Java2D (headless, no
 * antialiasing), packs it into the panel's planes, compresses and hashes it. Stateless and thread-safe; the same
 * label and panel give the same bytes on the same fonts (see docs/tag-images.md).
 */
public final class TagImageRenderer {

    /** With the promo marker on a band: the look from before templates existed. */
    public RenderedImage render(PriceLabel label, Panel panel) {
        return render(label, panel, PromoStyle.BAND);
    }

    public RenderedImage render(PriceLabel label, Panel panel, PromoStyle promoStyle) {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(panel, "panel");
        Objects.requireNonNull(promoStyle, "promoStyle");
        BarcodeSymbol symbol = label.barcode() == null ? null
                : BarcodeSymbol.encode(label.barcodeKind(), label.barcode());
        LabelLayout layout = LabelLayout.of(panel, label, symbol);
        BufferedImage canvas = LabelPainter.paint(panel, label, layout, symbol, promoStyle);
        return RenderedImage.of(panel, PlanePacker.pack(canvas, panel));
    }
}
