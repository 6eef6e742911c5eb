package dev.esl.broker.persistence;

import dev.esl.broker.session.PublishBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Write-behind of QoS 1 copies for online sessions. A copy is held in memory for a short delay; if its target
 * acknowledges it (or it is dropped) in that time the disk never sees it, otherwise it is written and synced.
 * The publisher is acknowledged once every copy of its message is settled either way, so what a PUBACK
 * promises holds after a crash: each copy is on disk or already in its subscriber's hands. A crash before
 * the PUBACK loses only copies the publisher still holds and sends again.
 *
 * <p>Subscribers that keep up thus cost no disk write at all, as they would with a broker that writes
 * nothing; a copy for an offline session is written at once (the router says which targets are online).
 * Claims and writes run on the store's group commit thread (one flush at a time); the sessions' lanes settle
 * copies, changing the queues' state under each queue's monitor.
 */
final class WriteBehind {
    private final long delayNanos;
    /** Every copy held, oldest first, until its deadline passes: settled ones are skipped then, not removed before. */
    private final Queue<Unwritten> byDeadline = new ConcurrentLinkedQueue<>();
    private final LongAdder held;
    private final LongAdder written;

    /**
     * @param held    counts the copies held (the broker's stats)
     * @param written counts those written after all
     */
    WriteBehind(Duration delay, LongAdder held, LongAdder written) {
        this.delayNanos = delay.toNanos();
        this.held = held;
        this.written = written;
    }

    boolean enabled() {
        return delayNanos > 0;
    }

    /** Holds the copies of one message; the result completes once each is settled. */
    CompletableFuture<Void> hold(List<PublishBatch.Entry> entries, Function<String, QueueState> states) {
        Acceptance acceptance = new Acceptance(entries.size());
        long deadline = System.nanoTime() + delayNanos;
        for (PublishBatch.Entry e : entries) {
            Unwritten u = null;
            while (u == null) {
                QueueState state = states.apply(e.clientId());
                synchronized (state) {
                    if (state.deleted) {
                        continue; // its session was just deleted: the next state is a new one
                    }
                    u = new Unwritten(state, e.clientId(), e.queued(), deadline, acceptance);
                    state.queued(u.sequence(), e.queued().delivery().size());
                    state.unwritten.put(u.sequence(), u);
                }
            }
            byDeadline.add(u);
        }
        held.add(entries.size());
        return acceptance.done;
    }

    /**
     * Claims for writing the copies past their deadline (every copy when {@code all}) that are not settled
     * yet. Until {@link #written}, a copy stays visible in memory, and a delete of it must follow the write.
     */
    List<Unwritten> claimOverdue(boolean all) {
        long now = System.nanoTime();
        List<Unwritten> claimed = new ArrayList<>();
        for (Unwritten u = byDeadline.peek(); u != null && (all || now - u.deadlineNanos >= 0); u = byDeadline.peek()) {
            byDeadline.poll();
            QueueState state = u.state;
            synchronized (state) {
                long seq = u.sequence();
                boolean inFlight = state.unwrittenInFlight.get(seq) == u;
                if (!inFlight && state.unwritten.get(seq) != u) {
                    continue; // settled in time: acknowledged or dropped
                }
                if (inFlight) {
                    state.heldSequences.add(seq); // a peek of the disk must skip it once written
                } // a queued one is still found in memory until it is written
                u.writing = true;
                claimed.add(u);
            }
        }
        return claimed;
    }

    /** The claimed copies are written: the disk has them now, memory lets go. */
    void written(List<Unwritten> claimed) {
        for (Unwritten u : claimed) {
            QueueState state = u.state;
            synchronized (state) {
                if (state.unwritten.remove(u.sequence(), u)) {
                    // Queued: peeks read the disk from here on. Not lowered at the claim, or a peek before the
                    // write landed could have moved the cursor past it again.
                    state.cursor = Math.min(state.cursor, u.sequence());
                }
                state.unwrittenInFlight.remove(u.sequence(), u);
                u.writing = false;
            }
        }
        written.add(claimed.size());
    }

    /** The write of the claimed copies failed: they stay held, and the next flush tries again. */
    void unclaim(List<Unwritten> claimed) {
        for (Unwritten u : claimed) {
            QueueState state = u.state;
            synchronized (state) {
                u.writing = false;
                boolean queued = state.unwritten.get(u.sequence()) == u;
                boolean inFlight = state.unwrittenInFlight.get(u.sequence()) == u;
                if (inFlight) {
                    state.heldSequences.remove(u.sequence()); // not on disk after all
                }
                if (!queued && !inFlight) {
                    continue; // settled meanwhile, or written before the failure
                }
            }
            byDeadline.add(u);
        }
    }

    /** For the log at close: how many copies the disk was spared. */
    String summary() {
        long h = held.sum();
        long w = written.sum();
        return String.format("Write-behind: %d copies held, %d settled without a write (%.1f %%), %d written",
                h, h - w, h == 0 ? 0.0 : 100.0 * (h - w) / h, w);
    }

    /** The copies of one message: complete once all are settled, or failed when one could not be written. */
    static final class Acceptance {
        private final AtomicInteger open;
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        Acceptance(int copies) {
            this.open = new AtomicInteger(copies);
        }

        void settled() {
            if (open.decrementAndGet() == 0) {
                done.complete(null);
            }
        }

        void failed(Throwable failure) {
            done.completeExceptionally(failure);
        }
    }
}
