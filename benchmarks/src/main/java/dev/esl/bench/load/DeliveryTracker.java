package dev.esl.bench.load;

import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Counts what the subscribers of one round receive: unique messages per (subscriber, publisher, sequence), so
 * losses and duplicates are exact, end-to-end latency in microseconds, and the highest sequence each
 * subscriber has seen of each publisher (the publishers' end-to-end window).
 */
final class DeliveryTracker {
    private final int round;
    private final int publishers;
    private final BitSet[][] seen;
    private final AtomicIntegerArray highestSeq;
    private final Histogram latencyMicros = new ConcurrentHistogram(3);
    private final AtomicLong unique = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong strays = new AtomicLong();
    private final AtomicLong lastDeliveryNanos = new AtomicLong();

    DeliveryTracker(int round, int publishers, int subscribers) {
        this.round = round;
        this.publishers = publishers;
        this.seen = new BitSet[subscribers][publishers];
        for (BitSet[] row : seen) {
            for (int p = 0; p < publishers; p++) {
                row[p] = new BitSet();
            }
        }
        this.highestSeq = new AtomicIntegerArray(subscribers * publishers);
        for (int i = 0; i < highestSeq.length(); i++) {
            highestSeq.set(i, -1);
        }
    }

    int round() {
        return round;
    }

    void record(int subscriber, ByteBuffer payload) {
        long now = System.nanoTime();
        Payload m = Payload.decode(payload);
        // Late messages of the warm-up round must not count towards the measured one.
        if (m == null || m.round() != round || m.publisher() < 0 || m.publisher() >= publishers || m.seq() < 0) {
            strays.incrementAndGet();
            return;
        }
        BitSet bits = seen[subscriber][m.publisher()];
        boolean fresh;
        // One subscriber's callbacks arrive in order on one thread, so this lock is uncontended.
        synchronized (bits) {
            fresh = !bits.get(m.seq());
            bits.set(m.seq());
        }
        if (!fresh) {
            duplicates.incrementAndGet();
            return;
        }
        highestSeq.accumulateAndGet(subscriber * publishers + m.publisher(), m.seq(), Math::max);
        latencyMicros.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(now - m.sentNanos())));
        unique.incrementAndGet();
        lastDeliveryNanos.accumulateAndGet(now, Math::max);
    }

    /** The highest sequence of {@code publisher} that every subscriber has received (-1: not all have one). */
    int slowestSeq(int publisher) {
        int min = Integer.MAX_VALUE;
        for (int s = 0; s < seen.length; s++) {
            min = Math.min(min, highestSeq.get(s * publishers + publisher));
        }
        return min;
    }

    long unique() {
        return unique.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    long strays() {
        return strays.get();
    }

    long lastDeliveryNanos() {
        return lastDeliveryNanos.get();
    }

    Latency latency() {
        Histogram h = latencyMicros.copy();
        if (h.getTotalCount() == 0) {
            return Latency.NONE;
        }
        return new Latency(h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9),
                h.getMaxValue());
    }
}
