package dev.esl.tagmanager.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import dev.esl.tagmanager.product.Product;
import dev.esl.tagmanager.task.LabelImages;
import dev.esl.tagmanager.task.StoredImage;
import dev.esl.tagmanager.template.Template;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What templates change on a tag, read back from the image the AP receives: the zlib data inflated and the planes
 * unpacked by the tests' own {@link PackedPlanes}, barcodes read by ZXing off those planes.
 */
class TemplateRenderingTest {
    static final String EAN = "4006381333931";
    static final String URL = "https://shop.example/p/4006381333931";

    private final LabelImages images = new LabelImages();

    static Product milk(String barcode, String kind) {
        return new Product("MILK-1", "Organic whole milk 1 l", new BigDecimal("1.29"), new BigDecimal("1.29"), "l",
                "-20%", barcode, kind);
    }

    static Template template(String id, boolean unitPrice, boolean promo, String barcode, String promoStyle) {
        return new Template(id, id, unitPrice, promo, barcode, promoStyle, List.of());
    }

    static Stream<Panel> panels() {
        return Panel.KNOWN.stream();
    }

    static Stream<Panel> redPanels() {
        return Panel.KNOWN.stream().filter(p -> p.colors() == PanelColors.BWR);
    }

    static Stream<Arguments> panelsAndProducts() {
        return Panel.KNOWN.stream().flatMap(panel -> Stream.of(
                Arguments.of(panel, milk(EAN, "EAN13")),
                Arguments.of(panel, milk(URL, "QR")),
                Arguments.of(panel, new Product("TEA-1", "Green tea", new BigDecimal("3.49"), null, null, null, null,
                        null))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("panelsAndProducts")
    void defaultTemplateDrawsTheBytesTheRendererDrewBeforeTemplates(Panel panel, Product product) {
        RenderedImage before = new TagImageRenderer().render(LabelImages.label(product, "EUR"), panel);

        StoredImage image = render(product, panel, Template.DEFAULT);

        assertThat(image.hash()).isEqualTo(before.hash());
        assertThat(image.data()).isEqualTo(before.compressed());
    }

    /**
     * Hashes of {@link #panelsAndProducts()} rendered by the code before templates existed (commit 8bfc421, Debian
     * 12, OpenJDK 17.0.15, DejaVu Sans): the tags showing them need no new image. Another font or JDK may move
     * pixels (docs/tag-images.md, Fonts and determinism); then this test, not the one above, fails.
     */
    static final Map<String, List<String>> HASHES_BEFORE_TEMPLATES = Map.of(
            "250x122 BW", List.of("08ba57747cb114596181993efbad590f", "8db07c7c41e6a7d912def3a1bb93d30b",
                    "f1217e2b5a036f9b0d55991acf5ba507"),
            "250x122 BWR", List.of("1258c324d8c24d7e1713f17d9af6deb2", "77ecb0cff055a9ffb3f6c03fd76635f5",
                    "cbb65380f41e8c00f91c9b49b744e3b3"),
            "296x128 BW", List.of("b727c35e95f36756bff81db7974f2df4", "867ee6c9ae0388ca73576b8250423b56",
                    "2fafd9e82ee9a741c8ea02d290f692ae"),
            "296x128 BWR", List.of("1f9e870945cd51a560c2b8a2977adac2", "a554046fe0329f692117597334bd3f8a",
                    "6527907f522baa1d4f113fcf08c5f273"),
            "400x300 BW", List.of("a5f6ad754880dbe9ad573d278cbade1a", "ded70f8c82891d1253007fd4c7cb554f",
                    "678edb9dbccde912037cf8af4f91d341"),
            "400x300 BWR", List.of("205411a59ede2148e213d5e59090ad1a", "fadb8acd0e30ee8953ab5ebce3fede1a",
                    "b93273bbe7b91f4e5c0b024f4c7b0204"));

    @ParameterizedTest(name = "{0}")
    @MethodSource("panels")
    void defaultTemplateKeepsTheHashesOfBeforeTemplates(Panel panel) {
        List<String> hashes = panelsAndProducts().filter(a -> a.get()[0].equals(panel))
                .map(a -> render((Product) a.get()[1], panel, Template.DEFAULT).hash()).toList();

        assertThat(hashes).isEqualTo(HASHES_BEFORE_TEMPLATES.get(panel.toString()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("panels")
    void withoutBarcodeNeitherEanNorQrIsOnTheTag(Panel panel) {
        Template none = template("no-barcode", true, true, "NONE", "BAND");

        for (Product product : List.of(milk(EAN, "EAN13"), milk(URL, "QR"))) {
            BufferedImage tag = picture(render(product, panel, none), panel);
            assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> Barcodes.read(tag, BarcodeKind.EAN13));
            assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> Barcodes.read(tag, BarcodeKind.QR));
        }
        Product withoutBarcode = new Product("MILK-1", "Organic whole milk 1 l", new BigDecimal("1.29"),
                new BigDecimal("1.29"), "l", "-20%", null, null);
        assertThat(render(milk(EAN, "EAN13"), panel, none).data()).as("the label of a product without barcode")
                .isEqualTo(render(withoutBarcode, panel, Template.DEFAULT).data());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("panels")
    void qrTemplateTurnsAnEanIntoAQrCodeOfItsDigits(Panel panel) throws NotFoundException {
        BufferedImage tag = picture(render(milk(EAN, "EAN13"), panel, template("qr", true, true, "QR", "BAND")), panel);

        Result qr = Barcodes.read(tag, BarcodeKind.QR);

        assertThat(qr.getBarcodeFormat()).isEqualTo(BarcodeFormat.QR_CODE);
        assertThat(qr.getText()).isEqualTo(EAN);
        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> Barcodes.read(tag, BarcodeKind.EAN13));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("panels")
    void ean13TemplateDrawsEan13WhereTheContentIsOneAndKeepsTheProductsKindElsewhere(Panel panel)
            throws NotFoundException {
        Template ean = template("ean", true, true, "EAN13", "BAND");

        BufferedImage digits = picture(render(milk(EAN, "QR"), panel, ean), panel);
        BufferedImage url = picture(render(milk(URL, "QR"), panel, ean), panel);

        Result bars = Barcodes.read(digits, BarcodeKind.EAN13);
        assertThat(bars.getBarcodeFormat()).isEqualTo(BarcodeFormat.EAN_13);
        assertThat(bars.getText()).isEqualTo(EAN);
        assertThat(Barcodes.read(url, BarcodeKind.QR).getText()).as("a URL cannot be an EAN-13").isEqualTo(URL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("panels")
    void hiddenUnitPriceAndPromoAreLeftOffTheLabel(Panel panel) {
        Product product = milk(EAN, "EAN13");
        Product plain = new Product("MILK-1", "Organic whole milk 1 l", new BigDecimal("1.29"), null, null, null, EAN,
                "EAN13");

        StoredImage hidden = render(product, panel, template("plain", false, false, "PRODUCT", "BAND"));

        assertThat(hidden.data()).isEqualTo(render(plain, panel, Template.DEFAULT).data());
        assertThat(hidden.hash()).isNotEqualTo(render(product, panel, Template.DEFAULT).hash());
        assertThat(planes(hidden, panel).count(PackedPlanes.RED)).as("no promo, no red").isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("redPanels")
    void invertedPromoIsBlackEvenOnRedPanels(Panel panel) {
        Product product = milk(EAN, "EAN13");
        Template inverted = template("inverted", true, true, "PRODUCT", "INVERTED");

        PackedPlanes planes = planes(render(product, panel, inverted), panel);
        Box promo = promoBox(product, panel, inverted);

        assertThat(planes.count(PackedPlanes.RED)).isZero();
        assertThat(planes.count(PackedPlanes.BLACK, promo)).as("black marker")
                .isGreaterThan(promo.width() * promo.height() / 2);
        assertThat(planes.count(PackedPlanes.WHITE, promo)).as("the marker's text, white").isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("panels")
    void outlinedPromoIsABlackFrameAroundBlackText(Panel panel) {
        Product product = milk(EAN, "EAN13");
        Template outline = template("outline", true, true, "PRODUCT", "OUTLINE");

        PackedPlanes planes = planes(render(product, panel, outline), panel);
        Box promo = promoBox(product, panel, outline);

        assertThat(planes.count(PackedPlanes.RED)).isZero();
        assertThat(planes.count(PackedPlanes.BLACK, promo.x(), promo.y(), promo.width(), 1)).as("top edge")
                .isEqualTo(promo.width());
        assertThat(planes.count(PackedPlanes.BLACK, promo.x(), promo.y(), 1, promo.height())).as("left edge")
                .isEqualTo(promo.height());
        Box inside = new Box(promo.x() + 2, promo.y() + 2, promo.width() - 4, promo.height() - 4);
        int area = inside.width() * inside.height();
        assertThat(planes.count(PackedPlanes.WHITE, inside)).as("white inside").isGreaterThan(area / 2);
        assertThat(planes.count(PackedPlanes.BLACK, inside)).as("the marker's text, black").isPositive();
    }

    private StoredImage render(Product product, Panel panel, Template template) {
        return images.render(product, "EUR", panel.width(), panel.height(), panel.colors().wireName(), template);
    }

    /** Where the layout put the promo marker of this product's label under the template. */
    private static Box promoBox(Product product, Panel panel, Template template) {
        PriceLabel label = template.apply(LabelImages.label(product, "EUR"));
        BarcodeSymbol symbol = label.barcode() == null ? null : BarcodeSymbol.encode(label.barcodeKind(), label.barcode());
        return LabelLayout.of(panel, label, symbol).promo();
    }

    private static PackedPlanes planes(StoredImage image, Panel panel) {
        return PackedPlanes.unpack(PackedPlanes.inflate(image.data()), panel.width(), panel.height(),
                panel.colors().planes());
    }

    /** The unpacked planes as a picture (red shown as red), for ZXing. */
    private static BufferedImage picture(StoredImage image, Panel panel) {
        PackedPlanes planes = planes(image, panel);
        BufferedImage picture = new BufferedImage(panel.width(), panel.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < panel.height(); y++) {
            for (int x = 0; x < panel.width(); x++) {
                int rgb = switch (planes.at(x, y)) {
                    case PackedPlanes.BLACK -> 0x000000;
                    case PackedPlanes.RED -> 0xFF0000;
                    default -> 0xFFFFFF;
                };
                picture.setRGB(x, y, rgb);
            }
        }
        return picture;
    }
}
