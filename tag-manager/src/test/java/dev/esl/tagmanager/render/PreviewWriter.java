package dev.esl.tagmanager.render;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Regenerates the preview pictures in docs/previews/ (one per known panel), so the docs show what the renderer
 * draws today. Not a test: run it from the repository root after a layout change and commit the pictures.
 *
 * <pre>
 * ./mvnw -q -B -ntp -pl tag-manager test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Djava.awt.headless=true -cp tag-manager/target/test-classes:tag-manager/target/classes:$(cat tag-manager/target/cp.txt) \
 *     dev.esl.tagmanager.render.PreviewWriter docs/previews
 * </pre>
 */
public final class PreviewWriter {
    private PreviewWriter() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "docs/previews");
        Files.createDirectories(dir);
        TagImageRenderer renderer = new TagImageRenderer();
        for (Panel panel : Panel.KNOWN) {
            Path file = dir.resolve(fileName(panel));
            Files.write(file, renderer.render(sample(panel), panel).toPng());
            System.out.println("wrote " + file);
        }
    }

    /** A realistic label; the promo on the red panels, a QR code on the red 4.2" one. */
    static PriceLabel sample(Panel panel) {
        PriceLabel label = PriceLabel.of("Organic whole milk 1 l, fresh from pasture-raised cows",
                        new BigDecimal("1.29"), "EUR")
                .withUnitPrice(new BigDecimal("1.29"), "l");
        label = panel.equals(Panel.EPD_4_2_BWR)
                ? label.withBarcode(BarcodeKind.QR, "https://shop.example/p/4006381333931")
                : label.withBarcode(BarcodeKind.EAN13, "4006381333931");
        return panel.colors() == PanelColors.BWR ? label.withPromo("-20%") : label;
    }

    static String fileName(Panel panel) {
        return "tag-" + panel.width() + "x" + panel.height() + "-" + panel.colors().wireName() + ".png";
    }
}
