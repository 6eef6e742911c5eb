package dev.esl.broker.naming;

import dev.esl.broker.config.BrokerConfig;
import dev.esl.broker.config.NamingMode;
import java.util.Optional;

/**
 * Which client IDs and topics the broker accepts. Each check returns the reason for a refusal, worded for
 * the client's log, or empty when the name is accepted.
 */
public interface NamingRules {

    Optional<String> checkClientId(String clientId);

    /** A topic name of a PUBLISH or will message (no wildcards). */
    Optional<String> checkTopicName(String topic);

    /** A subscription's topic filter, without any {@code $share/<group>/} prefix. */
    Optional<String> checkTopicFilter(String filter);

    /** Whether a zero-length client ID may connect (with a clean session) and get an assigned one. */
    boolean allowsEmptyClientId();

    /**
     * Whether a topic name or filter as decoded is well-formed UTF-8 without U+0000, whatever the naming mode.
     * A violation makes the whole packet malformed [MQTT-1.5.4-1], [MQTT-1.5.4-2].
     */
    static Optional<String> checkEncoding(String topic) {
        return MqttTopicRules.checkCharacters(topic);
    }

    static NamingRules of(BrokerConfig config) {
        return config.naming() == NamingMode.SEED
                ? new SeedNaming(config.groups(), config.parentTopics())
                : new PlainNaming();
    }
}
