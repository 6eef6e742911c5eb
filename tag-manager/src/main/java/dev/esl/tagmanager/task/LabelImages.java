package dev.esl.tagmanager.task;

import dev.esl.tagmanager.product.Product;
import dev.esl.tagmanager.render.BarcodeKind;
import dev.esl.tagmanager.render.Panel;
import dev.esl.tagmanager.render.PanelColors;
import dev.esl.tagmanager.render.PriceLabel;
import dev.esl.tagmanager.render.RenderedImage;
import dev.esl.tagmanager.render.TagImageRenderer;
import dev.esl.tagmanager.template.Template;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The image a tag shows for a product: its price label, cut down by the tag's template, rendered for the tag's
 * panel, ready to store and send.
 */
@Component
public class LabelImages {
    private final TagImageRenderer renderer = new TagImageRenderer();

    public StoredImage render(Product product, String currency, int width, int height, String colors,
            Template template) {
        RenderedImage image = draw(product, currency, width, height, colors, template);
        return new StoredImage(image.hash(), width, height, colors, image.compressed());
    }

    /** The preview of what the tag shows, as PNG. */
    public byte[] preview(Product product, String currency, int width, int height, String colors,
            Template template) {
        return draw(product, currency, width, height, colors, template).toPng();
    }

    /** The label of a product; throws IllegalArgumentException saying what a tag cannot show. */
    public static PriceLabel label(Product product, String currency) {
        PriceLabel label = PriceLabel.of(product.name(), product.price(), currency);
        if (product.unitPrice() != null && product.unit() != null && !product.unit().isBlank()) {
            label = label.withUnitPrice(product.unitPrice(), product.unit());
        }
        if (product.promo() != null && !product.promo().isBlank()) {
            label = label.withPromo(product.promo());
        }
        if (product.barcode() != null && !product.barcode().isBlank()) {
            label = label.withBarcode(BarcodeKind.valueOf(product.barcodeKind()), product.barcode());
        }
        return label;
    }

    private RenderedImage draw(Product product, String currency, int width, int height, String colors,
            Template template) {
        return renderer.render(template.apply(label(product, currency)), panel(width, height, colors),
                template.promo());
    }

    private static Panel panel(int width, int height, String colors) {
        return Panel.of(width, height, PanelColors.valueOf(colors.toUpperCase(Locale.ROOT)));
    }
}
