package dev.esl.gateway.link;

import dev.esl.gateway.serial.SerialLine;
import java.io.IOException;
import java.util.Random;

/** A line that flips a random bit in some bytes it writes and drops others: a noisy UART. */
public final class NoisyLine implements SerialLine {
    private final SerialLine line;
    private final Random random;
    private final double rate;

    public NoisyLine(SerialLine line, Random random, double rate) {
        this.line = line;
        this.random = random;
        this.rate = rate;
    }

    @Override
    public int read(byte[] buffer) throws IOException {
        return line.read(buffer);
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        byte[] copy = bytes.clone();
        int length = copy.length;
        synchronized (random) {
            for (int i = 0; i < length; i++) {
                double r = random.nextDouble();
                if (r < rate / 2) {
                    copy[i] ^= (byte) (1 << random.nextInt(8));
                } else if (r < rate) {
                    // drop this byte
                    System.arraycopy(copy, i + 1, copy, i, length - i - 1);
                    length--;
                }
            }
        }
        line.write(java.util.Arrays.copyOf(copy, length));
    }

    @Override
    public String describe() {
        return line.describe() + " (noisy)";
    }

    @Override
    public void close() {
        line.close();
    }
}
