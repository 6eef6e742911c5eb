package dev.esl.gateway.link;

import java.io.ByteArrayOutputStream;

/** Turns a frame into its bytes on the wire: control, data, CRC, stuffed, then FLAG. */
public final class FrameEncoder {
    public static final int FLAG = 0x7E;
    public static final int ESCAPE = 0x7D;
    public static final int CANCEL = 0x1A;
    public static final int SUBSTITUTE = 0x18;

    private FrameEncoder() {
    }

    public static byte[] encode(Frame frame) {
        byte[] data = frame.data();
        byte[] raw = new byte[data.length + 3];
        raw[0] = (byte) frame.control();
        System.arraycopy(data, 0, raw, 1, data.length);
        int crc = Crc16.of(raw, 0, data.length + 1);
        raw[data.length + 1] = (byte) (crc >>> 8);
        raw[data.length + 2] = (byte) crc;

        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + raw.length / 32 + 2);
        for (byte b : raw) {
            if (isReserved(b & 0xFF)) {
                out.write(ESCAPE);
                out.write(b ^ 0x20);
            } else {
                out.write(b);
            }
        }
        out.write(FLAG);
        return out.toByteArray();
    }

    static boolean isReserved(int b) {
        return b == FLAG || b == ESCAPE || b == CANCEL || b == SUBSTITUTE;
    }
}
