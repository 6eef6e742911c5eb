package dev.esl.gateway.simulator;

import dev.esl.gateway.dongle.DongleMessage.Colors;

/** E-paper panels of the tags we simulate. */
public enum Panel {
    P213_BW(250, 122, Colors.BW), P213_BWR(250, 122, Colors.BWR),
    P29_BW(296, 128, Colors.BW), P29_BWR(296, 128, Colors.BWR),
    P42_BW(400, 300, Colors.BW), P42_BWR(400, 300, Colors.BWR);

    public final int width;
    public final int height;
    public final Colors colors;

    Panel(int width, int height, Colors colors) {
        this.width = width;
        this.height = height;
        this.colors = colors;
    }
}
