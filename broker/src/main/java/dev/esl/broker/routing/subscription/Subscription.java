package dev.esl.broker.routing.subscription;

/**
 * One client's subscription to one filter, with its MQTT 5 options.
 *
 * @param shareName       the group of a {@code $share/<group>/<filter>} subscription, or null
 * @param filter          the topic filter without any {@code $share} prefix
 * @param retainHandling  0 send retained on subscribe, 1 only if new, 2 never
 * @param subscriptionId  the MQTT 5 Subscription Identifier, or 0 for none
 */
public record Subscription(
        String clientId,
        String shareName,
        String filter,
        int qos,
        boolean noLocal,
        boolean retainAsPublished,
        int retainHandling,
        int subscriptionId) {

    public boolean isShared() {
        return shareName != null;
    }

    /** The filter as the client wrote it, which identifies the subscription within its session. */
    public String key() {
        return shareName == null ? filter : "$share/" + shareName + "/" + filter;
    }
}
