package dev.esl.bench.load;

import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Counts what the subscribers of one round receive: unique messages per (subscriber, publisher, sequence), so
 * losses and duplicates are exact, and end-to-end latency in microseconds.
 */
final class DeliveryTracker {
    private final int round;
    private final int perPublisher;
    private final BitSet[][] seen;
    private final Histogram latencyMicros = new ConcurrentHistogram(3);
    private final AtomicLong unique = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong strays = new AtomicLong();
    private final AtomicLong lastDeliveryNanos = new AtomicLong();

    DeliveryTracker(int round, int publishers, int subscribers, int perPublisher) {
        this.round = round;
        this.perPublisher = perPublisher;
        this.seen = new BitSet[subscribers][publishers];
        for (BitSet[] row : seen) {
            for (int p = 0; p < publishers; p++) {
                row[p] = new BitSet(perPublisher);
            }
        }
    }

    void record(int subscriber, ByteBuffer payload) {
        long now = System.nanoTime();
        Payload m = Payload.decode(payload);
        // Late messages of the warm-up round must not count towards the measured one.
        if (m == null || m.round() != round || m.publisher() < 0 || m.publisher() >= seen[subscriber].length
                || m.seq() < 0 || m.seq() >= perPublisher) {
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
        latencyMicros.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(now - m.sentNanos())));
        unique.incrementAndGet();
        lastDeliveryNanos.accumulateAndGet(now, Math::max);
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
        return new Latency(h.getValueAtPercentile(50), h.getValueAtPercentile(95), h.getValueAtPercentile(99),
                h.getMaxValue());
    }
}
