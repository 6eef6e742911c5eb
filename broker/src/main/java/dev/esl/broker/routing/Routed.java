package dev.esl.broker.routing;

import java.util.concurrent.CompletableFuture;

/**
 * The outcome of routing one message.
 *
 * @param matched  whether anyone is to receive it (MQTT 5 reason 0x10 otherwise)
 * @param refusal  why the message was not accepted (a full P2P target queue), or null when it was
 * @param durable  completes when the message is safe in every target's queue: then it may be acknowledged
 */
public record Routed(boolean matched, String refusal, CompletableFuture<Void> durable) {
}
