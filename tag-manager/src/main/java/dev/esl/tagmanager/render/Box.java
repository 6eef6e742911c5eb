package dev.esl.tagmanager.render;

/** An immutable rectangle of panel pixels; {@code x + width} is the first column outside it. */
record Box(int x, int y, int width, int height) {
    int right() {
        return x + width;
    }

    int bottom() {
        return y + height;
    }
}
