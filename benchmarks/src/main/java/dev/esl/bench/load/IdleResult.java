package dev.esl.bench.load;

/**
 * One idle-connections run.
 *
 * @param connected   connections that got CONNACK
 * @param openAtEnd   connections still open when the second RSS reading was taken
 * @param rssBeforeKb broker RSS after start-up and a settle pause, before any connection
 * @param rssAfterKb  broker RSS with all connections open, after the same pause
 * @param firstError  why the first failed connection failed, or null
 */
public record IdleResult(
        int requested,
        int connected,
        int openAtEnd,
        double connectSeconds,
        long rssBeforeKb,
        long rssAfterKb,
        String firstError) implements Outcome {

    public double connectsPerSec() {
        return connectSeconds > 0 ? connected / connectSeconds : 0;
    }

    /** Growth of the broker's RSS per open connection, KiB. */
    public double kbPerConnection() {
        return openAtEnd > 0 ? (double) (rssAfterKb - rssBeforeKb) / openAtEnd : Double.NaN;
    }
}
