package dev.esl.broker.session;

/**
 * What the store keeps of a session besides its subscriptions and messages.
 *
 * @param expirySeconds the Session Expiry Interval in force; 0 means the session ends with its connection
 */
public record SessionRecord(String clientId, long expirySeconds) {
}
