package dev.esl.gateway.dongle;

/** Messages from the host to the dongle (docs/serial-protocol.md, "Host to dongle"). */
public sealed interface HostCommand {
    byte[] encode();

    enum LedColor {
        RED(1), GREEN(2), BLUE(3), WHITE(4);

        final int code;

        LedColor(int code) {
            this.code = code;
        }
    }

    enum LedPattern {
        BLINK(1), SOLID(2);

        final int code;

        LedPattern(int code) {
            this.code = code;
        }
    }

    enum Compression {
        NONE(0), ZLIB(1);

        final int code;

        Compression(int code) {
            this.code = code;
        }
    }

    record Ping(long token) implements HostCommand {
        public static final int OPCODE = 0x81;

        @Override
        public byte[] encode() {
            return new MessageWriter(OPCODE).u32(token).toBytes();
        }
    }

    record ImageBegin(int ref, TagId tag, int totalBytes, int blockSize, String hash, Compression compression,
            int page) implements HostCommand {
        public static final int OPCODE = 0x82;

        public int blocks() {
            return (totalBytes + blockSize - 1) / blockSize;
        }

        @Override
        public byte[] encode() {
            return new MessageWriter(OPCODE).u16(ref).tag(tag).u32(totalBytes).u16(blockSize).hash(hash)
                    .u8(compression.code).u8(page).toBytes();
        }
    }

    record ImageBlock(int ref, int index, byte[] data) implements HostCommand {
        public static final int OPCODE = 0x83;
        /** Bytes of an IMAGE_BLOCK besides its data: opcode, ref, index. */
        public static final int OVERHEAD = 5;

        @Override
        public byte[] encode() {
            return new MessageWriter(OPCODE).u16(ref).u16(index).bytes(data, 0, data.length).toBytes();
        }
    }

    record Led(int ref, TagId tag, LedColor color, LedPattern pattern, int count, int durationMs)
            implements HostCommand {
        public static final int OPCODE = 0x84;

        @Override
        public byte[] encode() {
            return new MessageWriter(OPCODE).u16(ref).tag(tag).u8(color.code).u8(pattern.code).u8(count)
                    .u16(durationMs).toBytes();
        }
    }

    record Page(int ref, TagId tag, int page, int durationSeconds) implements HostCommand {
        public static final int OPCODE = 0x85;

        @Override
        public byte[] encode() {
            return new MessageWriter(OPCODE).u16(ref).tag(tag).u8(page).u16(durationSeconds).toBytes();
        }
    }

    record Abort(int ref) implements HostCommand {
        public static final int OPCODE = 0x86;

        @Override
        public byte[] encode() {
            return new MessageWriter(OPCODE).u16(ref).toBytes();
        }
    }

    record Refresh(int ref, TagId tag) implements HostCommand {
        public static final int OPCODE = 0x87;

        @Override
        public byte[] encode() {
            return new MessageWriter(OPCODE).u16(ref).tag(tag).toBytes();
        }
    }

    record ReadSensor(int ref, TagId tag, int sensor) implements HostCommand {
        public static final int OPCODE = 0x88;

        @Override
        public byte[] encode() {
            return new MessageWriter(OPCODE).u16(ref).tag(tag).u8(sensor).toBytes();
        }
    }

    record UpdateComplete(TagId tag) implements HostCommand {
        public static final int OPCODE = 0x89;

        @Override
        public byte[] encode() {
            return new MessageWriter(OPCODE).tag(tag).toBytes();
        }
    }
}
