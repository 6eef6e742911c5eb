package dev.esl.gateway.link;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one link, for logs, status and tests. */
public final class LinkStats {
    final LongAdder framesSent = new LongAdder();
    final LongAdder framesReceived = new LongAdder();
    final LongAdder bytesSent = new LongAdder();
    final LongAdder messagesDelivered = new LongAdder();
    final LongAdder retransmissions = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder naksSent = new LongAdder();
    final LongAdder naksReceived = new LongAdder();
    final LongAdder badFrames = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder resets = new LongAdder();

    public long framesSent() {
        return framesSent.sum();
    }

    public long framesReceived() {
        return framesReceived.sum();
    }

    public long bytesSent() {
        return bytesSent.sum();
    }

    public long messagesDelivered() {
        return messagesDelivered.sum();
    }

    public long retransmissions() {
        return retransmissions.sum();
    }

    public long duplicates() {
        return duplicates.sum();
    }

    public long naksSent() {
        return naksSent.sum();
    }

    public long naksReceived() {
        return naksReceived.sum();
    }

    public long badFrames() {
        return badFrames.sum();
    }

    public long timeouts() {
        return timeouts.sum();
    }

    /** Times the link came up after a reset handshake or a peer reset. */
    public long resets() {
        return resets.sum();
    }

    @Override
    public String toString() {
        return "frames sent " + framesSent() + ", received " + framesReceived() + ", retransmitted "
                + retransmissions() + ", duplicates " + duplicates() + ", NAKs sent " + naksSent() + ", received "
                + naksReceived() + ", bad frames " + badFrames() + ", ack timeouts " + timeouts() + ", resets "
                + resets();
    }
}
