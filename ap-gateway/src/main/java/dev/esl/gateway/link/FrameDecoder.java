package dev.esl.gateway.link;

/**
 * Finds frames in a byte stream: unstuffs, checks length and CRC, and reports each good frame or the reason
 * a bad one was thrown away. After a bad frame it ignores bytes up to the next FLAG. Not thread-safe: one
 * reader feeds it.
 */
public final class FrameDecoder {
    /** Receives what the decoder finds. */
    public interface Listener {
        void frame(Frame frame);

        void badFrame(String reason);
    }

    private static final int MAX_RAW = 1 + Frame.MAX_DATA + 2;

    private final Listener listener;
    private final byte[] buffer = new byte[MAX_RAW];
    private int length;
    private boolean escaped;
    /** Set after an error: bytes are ignored until the next FLAG. */
    private boolean discarding;

    public FrameDecoder(Listener listener) {
        this.listener = listener;
    }

    public void feed(byte[] bytes, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            accept(bytes[i] & 0xFF);
        }
    }

    private void accept(int b) {
        switch (b) {
            case FrameEncoder.FLAG -> endOfFrame();
            case FrameEncoder.CANCEL -> reset();
            case FrameEncoder.SUBSTITUTE -> fail("substitute byte (UART framing error)");
            case FrameEncoder.ESCAPE -> {
                if (!discarding) {
                    escaped = true;
                }
            }
            default -> {
                if (discarding) {
                    return;
                }
                if (length == MAX_RAW) {
                    fail("frame longer than " + MAX_RAW + " bytes");
                    return;
                }
                buffer[length++] = (byte) (escaped ? b ^ 0x20 : b);
                escaped = false;
            }
        }
    }

    private void endOfFrame() {
        if (discarding) {
            reset();
            return;
        }
        if (escaped) {
            reset();
            listener.badFrame("escape byte before flag");
            return;
        }
        if (length == 0) {
            return;
        }
        if (length < 3) {
            int n = length;
            reset();
            listener.badFrame("frame of " + n + " bytes is too short");
            return;
        }
        int expected = (buffer[length - 2] & 0xFF) << 8 | (buffer[length - 1] & 0xFF);
        int actual = Crc16.of(buffer, 0, length - 2);
        if (expected != actual) {
            reset();
            listener.badFrame(String.format("bad CRC: frame says 0x%04X, computed 0x%04X", expected, actual));
            return;
        }
        byte[] data = new byte[length - 3];
        System.arraycopy(buffer, 1, data, 0, data.length);
        int control = buffer[0] & 0xFF;
        reset();
        try {
            listener.frame(Frame.parse(control, data));
        } catch (FrameException e) {
            listener.badFrame(e.getMessage());
        }
    }

    private void fail(String reason) {
        boolean wasReceiving = !discarding;
        reset();
        discarding = true;
        if (wasReceiving) {
            listener.badFrame(reason);
        }
    }

    private void reset() {
        length = 0;
        escaped = false;
        discarding = false;
    }
}
