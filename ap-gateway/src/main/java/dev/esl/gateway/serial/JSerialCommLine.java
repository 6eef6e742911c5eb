package dev.esl.gateway.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;

/** A serial port (or pty) through jSerialComm: 8N1, no flow control. */
public final class JSerialCommLine implements SerialLine {
    private static final int READ_TIMEOUT_MS = 100;
    /** EAGAIN: nothing to read yet (a pty whose other end is not open), not a failure of the port. */
    private static final int TRY_AGAIN = 11;

    private final SerialPort port;
    private final String path;
    private final int baudRate;

    private JSerialCommLine(SerialPort port, String path, int baudRate) {
        this.port = port;
        this.path = path;
        this.baudRate = baudRate;
    }

    public static JSerialCommLine open(String path, int baudRate) throws IOException {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (RuntimeException e) {
            throw new IOException("no serial port at " + path + ": " + e.getMessage(), e);
        }
        port.setComPortParameters(baudRate, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                READ_TIMEOUT_MS, 0);
        if (!port.openPort()) {
            throw new IOException("cannot open serial port " + path + " (error " + port.getLastErrorCode()
                    + " at " + port.getLastErrorLocation() + ")");
        }
        return new JSerialCommLine(port, path, baudRate);
    }

    @Override
    public int read(byte[] buffer) throws IOException {
        int n = port.readBytes(buffer, buffer.length);
        if (n < 0 && port.isOpen() && port.getLastErrorCode() == TRY_AGAIN) {
            return 0;
        }
        if (n < 0 || !port.isOpen()) {
            throw new IOException("serial port " + path + " failed on read (error " + port.getLastErrorCode() + ")");
        }
        return n;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        int offset = 0;
        while (offset < bytes.length) {
            int n = port.writeBytes(bytes, bytes.length - offset, offset);
            if (n < 0) {
                throw new IOException("serial port " + path + " failed on write (error " + port.getLastErrorCode()
                        + ")");
            }
            offset += n;
        }
    }

    @Override
    public String describe() {
        return path + " at " + baudRate + " baud";
    }

    @Override
    public void close() {
        port.closePort();
    }
}
