package dev.esl.broker.session;

import dev.esl.broker.routing.Message;

/**
 * A will message, its MQTT 5 Will Delay Interval and its Message Expiry Interval (both 0 for MQTT 3.1.1).
 *
 * @param message              the will as received in CONNECT; its lifetime is not counted yet
 * @param messageExpirySeconds the will's lifetime, counted from when it is published [MQTT-3.1.3.2.4], 0 for none
 */
public record Will(Message message, long delaySeconds, long messageExpirySeconds) {

    /** The message to publish now, its expiry counted from {@code nowMillis}. */
    public Message messageAt(long nowMillis) {
        if (messageExpirySeconds == 0) {
            return message;
        }
        Message m = message;
        return new Message(m.topic(), m.payload(), m.qos(), m.retain(), m.properties(), m.publisherClientId(),
                nowMillis + messageExpirySeconds * 1000);
    }
}
