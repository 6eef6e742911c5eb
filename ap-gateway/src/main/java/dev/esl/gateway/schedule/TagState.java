package dev.esl.gateway.schedule;

import dev.esl.gateway.dongle.DongleMessage;
import dev.esl.gateway.dongle.TagId;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** What the gateway knows about one tag: its queue of jobs, and what it said when it last checked in. */
final class TagState {
    final TagId tag;
    final Deque<PendingJob> queue = new ArrayDeque<>();
    /** The job the dongle is working on for this tag; at most one at a time. */
    PendingJob inFlight;
    DongleMessage.CheckIn lastCheckIn;
    Instant lastSeen = Instant.MIN;
    Instant awakeUntil = Instant.MIN;

    TagState(TagId tag) {
        this.tag = tag;
    }

    boolean awake(Instant now) {
        return now.isBefore(awakeUntil);
    }

    boolean heardSince(Instant since) {
        return lastCheckIn != null && !lastSeen.isBefore(since);
    }

    boolean idle() {
        return inFlight == null && queue.isEmpty();
    }
}
