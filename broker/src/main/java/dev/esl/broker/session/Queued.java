package dev.esl.broker.session;

/**
 * A delivery waiting in a session's queue.
 *
 * @param sequence      orders the queue; unique across the store
 * @param queuedAtMillis when it was queued, for the offline message expiry
 */
public record Queued(long sequence, long queuedAtMillis, Delivery delivery) {
}
