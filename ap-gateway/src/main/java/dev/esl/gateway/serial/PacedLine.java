package dev.esl.gateway.serial;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * Holds a line to a baud rate, for the simulator's side of a pty (a pty moves bytes as fast as it can):
 * reading and writing each take the time the bytes would take on a real UART (10 bits a byte, 8N1).
 * Since the other end writes into a bounded pty buffer, a paced reader also slows the writer down, as a
 * real line would.
 */
public final class PacedLine implements SerialLine {
    private final SerialLine line;
    private final int baudRate;
    private final Pace readPace = new Pace();
    private final Pace writePace = new Pace();

    public PacedLine(SerialLine line, int baudRate) {
        this.line = line;
        this.baudRate = baudRate;
    }

    @Override
    public int read(byte[] buffer) throws IOException {
        // Never take more than 20 ms of line time at once, so pacing stays smooth.
        int chunk = Math.max(1, Math.min(buffer.length, baudRate / 10 / 50));
        byte[] part = chunk == buffer.length ? buffer : new byte[chunk];
        int n = line.read(part);
        if (n > 0) {
            if (part != buffer) {
                System.arraycopy(part, 0, buffer, 0, n);
            }
            readPace.spend(n);
        }
        return n;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        writePace.spend(bytes.length);
        line.write(bytes);
    }

    @Override
    public String describe() {
        return line.describe() + " (paced to " + baudRate + " baud)";
    }

    @Override
    public void close() {
        line.close();
    }

    /** A clock that runs at the line's byte rate; an idle line does not bank time. */
    private final class Pace {
        private long freeAt = System.nanoTime();

        synchronized void spend(int bytes) {
            long now = System.nanoTime();
            long cost = bytes * 10L * 1_000_000_000L / baudRate;
            freeAt = Math.max(freeAt, now) + cost;
            long wait = freeAt - now;
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }
}
