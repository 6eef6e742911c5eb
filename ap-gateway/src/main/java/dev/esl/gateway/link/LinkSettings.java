package dev.esl.gateway.link;

import java.time.Duration;

/**
 * Tunables of the link layer; {@link #defaults()} are ASH's values, with a window of 7.
 *
 * @param notReadyBacklog received messages the link's user has not handled yet at which the receiver sets
 *        "not ready" in its ACKs and NAKs, so the peer holds back new DATA frames until the backlog is worked off
 */
public record LinkSettings(int window, Duration initialAckTimeout, Duration minAckTimeout,
        Duration maxAckTimeout, int maxTimeouts, Duration rstackTimeout, int maxResets, int notReadyBacklog) {

    public static final int DEFAULT_NOT_READY_BACKLOG = 256;

    public LinkSettings {
        if (window < 1 || window > 7) {
            throw new IllegalArgumentException("window must be 1 to 7, was " + window);
        }
        if (notReadyBacklog < 1) {
            throw new IllegalArgumentException("notReadyBacklog must be at least 1, was " + notReadyBacklog);
        }
    }

    public LinkSettings(int window, Duration initialAckTimeout, Duration minAckTimeout, Duration maxAckTimeout,
            int maxTimeouts, Duration rstackTimeout, int maxResets) {
        this(window, initialAckTimeout, minAckTimeout, maxAckTimeout, maxTimeouts, rstackTimeout, maxResets,
                DEFAULT_NOT_READY_BACKLOG);
    }

    public static LinkSettings defaults() {
        return new LinkSettings(7, Duration.ofMillis(1600), Duration.ofMillis(400), Duration.ofMillis(3200), 4,
                Duration.ofMillis(3200), 5);
    }

    public LinkSettings withWindow(int newWindow) {
        return new LinkSettings(newWindow, initialAckTimeout, minAckTimeout, maxAckTimeout, maxTimeouts,
                rstackTimeout, maxResets, notReadyBacklog);
    }

    public LinkSettings withNotReadyBacklog(int backlog) {
        return new LinkSettings(window, initialAckTimeout, minAckTimeout, maxAckTimeout, maxTimeouts,
                rstackTimeout, maxResets, backlog);
    }
}
