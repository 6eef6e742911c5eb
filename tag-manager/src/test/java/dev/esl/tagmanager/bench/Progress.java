package dev.esl.tagmanager.bench;

/** A progress line at most every few seconds for a long phase. */
final class Progress {
    private static final long EVERY_NANOS = 5_000_000_000L;
    private long lastAt;

    void report(String what, long done, long total) {
        long now = System.nanoTime();
        if (now - lastAt >= EVERY_NANOS || done >= total) {
            lastAt = now;
            System.out.printf("  %s: %,d of %,d (%.0f %%)%n", what, done, total, 100.0 * done / Math.max(1, total));
        }
    }
}
