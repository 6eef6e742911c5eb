package dev.esl.gateway.serial;

import java.io.IOException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A thread that reads a line and hands the bytes on, until the line fails or the pump is stopped. */
public final class LinePump implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LinePump.class);

    /** Receives bytes read; the array is reused, so copy what must be kept. */
    @FunctionalInterface
    public interface Sink {
        void bytes(byte[] buffer, int offset, int count);
    }

    private final Thread thread;
    private volatile boolean stopped;

    public LinePump(SerialLine line, Sink sink, Consumer<IOException> onFailure) {
        this.thread = new Thread(() -> {
            byte[] buffer = new byte[4096];
            try {
                while (!stopped) {
                    int n = line.read(buffer);
                    if (n > 0) {
                        sink.bytes(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                if (!stopped) {
                    log.warn("{}: {}", line.describe(), e.getMessage());
                    onFailure.accept(e);
                }
            } catch (RuntimeException e) {
                log.error("{}: reader failed", line.describe(), e);
                onFailure.accept(new IOException("reader failed: " + e, e));
            }
        }, "line-" + line.describe());
        thread.setDaemon(true);
    }

    public LinePump start() {
        thread.start();
        return this;
    }

    @Override
    public void close() {
        stopped = true;
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
