package dev.esl.gateway.link;

/**
 * The receiving half of the link's sequencing (docs/serial-protocol.md, "Sequencing and acknowledgement"):
 * which DATA frame comes next, and what an out-of-sequence one means. A retransmitted frame may be one already
 * delivered, sent again because our ACK was lost: it is acknowledged again. Any other out-of-sequence frame
 * shows that frames were lost: a NAK makes the sender go back at once instead of after its ack timeout.
 *
 * <p>Frame numbers count modulo 8, so a number alone cannot tell "delivered three frames ago" from "three
 * frames ahead". Two facts narrow it down. A sender holds at most 7 frames unacknowledged, so a frame seen
 * {@code a} frames ahead of the expected one proves the sender holds at most {@code 6 - a} frames we already
 * delivered. And a go-back-N burst goes out in order, so a retransmitted frame a little after the previous
 * retransmitted frame belongs to the same burst and lies after it. A frame that could still be either is taken
 * for a duplicate, as ASH does: that guess, when wrong, costs one ack timeout, never a retransmission storm.
 *
 * <p>Not thread-safe: the link thread owns it.
 */
final class ReceiveWindow {
    /** What the receiver does with a DATA frame. */
    enum Verdict {
        /** The expected frame: deliver it and acknowledge it. */
        DELIVER,
        /** A retransmission of a frame already delivered: acknowledge again, deliver nothing. */
        DUPLICATE,
        /** Frames before this one are missing: send a NAK for the expected one. */
        NAK,
        /** Frames are missing and the sender already has our NAK (or will get one for this burst): stay silent. */
        SILENT
    }

    /** A sender never has more frames unacknowledged than frame numbers minus one. */
    private static final int MAX_UNACKED = 7;
    /** A retransmitted frame at most this far after the previous one continues its burst (two frames lost between). */
    private static final int BURST_STEP = 3;

    private int expected;
    /** Delivered frames, counting back from {@code expected - 1}, that the sender may still hold and send again. */
    private int resendable;
    /** The last DATA frame received (-1: none since the reset), where it lay relative to expected, and its flag. */
    private int lastFrame = -1;
    private int lastOffset;
    private boolean lastRetransmitted;
    /** A NAK went out and the expected frame has not arrived since (ASH's "reject condition"). */
    private boolean rejecting;

    int expected() {
        return expected;
    }

    void reset() {
        expected = 0;
        resendable = 0;
        lastFrame = -1;
        rejecting = false;
    }

    Verdict receive(int frame, boolean retransmit) {
        int ahead = (frame - expected) & 7;
        if (ahead == 0) {
            expected = (expected + 1) & 7;
            resendable = Math.min(MAX_UNACKED, resendable + 1);
            rejecting = false;
            remember(frame, -1, retransmit);
            return Verdict.DELIVER;
        }
        boolean sameBurst = continuesBurst(frame, retransmit);
        int offset = offsetOf(frame, retransmit, ahead, sameBurst);
        if (offset < 0) {
            remember(frame, offset, retransmit);
            return Verdict.DUPLICATE;
        }
        // The sender holds this frame, so at most MAX_UNACKED - 1 - offset frames before the expected one.
        resendable = Math.min(resendable, MAX_UNACKED - 1 - offset);
        // One NAK per loss; but a new retransmitted burst that again lacks the expected frame means the
        // answer to our NAK lost it too: NAK again rather than wait for the sender's timeout.
        boolean nak = !rejecting || (retransmit && !sameBurst);
        rejecting = true;
        remember(frame, offset, retransmit);
        return nak ? Verdict.NAK : Verdict.SILENT;
    }

    /** A frame arrived damaged: true if a NAK should go out (once, until the expected frame arrives). */
    boolean damaged() {
        boolean nak = !rejecting;
        rejecting = true;
        return nak;
    }

    /** Where an out-of-sequence frame lies: below 0 a frame already delivered, above 0 one after a gap. */
    private int offsetOf(int frame, boolean retransmit, int ahead, boolean sameBurst) {
        if (!retransmit) {
            return ahead; // sent for the first time, so after everything delivered
        }
        if (sameBurst) {
            int offset = lastOffset + ((frame - lastFrame) & 7);
            if (offset > 0 && offset < MAX_UNACKED || offset < 0 && -offset <= resendable) {
                return offset;
            }
        }
        int behind = 8 - ahead;
        return behind <= resendable ? -behind : ahead;
    }

    private boolean continuesBurst(int frame, boolean retransmit) {
        if (!retransmit || !lastRetransmitted || lastFrame < 0) {
            return false;
        }
        int step = (frame - lastFrame) & 7;
        return step >= 1 && step <= BURST_STEP;
    }

    private void remember(int frame, int offset, boolean retransmit) {
        lastFrame = frame;
        lastOffset = offset;
        lastRetransmitted = retransmit;
    }
}
