package dev.esl.tagmanager.template;

import dev.esl.tagmanager.render.BarcodeKind;
import dev.esl.tagmanager.render.PriceLabel;
import dev.esl.tagmanager.render.PromoStyle;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A label template: which of a product's parts its tags show, and how. Fields left out of a request take the
 * built-in default's value, so {@code {"id": "no-barcode", "name": "...", "barcode": "NONE"}} is a whole template.
 * The fields are text, not enums, so a bad value is answered 400 naming the field (docs/tag-manager.md).
 *
 * @param showUnitPrice whether the unit price line appears (when the product has one)
 * @param showPromo     whether the promo marker appears (when the product has one)
 * @param barcode       {@code PRODUCT}: the product's own kind; {@code EAN13} or {@code QR}: that kind when the
 *                      product's barcode can be encoded so, else the product's own; {@code NONE}: no barcode
 * @param promoStyle    a {@link PromoStyle} name
 * @param panels        the panel sizes ({@code 296x128}) it applies to; empty: every panel. A tag whose panel is
 *                      not listed falls back to its store's template, then to the default
 */
public record Template(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,32}", message = "1 to 32 letters, digits, '-' or '_'") String id,
        @NotBlank @Size(max = 200) String name,
        Boolean showUnitPrice,
        Boolean showPromo,
        @Pattern(regexp = "PRODUCT|EAN13|QR|NONE", message = "PRODUCT, EAN13, QR or NONE") String barcode,
        @Pattern(regexp = "BAND|INVERTED|OUTLINE", message = "BAND, INVERTED or OUTLINE") String promoStyle,
        @Size(max = 20) List<@NotNull @Pattern(regexp = "[1-9][0-9]{1,3}x[1-9][0-9]{1,3}",
                message = "WIDTHxHEIGHT in pixels, such as 296x128") String> panels) {

    public static final String DEFAULT_ID = "default";
    /** The built-in template (seeded by V2__templates.sql): the label as drawn before templates existed. */
    public static final Template DEFAULT = new Template(DEFAULT_ID,
            "Built-in: everything the product has, promo on a band", true, true, "PRODUCT", "BAND", List.of());

    public Template {
        showUnitPrice = showUnitPrice == null || showUnitPrice;
        showPromo = showPromo == null || showPromo;
        barcode = barcode == null ? "PRODUCT" : barcode;
        promoStyle = promoStyle == null ? "BAND" : promoStyle;
        // Not List.copyOf: a null element must reach validation, which names it, instead of failing here.
        panels = panels == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(panels));
    }

    public boolean appliesTo(int width, int height) {
        if (panels.isEmpty()) {
            return true;
        }
        return panels.contains(width + "x" + height);
    }

    /** The product's full label cut down to what this template shows. */
    public PriceLabel apply(PriceLabel label) {
        PriceLabel shown = label;
        if (!showUnitPrice && shown.unitPrice() != null) {
            shown = shown.withUnitPrice(null, null);
        }
        if (!showPromo && shown.promo() != null) {
            shown = shown.withPromo(null);
        }
        if (shown.barcode() == null) {
            return shown;
        }
        return switch (barcode) {
            case "NONE" -> shown.withBarcode(null, null);
            case "EAN13", "QR" -> {
                BarcodeKind preferred = BarcodeKind.valueOf(barcode);
                yield preferred.accepts(shown.barcode()) ? shown.withBarcode(preferred, shown.barcode()) : shown;
            }
            default -> shown;
        };
    }

    public PromoStyle promo() {
        return PromoStyle.valueOf(promoStyle);
    }
}
