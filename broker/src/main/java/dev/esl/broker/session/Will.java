package dev.esl.broker.session;

import dev.esl.broker.routing.Message;

/** A will message and its MQTT 5 Will Delay Interval (0 for MQTT 3.1.1). */
public record Will(Message message, long delaySeconds) {
}
