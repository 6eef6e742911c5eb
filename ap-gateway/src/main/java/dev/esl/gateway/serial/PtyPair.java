package dev.esl.gateway.serial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A pair of connected pseudo-terminals made by {@code socat}: a serial line with a real path at each end,
 * for the simulator and tests. {@link #unplug()} kills socat, which makes both ends fail as an unplugged
 * USB dongle does; {@link #plug()} makes a new pair at the same paths.
 */
public final class PtyPair implements AutoCloseable {
    private final Path hostEnd;
    private final Path dongleEnd;
    private Process socat;

    private PtyPair(Path hostEnd, Path dongleEnd) {
        this.hostEnd = hostEnd;
        this.dongleEnd = dongleEnd;
    }

    /** Creates {@code dir/host} and {@code dir/dongle}, linked to the two ptys. */
    public static PtyPair create(Path dir) throws IOException {
        Files.createDirectories(dir);
        PtyPair pair = new PtyPair(dir.resolve("host"), dir.resolve("dongle"));
        pair.plug();
        return pair;
    }

    public Path hostEnd() {
        return hostEnd;
    }

    public Path dongleEnd() {
        return dongleEnd;
    }

    public synchronized void plug() throws IOException {
        if (socat != null && socat.isAlive()) {
            return;
        }
        Files.deleteIfExists(hostEnd);
        Files.deleteIfExists(dongleEnd);
        socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + hostEnd, "pty,raw,echo=0,link=" + dongleEnd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!(Files.exists(hostEnd) && Files.exists(dongleEnd))) {
            if (!socat.isAlive()) {
                throw new IOException("socat exited with " + socat.exitValue() + " (is socat installed?)");
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("socat did not create " + hostEnd + " and " + dongleEnd + " within 10 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    public synchronized void unplug() {
        if (socat == null) {
            return;
        }
        socat.destroyForcibly();
        try {
            socat.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socat = null;
    }

    @Override
    public void close() {
        unplug();
    }
}
