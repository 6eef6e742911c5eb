package dev.esl.broker.routing;

import java.util.Optional;

/** A point-to-point topic {@code <parentTopic>/p2p/<targetClientId>}: delivered to its target alone. */
public record P2pTopic(String parentTopic, String targetClientId) {
    static final String MARKER = "p2p";

    public static Optional<P2pTopic> parse(String topic) {
        int first = topic.indexOf('/');
        if (first <= 0) {
            return Optional.empty();
        }
        int second = topic.indexOf('/', first + 1);
        if (second < 0 || !topic.regionMatches(first + 1, MARKER, 0, MARKER.length())
                || second != first + 1 + MARKER.length()) {
            return Optional.empty();
        }
        String target = topic.substring(second + 1);
        if (target.isEmpty() || target.indexOf('/') >= 0 || target.indexOf('+') >= 0 || target.indexOf('#') >= 0) {
            return Optional.empty();
        }
        return Optional.of(new P2pTopic(topic.substring(0, first), target));
    }
}
