package dev.esl.tagmanager.render;

/** The colours an e-paper panel can show; white is always the background. */
public enum PanelColors {
    /** Black and white: one plane. */
    BW(1),
    /** Black, white and red: a black plane and a red plane. */
    BWR(2);

    private final int planes;

    PanelColors(int planes) {
        this.planes = planes;
    }

    /** How many 1-bit planes the packed image has. */
    public int planes() {
        return planes;
    }

    /** The value of the contract's `image.colors` field: {@code bw} or {@code bwr}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
