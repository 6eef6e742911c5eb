package dev.esl.broker.naming;

import dev.esl.broker.routing.P2pTopic;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The seed service's naming: client IDs {@code <GroupID>@@@<DeviceID>} of registered groups, topics under
 * registered parent topics, at most 64 characters of letters, digits, '-', '_' and '/'.
 */
final class SeedNaming implements NamingRules {
    static final int MAX_CLIENT_ID = 64;
    static final int MAX_TOPIC = 64;
    /**
     * The seed service asks for 7 characters, but our own contract names the group GID_AP (6): we require
     * the prefix and at least one more character (see docs/broker.md).
     */
    static final int MIN_GROUP_ID = 5;
    private static final String SEPARATOR = "@@@";
    private static final Pattern ID_CHARS = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern TOPIC_CHARS = Pattern.compile("[A-Za-z0-9_/-]+");
    private static final Pattern FILTER_CHARS = Pattern.compile("[A-Za-z0-9_/+#-]+");

    private final Set<String> groups;
    private final Set<String> parentTopics;

    SeedNaming(Set<String> groups, Set<String> parentTopics) {
        this.groups = Set.copyOf(groups);
        this.parentTopics = Set.copyOf(parentTopics);
    }

    @Override
    public Optional<String> checkClientId(String clientId) {
        return checkIdSyntax(clientId).or(() -> {
            String group = clientId.substring(0, clientId.indexOf(SEPARATOR));
            return groups.contains(group)
                    ? Optional.empty()
                    : Optional.of("group '" + group + "' does not exist on this broker");
        });
    }

    private static Optional<String> checkIdSyntax(String clientId) {
        if (clientId == null || clientId.isEmpty()) {
            return Optional.of("client ID required: this broker needs an explicit <GroupID>@@@<DeviceID>");
        }
        if (clientId.length() > MAX_CLIENT_ID) {
            return Optional.of("client ID is " + clientId.length() + " characters, at most " + MAX_CLIENT_ID + " allowed");
        }
        int at = clientId.indexOf(SEPARATOR);
        if (at < 0 || clientId.indexOf(SEPARATOR, at + 1) >= 0) {
            return Optional.of("client ID must be <GroupID>@@@<DeviceID> with exactly one '@@@'");
        }
        String group = clientId.substring(0, at);
        String device = clientId.substring(at + SEPARATOR.length());
        if (!ID_CHARS.matcher(group).matches() || !(device.isEmpty() || ID_CHARS.matcher(device).matches())) {
            return Optional.of("client ID may hold only letters, digits, '-' and '_' besides '@@@'");
        }
        if (!(group.startsWith("GID_") || group.startsWith("GID-"))) {
            return Optional.of("group ID '" + group + "' must begin with GID_ or GID-");
        }
        if (group.length() < MIN_GROUP_ID) {
            return Optional.of("group ID '" + group + "' needs at least one character after its GID_ prefix");
        }
        if (device.isEmpty()) {
            return Optional.of("device ID after '@@@' is empty");
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> checkTopicName(String topic) {
        Optional<String> mqtt = MqttTopicRules.checkName(topic);
        if (mqtt.isPresent()) {
            return mqtt;
        }
        Optional<P2pTopic> p2p = P2pTopic.parse(topic);
        if (p2p.isPresent()) {
            // The P2P target is a client ID (with '@@@'), so it follows the client ID rules, not the topic ones.
            return checkParent(topic).or(() -> checkIdSyntax(p2p.get().targetClientId())
                    .map(reason -> "P2P target in '" + topic + "' is not a valid client ID: " + reason));
        }
        return checkShape(topic, TOPIC_CHARS).or(() -> checkParent(topic));
    }

    @Override
    public Optional<String> checkTopicFilter(String filter) {
        return MqttTopicRules.checkFilter(filter)
                .or(() -> P2pTopic.parse(filter)
                        .map(p2p -> checkIdSyntax(p2p.targetClientId())
                                .map(reason -> "P2P target in '" + filter + "' is not a valid client ID: " + reason))
                        .orElseGet(() -> checkShape(filter, FILTER_CHARS)))
                .or(() -> checkParent(filter));
    }

    private static Optional<String> checkShape(String topic, Pattern chars) {
        if (topic.length() > MAX_TOPIC) {
            return Optional.of("topic '" + topic + "' is " + topic.length() + " characters, at most " + MAX_TOPIC + " allowed");
        }
        if (!chars.matcher(topic).matches()) {
            return Optional.of("topic '" + topic + "' may hold only letters, digits, '-', '_' and '/'");
        }
        return Optional.empty();
    }

    private Optional<String> checkParent(String topic) {
        int slash = topic.indexOf('/');
        String parent = slash < 0 ? topic : topic.substring(0, slash);
        if (parentTopics.contains(parent.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of("parent topic '" + parent + "' does not exist on this broker");
    }

    @Override
    public boolean allowsEmptyClientId() {
        return false;
    }
}
