package dev.esl.broker.routing;

/**
 * An application message as accepted from its publisher: what every subscriber receives, before the
 * per-subscriber QoS downgrade.
 *
 * @param expiresAtMillis wall-clock time after which the message is no longer delivered, or 0 for never
 */
public record Message(
        String topic,
        byte[] payload,
        int qos,
        boolean retain,
        PublishProperties properties,
        String publisherClientId,
        long expiresAtMillis) {

    public Message {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("QoS must be 0, 1 or 2, not " + qos);
        }
        properties = properties == null ? PublishProperties.NONE : properties;
    }

    public boolean isExpired(long nowMillis) {
        return expiresAtMillis > 0 && nowMillis >= expiresAtMillis;
    }

    /** Seconds left for the MQTT 5 Message Expiry Interval property, at least 1 while unexpired. */
    public long remainingExpirySeconds(long nowMillis) {
        return Math.max(1, (expiresAtMillis - nowMillis + 999) / 1000);
    }

    public Message withRetain(boolean flag) {
        return flag == retain ? this : new Message(topic, payload, qos, flag, properties, publisherClientId, expiresAtMillis);
    }
}
