package dev.esl.gateway.dongle;

import java.util.List;

/** Messages from the dongle to the host (docs/serial-protocol.md, "Dongle to host"). */
public sealed interface DongleMessage {
    byte[] encode();

    enum Radio {
        BLE(1), ZIGBEE(2);

        final int code;

        Radio(int code) {
            this.code = code;
        }

        public String label() {
            return this == BLE ? "BLE" : "ZigBee";
        }
    }

    enum Colors {
        BW(1), BWR(2);

        final int code;

        Colors(int code) {
            this.code = code;
        }

        /** As the MQTT contract writes it. */
        public String label() {
            return name().toLowerCase();
        }
    }

    record Hello(int protocolVersion, Radio radio, String firmware, int maxTags, int maxMessage, int maxTransfers)
            implements DongleMessage {
        public static final int OPCODE = 0x01;

        @Override
        public byte[] encode() {
            return new MessageWriter(OPCODE).u8(protocolVersion).u8(radio.code).string(firmware).u16(maxTags)
                    .u16(maxMessage).u8(maxTransfers).toBytes();
        }
    }

    /**
     * A tag woke up and listens for {@code awakeMs}. {@code temperatureDeciC} is in 0.1 °C; {@code signal} is
     * the RSSI in dBm (BLE) or the LQI (ZigBee).
     */
    record CheckIn(TagId tag, int batteryMv, int temperatureDeciC, int signal, String firmware, String imageHash,
            int width, int height, Colors colors, int awakeMs) implements DongleMessage {
        public static final int OPCODE = 0x02;

        @Override
        public byte[] encode() {
            return new MessageWriter(OPCODE).tag(tag).u16(batteryMv).u16(temperatureDeciC).u16(signal)
                    .string(firmware).hash(imageHash).u16(width).u16(height).u8(colors.code).u16(awakeMs)
                    .toBytes();
        }
    }

    /** The tag holds every block of transfer {@code ref} before {@code next}. */
    record BlockAck(int ref, int next) implements DongleMessage {
        public static final int OPCODE = 0x03;

        @Override
        public byte[] encode() {
            return new MessageWriter(OPCODE).u16(ref).u16(next).toBytes();
        }
    }

    /** The tag misses these blocks of transfer {@code ref}: send them again. */
    record BlockRequest(int ref, List<Integer> blocks) implements DongleMessage {
        public static final int OPCODE = 0x04;

        public BlockRequest {
            blocks = List.copyOf(blocks);
            if (blocks.isEmpty() || blocks.size() > 255) {
                throw new IllegalArgumentException("a block request names 1 to 255 blocks, not " + blocks.size());
            }
        }

        @Override
        public byte[] encode() {
            MessageWriter w = new MessageWriter(OPCODE).u16(ref).u8(blocks.size());
            for (int b : blocks) {
                w.u16(b);
            }
            return w.toBytes();
        }
    }

    /** The end of transfer or command {@code ref}: {@code status} 0 is done, otherwise an {@link EslStatus}. */
    record Result(int ref, TagId tag, int status) implements DongleMessage {
        public static final int OPCODE = 0x05;

        @Override
        public byte[] encode() {
            return new MessageWriter(OPCODE).u16(ref).tag(tag).u8(status).toBytes();
        }
    }

    record Pong(long token) implements DongleMessage {
        public static final int OPCODE = 0x06;

        @Override
        public byte[] encode() {
            return new MessageWriter(OPCODE).u32(token).toBytes();
        }
    }

    record Sensor(int ref, TagId tag, int sensor, int value) implements DongleMessage {
        public static final int OPCODE = 0x07;

        @Override
        public byte[] encode() {
            return new MessageWriter(OPCODE).u16(ref).tag(tag).u8(sensor).u32(value & 0xFFFFFFFFL).toBytes();
        }
    }
}
