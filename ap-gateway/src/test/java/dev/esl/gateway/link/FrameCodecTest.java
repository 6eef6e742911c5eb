package dev.esl.gateway.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
    private final List<Frame> frames = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final FrameDecoder decoder = new FrameDecoder(new FrameDecoder.Listener() {
        @Override
        public void frame(Frame frame) {
            frames.add(frame);
        }

        @Override
        public void badFrame(String reason) {
            errors.add(reason);
        }
    });

    @Test
    void crcIsCcittFalse() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Crc16.of(check, 0, check.length)).isEqualTo(0x29B1);
    }

    @Test
    void everyKindOfFrameRoundTrips() {
        List<Frame> sent = List.of(new Frame.Rst(), new Frame.RstAck(2, Frame.RstAck.HOST_REQUEST),
                new Frame.Error(2, Frame.Error.TOO_MANY_TIMEOUTS), new Frame.Ack(5, false), new Frame.Ack(3, true),
                new Frame.Nak(7, false), new Frame.Nak(0, true));
        for (Frame f : sent) {
            feed(FrameEncoder.encode(f));
        }
        assertThat(frames).containsExactlyElementsOf(sent);
        assertThat(errors).isEmpty();
    }

    @Test
    void dataFramesWithEveryByteValueRoundTrip() {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            byte[] payload = new byte[random.nextInt(Frame.MAX_DATA) + 1];
            random.nextBytes(payload);
            Frame.Data sent = new Frame.Data(i & 7, (i + 3) & 7, i % 3 == 0, payload);
            feed(FrameEncoder.encode(sent));
            Frame.Data got = (Frame.Data) frames.get(frames.size() - 1);
            assertThat(got.frameNumber()).isEqualTo(sent.frameNumber());
            assertThat(got.ackNumber()).isEqualTo(sent.ackNumber());
            assertThat(got.retransmit()).isEqualTo(sent.retransmit());
            assertThat(got.payload()).isEqualTo(payload);
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void reservedBytesNeverAppearInsideAFrame() {
        byte[] payload = {0x7E, 0x7D, 0x1A, 0x18, 0x11, 0x13, 0x00, (byte) 0xFF};
        byte[] wire = FrameEncoder.encode(new Frame.Data(1, 2, false, payload));
        for (int i = 0; i < wire.length - 1; i++) {
            assertThat(wire[i]).isNotIn((byte) 0x7E, (byte) 0x1A, (byte) 0x18);
        }
        assertThat(wire[wire.length - 1]).isEqualTo((byte) 0x7E);
        // XON/XOFF are not escaped: the line has no software flow control.
        assertThat(wire).contains((byte) 0x11, (byte) 0x13);
    }

    @Test
    void aFlippedBitFailsTheCrcAndTheNextFrameStillArrives() {
        byte[] wire = FrameEncoder.encode(new Frame.Data(0, 0, false, "price 1.99".getBytes()));
        wire[3] ^= 0x04;
        feed(wire);
        feed(FrameEncoder.encode(new Frame.Ack(1, false)));
        assertThat(errors).singleElement().asString().startsWith("bad CRC");
        assertThat(frames).containsExactly(new Frame.Ack(1, false));
    }

    @Test
    void anEscapeRightBeforeTheFlagIsAStuffingError() {
        feed(new byte[] {(byte) 0x81, 0x7D, 0x7E});
        assertThat(errors).containsExactly("escape byte before flag");
    }

    @Test
    void truncatedFramesAreReported() {
        feed(new byte[] {(byte) 0x81, 0x7E});
        feed(new byte[] {0x7E});
        assertThat(errors).containsExactly("frame of 1 bytes is too short");
        assertThat(frames).isEmpty();
    }

    @Test
    void aFrameCutShortByTheNextFlagFailsItsCrc() {
        byte[] wire = FrameEncoder.encode(new Frame.Data(2, 0, false, new byte[40]));
        ByteArrayOutputStream cut = new ByteArrayOutputStream();
        cut.write(wire, 0, 20);
        cut.write(0x7E);
        feed(cut.toByteArray());
        assertThat(errors).singleElement().asString().startsWith("bad CRC");
    }

    @Test
    void anOverlongFrameIsDiscardedUpToTheNextFlag() {
        byte[] junk = new byte[Frame.MAX_DATA + 100];
        java.util.Arrays.fill(junk, (byte) 0x55);
        feed(junk);
        feed(new byte[] {0x7E});
        feed(FrameEncoder.encode(new Frame.Rst()));
        assertThat(errors).containsExactly("frame longer than 1027 bytes");
        assertThat(frames).containsExactly(new Frame.Rst());
    }

    @Test
    void cancelDropsTheFrameInProgressSilently() {
        byte[] wire = FrameEncoder.encode(new Frame.Data(2, 0, false, new byte[] {1, 2, 3}));
        feed(java.util.Arrays.copyOf(wire, 4));
        feed(new byte[] {0x1A});
        feed(FrameEncoder.encode(new Frame.Rst()));
        assertThat(errors).isEmpty();
        assertThat(frames).containsExactly(new Frame.Rst());
    }

    @Test
    void substituteMarksAUartErrorAndDropsTheFrame() {
        feed(new byte[] {0x01, 0x02, 0x18, 0x03, 0x7E});
        feed(FrameEncoder.encode(new Frame.Ack(2, false)));
        assertThat(errors).singleElement().asString().contains("substitute");
        assertThat(frames).containsExactly(new Frame.Ack(2, false));
    }

    @Test
    void unknownControlBytesAndBadResetFramesAreReported() {
        feed(encodeRaw(0xC7));
        feed(encodeRaw(0xC1, 2));
        assertThat(errors).containsExactly("unknown control byte 0xC7", "control 0xC1 needs 2 data bytes, got 1: 02");
    }

    @Test
    void garbageBetweenFramesDoesNotLoseTheFramesAroundIt() {
        Random random = new Random(7);
        int sent = 0;
        for (int i = 0; i < 200; i++) {
            byte[] garbage = new byte[random.nextInt(30)];
            random.nextBytes(garbage);
            feed(garbage);
            feed(new byte[] {0x7E});
            feed(FrameEncoder.encode(new Frame.Data(i & 7, 0, false, ("msg " + i).getBytes())));
            sent++;
        }
        long good = frames.stream().filter(f -> f instanceof Frame.Data d && new String(d.payload()).startsWith("msg"))
                .count();
        assertThat(good).isEqualTo(sent);
    }

    private static byte[] encodeRaw(int control, int... data) {
        byte[] raw = new byte[data.length + 1];
        raw[0] = (byte) control;
        for (int i = 0; i < data.length; i++) {
            raw[i + 1] = (byte) data[i];
        }
        int crc = Crc16.of(raw, 0, raw.length);
        byte[] withCrc = java.util.Arrays.copyOf(raw, raw.length + 2);
        withCrc[raw.length] = (byte) (crc >>> 8);
        withCrc[raw.length + 1] = (byte) crc;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : withCrc) {
            if (FrameEncoder.isReserved(b & 0xFF)) {
                out.write(0x7D);
                out.write(b ^ 0x20);
            } else {
                out.write(b);
            }
        }
        out.write(0x7E);
        return out.toByteArray();
    }

    private void feed(byte[] bytes) {
        decoder.feed(bytes, 0, bytes.length);
    }
}
