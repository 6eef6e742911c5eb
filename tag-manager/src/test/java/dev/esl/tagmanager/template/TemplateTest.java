package dev.esl.tagmanager.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esl.tagmanager.render.BarcodeKind;
import dev.esl.tagmanager.render.PriceLabel;
import dev.esl.tagmanager.render.PromoStyle;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateTest {
    static final String EAN = "4006381333931";
    static final PriceLabel MILK = PriceLabel.of("Milk", new BigDecimal("1.29"), "EUR")
            .withUnitPrice(new BigDecimal("1.29"), "l").withPromo("-20%").withBarcode(BarcodeKind.EAN13, EAN);

    @Test
    void fieldsLeftOutTakeTheDefaultsValues() {
        Template t = new Template("t", "T", null, null, null, null, null);

        assertThat(t).isEqualTo(new Template("t", "T", true, true, "PRODUCT", "BAND", List.of()));
        assertThat(t.promo()).isEqualTo(PromoStyle.BAND);
    }

    @Test
    void defaultTemplateLeavesTheLabelAsItIs() {
        assertThat(Template.DEFAULT.apply(MILK)).isSameAs(MILK);
        assertThat(Template.DEFAULT.promo()).isEqualTo(PromoStyle.BAND);
        assertThat(Template.DEFAULT.appliesTo(250, 122)).isTrue();
    }

    @Test
    void hidesWhatItDoesNotShow() {
        PriceLabel shown = new Template("t", "T", false, false, "NONE", null, null).apply(MILK);

        assertThat(shown).isEqualTo(PriceLabel.of("Milk", new BigDecimal("1.29"), "EUR"));
    }

    @Test
    void prefersItsBarcodeKindWhereTheContentAllows() {
        Template qr = new Template("t", "T", null, null, "QR", null, null);
        Template ean = new Template("t", "T", null, null, "EAN13", null, null);
        PriceLabel url = MILK.withBarcode(BarcodeKind.QR, "https://shop.example/p/1");

        assertThat(qr.apply(MILK).barcodeKind()).isEqualTo(BarcodeKind.QR);
        assertThat(qr.apply(MILK).barcode()).isEqualTo(EAN);
        assertThat(ean.apply(MILK.withBarcode(BarcodeKind.QR, EAN)).barcodeKind()).isEqualTo(BarcodeKind.EAN13);
        assertThat(ean.apply(url)).as("a URL is no EAN-13: the product's own kind").isEqualTo(url);
        assertThat(qr.apply(MILK.withBarcode(null, null)).barcode()).isNull();
    }

    @Test
    void appliesToItsPanelSizesOnly() {
        Template small = new Template("t", "T", null, null, null, null, List.of("250x122", "296x128"));

        assertThat(small.appliesTo(296, 128)).isTrue();
        assertThat(small.appliesTo(400, 300)).isFalse();
        assertThat(small.appliesTo(2500, 122)).isFalse();
    }

    @Test
    void keepsANullPanelForValidationToName() {
        Template t = new Template("t", "T", null, null, null, null, Arrays.asList("250x122", null));

        assertThat(t.panels()).containsExactly("250x122", null);
    }

    @Test
    void rowKeepsThePanelsInOneColumn() {
        Template t = new Template("t", "T", false, true, "QR", "OUTLINE", List.of("250x122", "296x128"));

        TemplateRow row = TemplateRow.of(t);

        assertThat(row.panels()).isEqualTo("250x122,296x128");
        assertThat(row.toTemplate()).isEqualTo(t);
        assertThat(TemplateRow.of(Template.DEFAULT).panels()).isNull();
        assertThat(TemplateRow.of(Template.DEFAULT).toTemplate()).isEqualTo(Template.DEFAULT);
    }
}
