package dev.esl.gateway.serial;

import java.io.IOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** One end of an in-process line: what one end writes, the other reads. For the demo and tests. */
public final class InProcessLine implements SerialLine {
    private static final byte[] CLOSED = new byte[0];

    private final LinkedBlockingQueue<byte[]> incoming;
    private final LinkedBlockingQueue<byte[]> outgoing;
    private final String name;
    private byte[] pending;
    private int pendingOffset;
    private volatile boolean closed;

    private InProcessLine(LinkedBlockingQueue<byte[]> incoming, LinkedBlockingQueue<byte[]> outgoing, String name) {
        this.incoming = incoming;
        this.outgoing = outgoing;
        this.name = name;
    }

    /** Two connected ends: [host, dongle]. */
    public static InProcessLine[] pair(String name) {
        LinkedBlockingQueue<byte[]> toDongle = new LinkedBlockingQueue<>(1024);
        LinkedBlockingQueue<byte[]> toHost = new LinkedBlockingQueue<>(1024);
        return new InProcessLine[] {new InProcessLine(toHost, toDongle, name + " (host end)"),
                new InProcessLine(toDongle, toHost, name + " (dongle end)")};
    }

    @Override
    public int read(byte[] buffer) throws IOException {
        if (pending == null) {
            try {
                pending = incoming.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            pendingOffset = 0;
            if (pending == null) {
                ensureOpen();
                return 0;
            }
        }
        if (pending == CLOSED) {
            pending = CLOSED;
            throw new IOException(name + " closed by the other end");
        }
        int n = Math.min(buffer.length, pending.length - pendingOffset);
        System.arraycopy(pending, pendingOffset, buffer, 0, n);
        pendingOffset += n;
        if (pendingOffset == pending.length) {
            pending = null;
        }
        return n;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        ensureOpen();
        try {
            outgoing.put(bytes.clone());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException(name + " is closed");
        }
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            outgoing.offer(CLOSED);
        }
    }
}
