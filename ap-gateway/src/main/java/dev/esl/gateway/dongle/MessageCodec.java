package dev.esl.gateway.dongle;

import dev.esl.gateway.dongle.DongleMessage.Colors;
import dev.esl.gateway.dongle.DongleMessage.Radio;
import dev.esl.gateway.dongle.HostCommand.Compression;
import dev.esl.gateway.dongle.HostCommand.LedColor;
import dev.esl.gateway.dongle.HostCommand.LedPattern;
import java.util.ArrayList;
import java.util.List;

/** Decodes application messages; every defect is a {@link MalformedMessageException} naming the field. */
public final class MessageCodec {
    private MessageCodec() {
    }

    public static DongleMessage decodeDongleMessage(byte[] bytes) throws MalformedMessageException {
        int opcode = opcode(bytes);
        DongleMessage message = switch (opcode) {
            case DongleMessage.Hello.OPCODE -> {
                MessageReader r = new MessageReader(bytes, "HELLO");
                yield new DongleMessage.Hello(r.u8("protocol version"), radio(r), r.string("firmware"),
                        r.u16("max tags"), r.u16("max message"), r.u8("max transfers"));
            }
            case DongleMessage.CheckIn.OPCODE -> {
                MessageReader r = new MessageReader(bytes, "CHECK_IN");
                DongleMessage.CheckIn c = new DongleMessage.CheckIn(r.tag(), r.u16("battery"),
                        r.s16("temperature"), r.s16("signal"), r.string("firmware"), r.hash("image hash"),
                        r.u16("width"), r.u16("height"), colors(r), r.u16("awake ms"));
                r.end();
                yield c;
            }
            case DongleMessage.BlockAck.OPCODE -> {
                MessageReader r = new MessageReader(bytes, "BLOCK_ACK");
                DongleMessage.BlockAck a = new DongleMessage.BlockAck(r.ref(), r.u16("next"));
                r.end();
                yield a;
            }
            case DongleMessage.BlockRequest.OPCODE -> {
                MessageReader r = new MessageReader(bytes, "BLOCK_REQUEST");
                int ref = r.ref();
                int count = r.u8("count");
                if (count == 0) {
                    throw r.invalid("count", 0);
                }
                List<Integer> blocks = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    blocks.add(r.u16("block index"));
                }
                r.end();
                yield new DongleMessage.BlockRequest(ref, blocks);
            }
            case DongleMessage.Result.OPCODE -> {
                MessageReader r = new MessageReader(bytes, "RESULT");
                DongleMessage.Result res = new DongleMessage.Result(r.ref(), r.tag(), r.u8("status"));
                r.end();
                yield res;
            }
            case DongleMessage.Pong.OPCODE -> {
                MessageReader r = new MessageReader(bytes, "PONG");
                DongleMessage.Pong p = new DongleMessage.Pong(r.u32("token"));
                r.end();
                yield p;
            }
            case DongleMessage.Sensor.OPCODE -> {
                MessageReader r = new MessageReader(bytes, "SENSOR");
                DongleMessage.Sensor s = new DongleMessage.Sensor(r.ref(), r.tag(), r.u8("sensor"), r.s32("value"));
                r.end();
                yield s;
            }
            default -> throw unknown(opcode);
        };
        // HELLO may grow fields in later protocol versions, so it alone may carry trailing bytes.
        return message;
    }

    public static HostCommand decodeHostCommand(byte[] bytes) throws MalformedMessageException {
        int opcode = opcode(bytes);
        HostCommand command = switch (opcode) {
            case HostCommand.Ping.OPCODE -> {
                MessageReader r = new MessageReader(bytes, "PING");
                HostCommand.Ping p = new HostCommand.Ping(r.u32("token"));
                r.end();
                yield p;
            }
            case HostCommand.ImageBegin.OPCODE -> {
                MessageReader r = new MessageReader(bytes, "IMAGE_BEGIN");
                int ref = r.ref();
                TagId tag = r.tag();
                long total = r.u32("total bytes");
                int blockSize = r.u16("block size");
                String hash = r.hash("hash");
                int compression = r.u8("compression");
                int page = r.u8("display page");
                r.end();
                if (total == 0 || total > Integer.MAX_VALUE) {
                    throw r.invalid("total bytes", total);
                }
                if (blockSize == 0) {
                    throw r.invalid("block size", 0);
                }
                yield new HostCommand.ImageBegin(ref, tag, (int) total, blockSize, hash,
                        compression(r, compression), page);
            }
            case HostCommand.ImageBlock.OPCODE -> {
                MessageReader r = new MessageReader(bytes, "IMAGE_BLOCK");
                int ref = r.ref();
                int index = r.u16("block index");
                byte[] data = r.rest();
                if (data.length == 0) {
                    throw r.invalid("data", "(empty)");
                }
                yield new HostCommand.ImageBlock(ref, index, data);
            }
            case HostCommand.Led.OPCODE -> {
                MessageReader r = new MessageReader(bytes, "LED");
                int ref = r.ref();
                TagId tag = r.tag();
                int color = r.u8("colour");
                int pattern = r.u8("pattern");
                HostCommand.Led led = new HostCommand.Led(ref, tag, ledColor(r, color), ledPattern(r, pattern),
                        r.u8("count"), r.u16("duration"));
                r.end();
                yield led;
            }
            case HostCommand.Page.OPCODE -> {
                MessageReader r = new MessageReader(bytes, "PAGE");
                HostCommand.Page p = new HostCommand.Page(r.ref(), r.tag(), r.u8("page"), r.u16("duration"));
                r.end();
                yield p;
            }
            case HostCommand.Abort.OPCODE -> {
                MessageReader r = new MessageReader(bytes, "ABORT");
                HostCommand.Abort a = new HostCommand.Abort(r.ref());
                r.end();
                yield a;
            }
            case HostCommand.Refresh.OPCODE -> {
                MessageReader r = new MessageReader(bytes, "REFRESH");
                HostCommand.Refresh f = new HostCommand.Refresh(r.ref(), r.tag());
                r.end();
                yield f;
            }
            case HostCommand.ReadSensor.OPCODE -> {
                MessageReader r = new MessageReader(bytes, "READ_SENSOR");
                HostCommand.ReadSensor s = new HostCommand.ReadSensor(r.ref(), r.tag(), r.u8("sensor"));
                r.end();
                yield s;
            }
            case HostCommand.UpdateComplete.OPCODE -> {
                MessageReader r = new MessageReader(bytes, "UPDATE_COMPLETE");
                HostCommand.UpdateComplete u = new HostCommand.UpdateComplete(r.tag());
                r.end();
                yield u;
            }
            default -> throw unknown(opcode);
        };
        return command;
    }

    private static int opcode(byte[] bytes) throws MalformedMessageException {
        if (bytes.length == 0) {
            throw new MalformedMessageException("empty message", -1);
        }
        return bytes[0] & 0xFF;
    }

    private static MalformedMessageException unknown(int opcode) {
        return new MalformedMessageException(String.format("unknown opcode 0x%02X", opcode), -1);
    }

    private static Radio radio(MessageReader r) throws MalformedMessageException {
        int code = r.u8("radio");
        for (Radio radio : Radio.values()) {
            if (radio.code == code) {
                return radio;
            }
        }
        throw r.invalid("radio", code);
    }

    private static Colors colors(MessageReader r) throws MalformedMessageException {
        int code = r.u8("colours");
        for (Colors c : Colors.values()) {
            if (c.code == code) {
                return c;
            }
        }
        throw r.invalid("colours", code);
    }

    private static Compression compression(MessageReader r, int code) throws MalformedMessageException {
        for (Compression c : Compression.values()) {
            if (c.code == code) {
                return c;
            }
        }
        throw r.invalid("compression", code);
    }

    private static LedColor ledColor(MessageReader r, int code) throws MalformedMessageException {
        for (LedColor c : LedColor.values()) {
            if (c.code == code) {
                return c;
            }
        }
        throw r.invalid("colour", code);
    }

    private static LedPattern ledPattern(MessageReader r, int code) throws MalformedMessageException {
        for (LedPattern p : LedPattern.values()) {
            if (p.code == code) {
                return p;
            }
        }
        throw r.invalid("pattern", code);
    }
}
