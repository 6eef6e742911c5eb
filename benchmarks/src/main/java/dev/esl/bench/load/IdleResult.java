package dev.esl.bench.load;

/**
 * The idle-connections run.
 *
 * @param rssBeforeKb broker RSS after start-up and a settle pause, before any connection
 * @param rssAfterKb  broker RSS with all connections open, after the same pause
 * @param firstError  why the first failed connection failed, or null
 */
public record IdleResult(
        int requested,
        int connected,
        double connectSeconds,
        long rssBeforeKb,
        long rssAfterKb,
        String firstError) implements Outcome {

    public double connectsPerSec() {
        return connectSeconds > 0 ? connected / connectSeconds : 0;
    }

    /** Growth of the broker's RSS per open connection, KiB. */
    public double kbPerConnection() {
        return connected > 0 ? (double) (rssAfterKb - rssBeforeKb) / connected : Double.NaN;
    }
}
