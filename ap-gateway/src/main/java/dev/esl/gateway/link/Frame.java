package dev.esl.gateway.link;

import java.util.Arrays;
import java.util.HexFormat;

/** A link-layer frame, as docs/serial-protocol.md defines them: its control byte and its data field. */
public sealed interface Frame {
    /** Largest data field of any frame. */
    int MAX_DATA = 1024;
    int VERSION = 2;

    int control();

    default byte[] data() {
        return new byte[0];
    }

    /** Carries one application message; piggy-backs the sender's ack number. */
    record Data(int frameNumber, int ackNumber, boolean retransmit, byte[] payload) implements Frame {
        public Data {
            if (payload.length > MAX_DATA) {
                throw new IllegalArgumentException("payload of " + payload.length + " bytes exceeds " + MAX_DATA);
            }
        }

        @Override
        public int control() {
            return (frameNumber & 7) << 4 | (retransmit ? 0x08 : 0) | (ackNumber & 7);
        }

        @Override
        public byte[] data() {
            return payload;
        }

        Data retransmitted(int currentAck) {
            return new Data(frameNumber, currentAck, true, payload);
        }

        @Override
        public String toString() {
            return "DATA(frm=" + frameNumber + ", ack=" + ackNumber + (retransmit ? ", reTx" : "") + ", "
                    + payload.length + " bytes)";
        }
    }

    record Ack(int ackNumber, boolean notReady) implements Frame {
        @Override
        public int control() {
            return 0x80 | (notReady ? 0x08 : 0) | (ackNumber & 7);
        }
    }

    record Nak(int ackNumber, boolean notReady) implements Frame {
        @Override
        public int control() {
            return 0xA0 | (notReady ? 0x08 : 0) | (ackNumber & 7);
        }
    }

    /** Host to dongle: restart the link. */
    record Rst() implements Frame {
        @Override
        public int control() {
            return 0xC0;
        }
    }

    /** Dongle to host: the link (re)started, and why. */
    record RstAck(int version, int resetCode) implements Frame {
        public static final int POWER_ON = 0x01;
        public static final int HOST_REQUEST = 0x02;
        public static final int WATCHDOG = 0x03;
        public static final int INTERNAL_ERROR = 0x04;

        @Override
        public int control() {
            return 0xC1;
        }

        @Override
        public byte[] data() {
            return new byte[] {(byte) version, (byte) resetCode};
        }
    }

    /** Dongle to host: the dongle gave the link up; the host must reset it. */
    record Error(int version, int code) implements Frame {
        public static final int TOO_MANY_TIMEOUTS = 0x51;
        public static final int NOT_RESET = 0x52;

        @Override
        public int control() {
            return 0xC2;
        }

        @Override
        public byte[] data() {
            return new byte[] {(byte) version, (byte) code};
        }
    }

    /** Reads control and data of a frame whose CRC was already checked. */
    static Frame parse(int control, byte[] data) throws FrameException {
        if ((control & 0x80) == 0) {
            return new Data(control >> 4 & 7, control & 7, (control & 0x08) != 0, data);
        }
        switch (control & 0xE0) {
            case 0x80 -> {
                return new Ack(control & 7, (control & 0x08) != 0);
            }
            case 0xA0 -> {
                return new Nak(control & 7, (control & 0x08) != 0);
            }
            default -> {
                // 0xC0..0xFF: the reset family
            }
        }
        switch (control) {
            case 0xC0 -> {
                return new Rst();
            }
            case 0xC1 -> {
                requireLength(control, data, 2);
                return new RstAck(data[0] & 0xFF, data[1] & 0xFF);
            }
            case 0xC2 -> {
                requireLength(control, data, 2);
                return new Error(data[0] & 0xFF, data[1] & 0xFF);
            }
            default -> throw new FrameException(String.format("unknown control byte 0x%02X", control));
        }
    }

    private static void requireLength(int control, byte[] data, int length) throws FrameException {
        if (data.length != length) {
            throw new FrameException(String.format("control 0x%02X needs %d data bytes, got %d: %s", control,
                    length, data.length, HexFormat.of().formatHex(Arrays.copyOf(data, Math.min(data.length, 16)))));
        }
    }
}
