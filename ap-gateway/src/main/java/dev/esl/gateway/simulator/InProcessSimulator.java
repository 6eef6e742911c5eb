package dev.esl.gateway.simulator;

import dev.esl.gateway.serial.InProcessLine;
import dev.esl.gateway.serial.SerialLine;
import java.io.IOException;

/**
 * A simulated dongle and its tags in the gateway's own process, for the demo: the line between them is an
 * {@link InProcessLine} pair instead of a serial port. Each time the gateway opens its "port" (again, after a
 * failure) a new pair is made, and the dongle takes the other end when it (re)opens its side.
 */
public final class InProcessSimulator implements AutoCloseable {
    private static final String NAME = "in-process dongle";

    private final SimulatedDongle dongle;
    // The ends of the newest pair that nobody has taken yet.
    private InProcessLine hostEnd;
    private InProcessLine dongleEnd;

    public InProcessSimulator(SimulatorSettings settings) {
        newPair();
        this.dongle = new SimulatedDongle(settings, this::openDongleEnd);
    }

    public InProcessSimulator start() {
        dongle.start();
        return this;
    }

    /** The gateway's side of the line: use it as the dongle client's line opener. */
    public synchronized SerialLine openHostEnd() {
        if (hostEnd == null) {
            newPair();
        }
        SerialLine end = hostEnd;
        hostEnd = null;
        return end;
    }

    public SimulatedDongle dongle() {
        return dongle;
    }

    @Override
    public void close() {
        dongle.close();
    }

    private synchronized SerialLine openDongleEnd() throws IOException {
        if (dongleEnd == null) {
            // The dongle's line failed because the gateway closed its end; it retries until the gateway reopens.
            throw new IOException("the gateway has not opened its end of the line yet");
        }
        SerialLine end = dongleEnd;
        dongleEnd = null;
        return end;
    }

    private void newPair() {
        if (dongleEnd != null) {
            dongleEnd.close(); // never taken: the gateway reopened before the dongle did
        }
        InProcessLine[] pair = InProcessLine.pair(NAME);
        hostEnd = pair[0];
        dongleEnd = pair[1];
    }
}
