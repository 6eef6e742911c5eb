package dev.esl.broker.naming;

import java.util.Optional;

/** The MQTT specification's own rules for topic names and filters, which hold in every naming mode. */
final class MqttTopicRules {
    private MqttTopicRules() {
    }

    static Optional<String> checkName(String topic) {
        if (topic == null || topic.isEmpty()) {
            return Optional.of("topic name is empty [MQTT-4.7.3-1]");
        }
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            return Optional.of("topic name '" + topic + "' contains a wildcard [MQTT-3.3.2-2]");
        }
        return checkCharacters(topic);
    }

    static Optional<String> checkFilter(String filter) {
        if (filter == null || filter.isEmpty()) {
            return Optional.of("topic filter is empty [MQTT-4.7.3-1]");
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                return Optional.of("'#' must be a whole last level in filter '" + filter + "' [MQTT-4.7.1-2]");
            }
            if (level.contains("+") && !level.equals("+")) {
                return Optional.of("'+' must be a whole level in filter '" + filter + "' [MQTT-4.7.1-3]");
            }
        }
        return checkCharacters(filter);
    }

    /** The decoder turns invalid UTF-8 into U+FFFD; U+0000 is forbidden outright [MQTT-1.5.4-2]. */
    static Optional<String> checkCharacters(String topic) {
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c == '\u0000') {
                return Optional.of("topic contains U+0000 [MQTT-1.5.4-2]");
            }
            if (c == '\uFFFD') {
                return Optional.of("topic is not valid UTF-8 [MQTT-1.5.4-1]");
            }
            if (Character.isSurrogate(c) && !validSurrogatePair(topic, i)) {
                return Optional.of("topic contains an unpaired surrogate [MQTT-1.5.4-1]");
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        return Optional.empty();
    }

    private static boolean validSurrogatePair(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
}
