package dev.esl.gateway.dongle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    private static final TagId TAG = TagId.parse("0A1B2C3D4E5F6071");
    private static final String HASH = "1d3baa8015fd03fc921c54e1eb1d2d27";

    @Test
    void everyDongleMessageRoundTrips() throws Exception {
        List<DongleMessage> messages = List.of(
                new DongleMessage.Hello(1, DongleMessage.Radio.ZIGBEE, "1.4.2", 5000, 1024, 8),
                new DongleMessage.CheckIn(TAG, 2950, -45, -61, "2.1.0", HASH, 296, 128, DongleMessage.Colors.BWR, 2000),
                new DongleMessage.BlockAck(7, 12),
                new DongleMessage.BlockRequest(7, List.of(3, 5, 900)),
                new DongleMessage.Result(65535, TAG, 0x08),
                new DongleMessage.Pong(0xFFFFFFFFL),
                new DongleMessage.Sensor(9, TAG, 1, -215));
        for (DongleMessage m : messages) {
            assertThat(MessageCodec.decodeDongleMessage(m.encode())).isEqualTo(m);
        }
    }

    @Test
    void everyHostCommandRoundTrips() throws Exception {
        List<HostCommand> commands = List.of(
                new HostCommand.Ping(42),
                new HostCommand.ImageBegin(1, TAG, 7626, 480, HASH, HostCommand.Compression.ZLIB, 0),
                new HostCommand.Led(2, TAG, HostCommand.LedColor.GREEN, HostCommand.LedPattern.BLINK, 5, 3000),
                new HostCommand.Page(3, TAG, 1, 30),
                new HostCommand.Abort(4),
                new HostCommand.Refresh(5, TAG),
                new HostCommand.ReadSensor(6, TAG, 0),
                new HostCommand.UpdateComplete(TAG));
        for (HostCommand c : commands) {
            assertThat(MessageCodec.decodeHostCommand(c.encode())).isEqualTo(c);
        }
        HostCommand.ImageBlock block = new HostCommand.ImageBlock(1, 15, new byte[] {0x7E, 0x7D, 0, -1});
        HostCommand.ImageBlock decoded = (HostCommand.ImageBlock) MessageCodec.decodeHostCommand(block.encode());
        assertThat(decoded.ref()).isEqualTo(1);
        assertThat(decoded.index()).isEqualTo(15);
        assertThat(decoded.data()).isEqualTo(block.data());
    }

    @Test
    void malformedMessagesSayWhatIsWrongAndKeepTheRefWhenItWasRead() {
        byte[] led = new HostCommand.Led(77, TAG, HostCommand.LedColor.RED, HostCommand.LedPattern.SOLID, 1, 10).encode();
        assertThatThrownBy(() -> MessageCodec.decodeHostCommand(Arrays.copyOf(led, led.length - 1)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("LED: truncated at duration (15 bytes)")
                .extracting(e -> ((MalformedMessageException) e).ref()).isEqualTo(77);
        byte[] badColour = led.clone();
        badColour[11] = 9;
        assertThatThrownBy(() -> MessageCodec.decodeHostCommand(badColour)).hasMessage("LED: invalid colour 9");
        assertThatThrownBy(() -> MessageCodec.decodeHostCommand(new byte[] {(byte) 0xF0, 0, 1}))
                .hasMessage("unknown opcode 0xF0");
        assertThatThrownBy(() -> MessageCodec.decodeHostCommand(new byte[0])).hasMessage("empty message");
        byte[] ack = new DongleMessage.BlockAck(1, 2).encode();
        assertThatThrownBy(() -> MessageCodec.decodeDongleMessage(Arrays.copyOf(ack, ack.length + 2)))
                .hasMessage("BLOCK_ACK: 2 unexpected bytes after the last field");
        assertThatThrownBy(() -> MessageCodec.decodeDongleMessage(new byte[] {0x04, 0, 1, 0}))
                .hasMessage("BLOCK_REQUEST: invalid count 0");
        assertThatThrownBy(() -> MessageCodec.decodeHostCommand(new byte[] {(byte) 0x83, 0, 1, 0, 2}))
                .hasMessage("IMAGE_BLOCK: invalid data (empty)");
    }

    @Test
    void tagIdsAreSixteenHexDigits() {
        assertThat(TagId.parse("0a1b2c3d4e5f6071").toString()).isEqualTo("0A1B2C3D4E5F6071");
        assertThat(TagId.parse("FFFFFFFFFFFFFFFF").value()).isEqualTo(-1L);
        assertThatThrownBy(() -> TagId.parse("0A1B")).hasMessageContaining("16 hex digits");
    }
}
