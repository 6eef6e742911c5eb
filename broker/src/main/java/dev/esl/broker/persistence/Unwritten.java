package dev.esl.broker.persistence;

import dev.esl.broker.session.Queued;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A QoS 1 queue entry for an online session, held in memory instead of written (see {@link WriteBehind}).
 * It is settled once: when its target acknowledges it (or it is dropped), or when it is written and synced.
 */
final class Unwritten {
    final QueueState state;
    final String clientId;
    final Queued queued;
    final long deadlineNanos;
    private final WriteBehind.Acceptance acceptance;
    private final AtomicBoolean settled = new AtomicBoolean();
    /** Being written by the store's flush: a delete must then follow that write. Guarded by the state's monitor. */
    boolean writing;

    Unwritten(QueueState state, String clientId, Queued queued, long deadlineNanos, WriteBehind.Acceptance acceptance) {
        this.state = state;
        this.clientId = clientId;
        this.queued = queued;
        this.deadlineNanos = deadlineNanos;
        this.acceptance = acceptance;
    }

    long sequence() {
        return queued.sequence();
    }

    /** The store no longer needs this copy (acknowledged, dropped) or has it on disk. */
    void settle() {
        if (settled.compareAndSet(false, true)) {
            acceptance.settled();
        }
    }

    void fail(Throwable failure) {
        if (settled.compareAndSet(false, true)) {
            acceptance.failed(failure);
        }
    }
}
