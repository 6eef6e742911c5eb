package dev.esl.bench.load;

/**
 * One measured qos0/qos1/qos2 run.
 *
 * @param expected         deliveries the subscribers should have had (publishers x messages x subscribers)
 * @param delivered        unique deliveries (a redelivered duplicate counts once)
 * @param publishFailures  publishes the client reported as failed (connection lost, refused)
 * @param seconds          first publish to last delivery
 * @param publishesPerSec  publishes acknowledged by the broker per second (for QoS 0: written to the socket)
 * @param peakRssKb        the broker process's peak resident memory (VmHWM) over its life, this scenario only
 */
public record ThroughputResult(
        long expected,
        long delivered,
        long duplicates,
        long publishFailures,
        double seconds,
        double deliveriesPerSec,
        double publishesPerSec,
        Latency latency,
        long peakRssKb) implements Outcome {

    public long lost() {
        return expected - delivered;
    }
}
