package dev.esl.gateway.simulator;

import dev.esl.gateway.dongle.DongleMessage.Colors;

/** E-paper panels of the tags we simulate; {@link #label} is how settings name them ("2.9bwr"). */
public enum Panel {
    P213_BW("2.13bw", 250, 122, Colors.BW), P213_BWR("2.13bwr", 250, 122, Colors.BWR),
    P29_BW("2.9bw", 296, 128, Colors.BW), P29_BWR("2.9bwr", 296, 128, Colors.BWR),
    P42_BW("4.2bw", 400, 300, Colors.BW), P42_BWR("4.2bwr", 400, 300, Colors.BWR);

    public final String label;
    public final int width;
    public final int height;
    public final Colors colors;

    Panel(String label, int width, int height, Colors colors) {
        this.label = label;
        this.width = width;
        this.height = height;
        this.colors = colors;
    }

    public static Panel ofLabel(String label) {
        for (Panel p : values()) {
            if (p.label.equalsIgnoreCase(label.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown panel '" + label.trim() + "': one of 2.13bw, 2.13bwr, 2.9bw, "
                + "2.9bwr, 4.2bw, 4.2bwr");
    }
}
