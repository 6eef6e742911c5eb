package dev.esl.broker.config;

/** What happens when a client connects with an ID that is already online. */
public enum DuplicateClientIdPolicy {
    /** MQTT's rule [MQTT-3.1.4-2]: the new connection takes the session over and the old one is closed. */
    TAKEOVER,
    /** The seed service's rule: the new connection is refused while the old one is online. */
    REFUSE
}
