package dev.esl.gateway.link;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs bad frames without flooding the log when a line spews garbage: at most one line per second. */
final class BadFrameLog {
    private static final Logger log = LoggerFactory.getLogger(BadFrameLog.class);
    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final String link;
    private long lastLogged = System.nanoTime() - INTERVAL_NANOS;
    private long suppressed;

    BadFrameLog(String link) {
        this.link = link;
    }

    void report(String reason) {
        long now = System.nanoTime();
        if (now - lastLogged >= INTERVAL_NANOS) {
            log.warn("{}: bad frame discarded: {}{}", link, reason,
                    suppressed > 0 ? " (" + suppressed + " more since the last report)" : "");
            lastLogged = now;
            suppressed = 0;
        } else {
            suppressed++;
        }
    }
}
