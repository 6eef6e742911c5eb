package dev.esl.broker.session;

import dev.esl.broker.config.BrokerConfig;

/** The per-session bounds on what the broker holds for a client. */
public record SessionLimits(int maxQueued, long maxQueuedBytes, int maxInflight, long offlineExpiryMillis) {

    public static SessionLimits of(BrokerConfig c) {
        return new SessionLimits(c.maxQueuedMessages(), c.maxQueuedBytes(), c.maxInflight(), c.offlineMessageExpirySeconds() * 1000);
    }
}
