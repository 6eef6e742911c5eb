package dev.esl.bench.load;

import java.time.Duration;

/**
 * The load every broker gets. Fan-out: publisher i publishes on {@code bench/t/i}; every subscriber subscribes
 * to {@code bench/t/+}, so each message reaches all subscribers and a run delivers
 * publishers x messages x subscribers messages.
 *
 * @param messagesPerPublisher measured messages per publisher, by QoS (index 0, 1, 2)
 * @param warmupPerPublisher   messages per publisher sent (and awaited) before measuring, so the JIT of the
 *                             Java brokers is warm; the same for every broker
 * @param maxOutstanding       publishes a publisher may have unacknowledged (for QoS 0: not yet written)
 * @param stallTimeout         a run ends when nothing was acknowledged or delivered for this long; what is
 *                             missing then is reported as lost
 */
public record LoadSettings(
        int publishers,
        int subscribers,
        int[] messagesPerPublisher,
        int warmupPerPublisher,
        int payloadBytes,
        int maxOutstanding,
        int idleConnections,
        int idleKeepAliveSeconds,
        int connectConcurrency,
        Duration settle,
        Duration stallTimeout) {

    public int messagesPerPublisher(Scenario scenario) {
        return messagesPerPublisher[scenario.qos().getCode()];
    }

    /** Deliveries a run of {@code perPublisher} messages per publisher should produce. */
    public long expectedDeliveries(int perPublisher) {
        return (long) publishers * perPublisher * subscribers;
    }
}
