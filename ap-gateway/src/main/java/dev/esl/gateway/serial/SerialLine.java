package dev.esl.gateway.serial;

import java.io.Closeable;
import java.io.IOException;

/** A byte line to or from a dongle: a serial port, a pty, or an in-process pipe. */
public interface SerialLine extends Closeable {
    /**
     * Reads what is there, waiting a short while (about 100 ms) for at least one byte.
     *
     * @return the number of bytes read, 0 if none came
     * @throws IOException when the line is gone (unplugged, closed)
     */
    int read(byte[] buffer) throws IOException;

    /** Writes all the bytes, blocking while the line is busy. */
    void write(byte[] bytes) throws IOException;

    /** Where the line goes, for logs. */
    String describe();

    @Override
    void close();
}
