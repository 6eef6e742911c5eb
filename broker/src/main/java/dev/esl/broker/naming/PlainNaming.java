package dev.esl.broker.naming;

import java.util.Optional;

/** Plain MQTT: only the specification's rules. */
final class PlainNaming implements NamingRules {

    @Override
    public Optional<String> checkClientId(String clientId) {
        return Optional.empty();
    }

    @Override
    public Optional<String> checkTopicName(String topic) {
        return MqttTopicRules.checkName(topic);
    }

    @Override
    public Optional<String> checkTopicFilter(String filter) {
        return MqttTopicRules.checkFilter(filter);
    }

    @Override
    public boolean allowsEmptyClientId() {
        return true;
    }
}
