package dev.esl.tagmanager.render;

import java.util.List;
import java.util.Objects;

/**
 * A tag's display: resolution in pixels (landscape, width first) and colours.
 *
 * @param width  pixels across
 * @param height pixels down
 * @param colors what the panel can show
 */
public record Panel(int width, int height, PanelColors colors) {
    /** Smaller panels cannot hold a name, a price and a barcode legibly. */
    public static final int MIN_WIDTH = 120;
    public static final int MIN_HEIGHT = 60;
    /** Larger than any shelf label; bounds the memory one render takes. */
    public static final int MAX_SIDE = 2048;

    public static final Panel EPD_2_13_BW = new Panel(250, 122, PanelColors.BW);
    public static final Panel EPD_2_13_BWR = new Panel(250, 122, PanelColors.BWR);
    public static final Panel EPD_2_9_BW = new Panel(296, 128, PanelColors.BW);
    public static final Panel EPD_2_9_BWR = new Panel(296, 128, PanelColors.BWR);
    public static final Panel EPD_4_2_BW = new Panel(400, 300, PanelColors.BW);
    public static final Panel EPD_4_2_BWR = new Panel(400, 300, PanelColors.BWR);

    /** The panels the layouts were tuned for. */
    public static final List<Panel> KNOWN = List.of(
            EPD_2_13_BW, EPD_2_13_BWR, EPD_2_9_BW, EPD_2_9_BWR, EPD_4_2_BW, EPD_4_2_BWR);

    public Panel {
        Objects.requireNonNull(colors, "colors");
        if (width < MIN_WIDTH || height < MIN_HEIGHT || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("panel size " + width + "x" + height + " outside "
                    + MIN_WIDTH + "x" + MIN_HEIGHT + " to " + MAX_SIDE + "x" + MAX_SIDE);
        }
    }

    /** The known panel of that size and colours, or a generic one laid out by the same rules. */
    public static Panel of(int width, int height, PanelColors colors) {
        for (Panel known : KNOWN) {
            if (known.width == width && known.height == height && known.colors == colors) {
                return known;
            }
        }
        return new Panel(width, height, colors);
    }

    /** Bytes of one packed plane: each row starts on a byte boundary. */
    public int planeBytes() {
        return (width + 7) / 8 * height;
    }

    /** Bytes of the packed (uncompressed) image: all planes. */
    public int packedBytes() {
        return planeBytes() * colors.planes();
    }

    @Override
    public String toString() {
        return width + "x" + height + " " + colors;
    }
}
