package dev.esl.gateway.link;

import java.time.Duration;

/** Tunables of the link layer; {@link #defaults()} are ASH's values, with a window of 7. */
public record LinkSettings(int window, Duration initialAckTimeout, Duration minAckTimeout,
        Duration maxAckTimeout, int maxTimeouts, Duration rstackTimeout, int maxResets) {

    public LinkSettings {
        if (window < 1 || window > 7) {
            throw new IllegalArgumentException("window must be 1 to 7, was " + window);
        }
    }

    public static LinkSettings defaults() {
        return new LinkSettings(7, Duration.ofMillis(1600), Duration.ofMillis(400), Duration.ofMillis(3200), 4,
                Duration.ofMillis(3200), 5);
    }

    public LinkSettings withWindow(int newWindow) {
        return new LinkSettings(newWindow, initialAckTimeout, minAckTimeout, maxAckTimeout, maxTimeouts,
                rstackTimeout, maxResets);
    }
}
