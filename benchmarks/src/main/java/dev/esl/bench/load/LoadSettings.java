package dev.esl.bench.load;

import java.time.Duration;
import java.util.List;

/**
 * The load every broker gets. Fan-out: publisher i publishes on {@code bench/t/i}; every subscriber subscribes
 * to {@code bench/t/+}, so each message reaches all subscribers.
 *
 * @param duration         how long publishers publish in the measured round
 * @param warmup           how long they publish in the warm-up round before it, on the same connections, so
 *                         the JIT of the Java brokers is warm; the same for every broker
 * @param window           how far a publisher may run ahead: at most this many messages not yet received by
 *                         every subscriber, and for QoS 1/2 at most this many unacknowledged
 * @param idleConnections  connection counts of the idle scenario, one run each
 * @param perSourceAddress idle connections per loopback source address (127.0.0.2, then 127.0.0.3, ...): one
 *                         address has only ~28,000 ephemeral ports towards the broker's one port
 * @param stallTimeout     a run ends when nothing was acknowledged or delivered for this long; what is
 *                         missing then is reported as lost
 */
public record LoadSettings(
        int publishers,
        int subscribers,
        Duration duration,
        Duration warmup,
        int payloadBytes,
        int window,
        List<Integer> idleConnections,
        int perSourceAddress,
        int idleKeepAliveSeconds,
        int connectConcurrency,
        Duration settle,
        Duration stallTimeout) {

    public LoadSettings {
        idleConnections = List.copyOf(idleConnections);
    }
}
