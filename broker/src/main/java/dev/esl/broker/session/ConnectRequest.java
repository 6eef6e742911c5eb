package dev.esl.broker.session;

/**
 * What a CONNECT asks of the session layer, once the protocol layer has validated it.
 *
 * @param expirySeconds the Session Expiry Interval, already capped to the broker's maximum
 * @param will          the will message, or null
 */
public record ConnectRequest(String clientId, boolean cleanStart, long expirySeconds, Will will) {
}
