package dev.esl.gateway.link;

import dev.esl.gateway.serial.LinePump;
import dev.esl.gateway.serial.SerialLine;
import java.io.IOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The far end of a line driven by hand: writes chosen bytes and frames, and reads back decoded frames. */
final class RawPeer implements AutoCloseable {
    private final SerialLine line;
    private final LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final LinePump pump;

    RawPeer(SerialLine line) {
        this.line = line;
        FrameDecoder decoder = new FrameDecoder(new FrameDecoder.Listener() {
            @Override
            public void frame(Frame frame) {
                received.add(frame);
            }

            @Override
            public void badFrame(String reason) {
                received.add("bad: " + reason);
            }
        });
        this.pump = new LinePump(line, decoder::feed, e -> received.add("line failed: " + e.getMessage())).start();
    }

    void send(Frame frame) throws IOException {
        line.write(FrameEncoder.encode(frame));
    }

    void sendRaw(byte... bytes) throws IOException {
        line.write(bytes);
    }

    /** The next frame, skipping nothing; fails after the timeout. */
    Object next(long millis) throws InterruptedException {
        Object o = received.poll(millis, TimeUnit.MILLISECONDS);
        if (o == null) {
            throw new AssertionError("nothing received within " + millis + " ms");
        }
        return o;
    }

    /** Whatever arrives within the time, or null. */
    Object poll(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        pump.close();
        line.close();
    }
}
