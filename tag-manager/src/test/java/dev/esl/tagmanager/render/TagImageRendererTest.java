package dev.esl.tagmanager.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TagImageRendererTest {
    static final String EAN = "4006381333931";
    static final String URL = "https://shop.example/p/4006381333931";

    private final TagImageRenderer renderer = new TagImageRenderer();

    static Stream<Panel> panels() {
        return Panel.KNOWN.stream();
    }

    static Stream<Arguments> panelsAndBarcodes() {
        return Panel.KNOWN.stream().flatMap(panel -> Stream.of(
                Arguments.of(panel, BarcodeKind.EAN13, EAN),
                Arguments.of(panel, BarcodeKind.QR, URL)));
    }

    static PriceLabel milk() {
        return PriceLabel.of("Organic whole milk 1 l", new BigDecimal("1.29"), "EUR")
                .withUnitPrice(new BigDecimal("1.29"), "l")
                .withBarcode(BarcodeKind.EAN13, EAN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("panels")
    void packsOnePlanePerColourOfThePanelsSize(Panel panel) {
        RenderedImage image = renderer.render(milk().withPromo("-20%"), panel);

        int stride = (panel.width() + 7) / 8;
        assertThat(image.packed()).hasSize(stride * panel.height() * panel.colors().planes());
        PackedPlanes planes = PackedPlanes.unpack(image.packed(), panel.width(), panel.height(),
                panel.colors().planes());
        int total = panel.width() * panel.height();
        assertThat(planes.count(PackedPlanes.WHITE) + planes.count(PackedPlanes.BLACK)
                + planes.count(PackedPlanes.RED)).isEqualTo(total);
        assertThat(planes.count(PackedPlanes.WHITE)).as("mostly white background").isGreaterThan(total / 2);
        assertThat(planes.count(PackedPlanes.BLACK)).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("panels")
    void zlibDataInflatesToThePackedPlanes(Panel panel) {
        RenderedImage image = renderer.render(milk(), panel);

        assertThat(image.compressed()[0] & 0x0F).as("zlib header: deflate").isEqualTo(8);
        assertThat(PackedPlanes.inflate(image.compressed())).isEqualTo(image.packed());
        assertThat(image.compressed().length).isLessThan(image.packed().length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("panels")
    void promoIsRedOnRedPanelsAndInvertedBlackOnBlackAndWhite(Panel panel) {
        PriceLabel label = milk().withPromo("-20%");
        RenderedImage image = renderer.render(label, panel);
        PackedPlanes planes = unpack(image);
        Box promo = LabelLayout.of(panel, label, BarcodeSymbol.encode(BarcodeKind.EAN13, EAN)).promo();

        int area = promo.width() * promo.height();
        if (panel.colors() == PanelColors.BWR) {
            assertThat(planes.count(PackedPlanes.RED, promo)).as("red marker").isGreaterThan(area / 2);
            assertThat(planes.count(PackedPlanes.RED)).as("red only in the marker")
                    .isEqualTo(planes.count(PackedPlanes.RED, promo));
        } else {
            assertThat(planes.count(PackedPlanes.RED)).isZero();
            assertThat(planes.count(PackedPlanes.BLACK, promo)).as("black marker").isGreaterThan(area / 2);
        }
        assertThat(planes.count(PackedPlanes.WHITE, promo)).as("the marker's text, white").isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("panels")
    void noRedWithoutPromo(Panel panel) {
        RenderedImage image = renderer.render(milk(), panel);

        assertThat(unpack(image).count(PackedPlanes.RED)).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("panels")
    void redPixelsHaveTheirBlackBitClear(Panel panel) {
        byte[] packed = renderer.render(milk().withPromo("PROMO"), panel).packed();

        int plane = packed.length / panel.colors().planes();
        for (int i = 0; panel.colors() == PanelColors.BWR && i < plane; i++) {
            assertThat(packed[i] & packed[plane + i]).as("byte %d", i).isZero();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("panelsAndBarcodes")
    void priceRegionIsInked(Panel panel, BarcodeKind kind, String content) {
        PriceLabel label = milk().withBarcode(kind, content).withPromo("-20%");
        PackedPlanes planes = unpack(renderer.render(label, panel));
        Box price = LabelLayout.of(panel, label, BarcodeSymbol.encode(kind, content)).price();

        int black = planes.count(PackedPlanes.BLACK, price);
        int area = price.width() * price.height();
        assertThat(black).as("black pixels in the price box %s", price).isGreaterThan(area / 8);
        assertThat(price.height()).as("price height on %s", panel).isGreaterThanOrEqualTo(panel.height() / 4);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("panelsAndBarcodes")
    void barcodeDecodesBackFromThePreview(Panel panel, BarcodeKind kind, String content) throws NotFoundException {
        RenderedImage image = renderer.render(milk().withBarcode(kind, content).withPromo("-20%"), panel);

        Result result = Barcodes.read(image.toBufferedImage(), kind);

        assertThat(result.getText()).isEqualTo(content);
        assertThat(result.getBarcodeFormat())
                .isEqualTo(kind == BarcodeKind.EAN13 ? BarcodeFormat.EAN_13 : BarcodeFormat.QR_CODE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("panels")
    void hashIsTheFirst16BytesOfSha256OverThePackedBytesInLowercaseHex(Panel panel) throws Exception {
        RenderedImage image = renderer.render(milk(), panel);

        byte[] digest = MessageDigest.getInstance("SHA-256").digest(image.packed());
        assertThat(image.hash()).isEqualTo(HexFormat.of().formatHex(Arrays.copyOf(digest, 16)))
                .hasSize(32).matches("[0-9a-f]+");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("panels")
    void sameLabelGivesTheSameBytesAndHash(Panel panel) {
        RenderedImage first = renderer.render(milk().withPromo("-20%"), panel);
        RenderedImage second = new TagImageRenderer().render(milk().withPromo("-20%"), panel);

        assertThat(second.hash()).isEqualTo(first.hash());
        assertThat(second.packed()).isEqualTo(first.packed());
        assertThat(second.compressed()).isEqualTo(first.compressed());
        assertThat(second).isEqualTo(first);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("panels")
    void differentPriceGivesADifferentHash(Panel panel) {
        RenderedImage before = renderer.render(milk(), panel);
        RenderedImage after = renderer.render(milk().withPrice(new BigDecimal("1.19")), panel);

        assertThat(after.hash()).isNotEqualTo(before.hash());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("panels")
    void previewPngShowsThePackedPlanes(Panel panel) throws IOException {
        RenderedImage image = renderer.render(milk().withPromo("-20%"), panel);
        PackedPlanes planes = unpack(image);

        BufferedImage png = ImageIO.read(new ByteArrayInputStream(image.toPng()));

        assertThat(png.getWidth()).isEqualTo(panel.width());
        assertThat(png.getHeight()).isEqualTo(panel.height());
        for (int y = 0; y < panel.height(); y++) {
            for (int x = 0; x < panel.width(); x++) {
                int expected = switch (planes.at(x, y)) {
                    case PackedPlanes.BLACK -> 0x000000;
                    case PackedPlanes.RED -> 0xFF0000;
                    default -> 0xFFFFFF;
                };
                assertThat(png.getRGB(x, y) & 0xFFFFFF).as("pixel %d,%d", x, y).isEqualTo(expected);
            }
        }
    }

    @Test
    void longNamesAreCutWithAnEllipsisInsideTheNameBox() {
        PriceLabel label = milk().withUnitPrice(null, null);
        PriceLabel longName = new PriceLabel("Organic whole milk from pasture-raised cows of the Allgäu, 3.8 % fat,"
                + " gently pasteurised, in a returnable glass bottle", label.price(), "EUR", null, null, null, EAN,
                BarcodeKind.EAN13);
        Panel panel = Panel.EPD_2_13_BW;
        Box name = LabelLayout.of(panel, longName, BarcodeSymbol.encode(BarcodeKind.EAN13, EAN)).name();

        PackedPlanes planes = unpack(renderer.render(longName, panel));

        int inked = planes.count(PackedPlanes.BLACK, name);
        assertThat(inked).isPositive();
        assertThat(planes.count(PackedPlanes.BLACK, 0, 0, panel.width(), name.y())).as("above the name").isZero();
    }

    @Test
    void rendersGenericPanelsByTheSameRules() throws NotFoundException {
        Panel panel = Panel.of(320, 240, PanelColors.BWR);
        PriceLabel label = milk().withBarcode(BarcodeKind.QR, URL).withPromo("PROMO");

        RenderedImage image = renderer.render(label, panel);

        assertThat(unpack(image).count(PackedPlanes.RED)).isPositive();
        assertThat(Barcodes.read(image.toBufferedImage(), BarcodeKind.QR).getText()).isEqualTo(URL);
    }

    private static PackedPlanes unpack(RenderedImage image) {
        Panel panel = image.panel();
        return PackedPlanes.unpack(image.packed(), panel.width(), panel.height(), panel.colors().planes());
    }
}
