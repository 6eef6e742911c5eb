package dev.esl.broker.session;

/**
 * What the store keeps of a session besides its subscriptions and messages: enough to restore its
 * expiry timer and will after a restart.
 *
 * @param expirySeconds        the Session Expiry Interval in force; 0 means the session ends with its connection
 * @param disconnectedAtMillis when its connection closed, or 0 while connected (or never connected)
 * @param holder               the session only holds P2P messages kept for a client that has no session of its own
 * @param will                 the will still to be published for it, or null
 */
public record SessionRecord(String clientId, long expirySeconds, long disconnectedAtMillis, boolean holder, Will will) {

    public SessionRecord(String clientId, long expirySeconds) {
        this(clientId, expirySeconds, 0, false, null);
    }
}
