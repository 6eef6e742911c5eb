package dev.esl.broker.routing.subscription;

import java.util.Optional;

/** Splits {@code $share/<group>/<filter>} into its group and filter [MQTT-4.8.2]. */
public record SharedFilter(String shareName, String filter) {
    private static final String PREFIX = "$share/";

    /**
     * @return the parts of a shared subscription filter, empty if {@code raw} is an ordinary filter
     * @throws IllegalArgumentException if it starts as a shared filter but is malformed
     */
    public static Optional<SharedFilter> parse(String raw) {
        if (!raw.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int slash = raw.indexOf('/', PREFIX.length());
        String group = slash < 0 ? raw.substring(PREFIX.length()) : raw.substring(PREFIX.length(), slash);
        if (group.isEmpty() || group.contains("+") || group.contains("#")) {
            throw new IllegalArgumentException("share name in '" + raw + "' must be non-empty without wildcards [MQTT-4.8.2-1]");
        }
        if (slash < 0 || slash == raw.length() - 1) {
            throw new IllegalArgumentException("shared subscription '" + raw + "' has no topic filter [MQTT-4.8.2-2]");
        }
        return Optional.of(new SharedFilter(group, raw.substring(slash + 1)));
    }
}
