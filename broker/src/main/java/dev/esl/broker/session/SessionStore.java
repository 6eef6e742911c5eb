package dev.esl.broker.session;

import dev.esl.broker.routing.subscription.Subscription;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where sessions keep their state: subscriptions, queued messages, in-flight QoS 1/2 deliveries and the
 * packet IDs of incoming QoS 2 messages awaiting PUBREL. Calls for one client ID come from that client's
 * lane, except {@link #apply}, the counters and {@link #sync}, which any lane may call.
 */
public interface SessionStore extends AutoCloseable {

    List<SessionRecord> sessions();

    void saveSession(SessionRecord session);

    /** Deletes the session and everything it holds. */
    void deleteSession(String clientId);

    void saveSubscription(String clientId, Subscription subscription);

    void deleteSubscription(String clientId, String key);

    List<Subscription> subscriptions(String clientId);

    /** An increasing number for queue entries, unique in this store. */
    long nextSequence();

    /**
     * Applies the writes of one accepted message. What must be durable before the message is acknowledged is
     * applied atomically; a durable store may hold a QoS 1 copy for an online target in memory until the
     * target acknowledges it or a short delay passes, and only then write it.
     *
     * @return completes once the message may be acknowledged: every copy is either synced to disk or already
     *         acknowledged by its target (at once for a store that keeps nothing on disk)
     */
    CompletableFuture<Void> apply(PublishBatch batch);

    /** The oldest queued entry, or null. */
    Queued peekQueued(String clientId);

    void deleteQueued(String clientId, long sequence);

    /** Whether the entry is still in the client's queue (not sent, expired or dropped since). */
    boolean isQueued(String clientId, long sequence);

    int queuedCount(String clientId);

    /** Payload and topic bytes queued, for the per-session byte limit. */
    long queuedBytes(String clientId);

    /**
     * Takes a queued entry out of the queue and into flight, atomically. A durable store may instead keep a
     * QoS 1 entry in the queue, marked in flight until {@link #deleteInflight}: after a restart it is queued
     * again, and {@link #maybeSentBefore} says so.
     */
    void moveToInflight(String clientId, long sequence, Inflight inflight);

    /** Whether a queued entry may have gone out before a restart: it is then sent with DUP set [MQTT-3.3.1-1]. */
    default boolean maybeSentBefore(String clientId, Queued entry) {
        return false;
    }

    void saveInflight(String clientId, Inflight inflight);

    void deleteInflight(String clientId, int packetId);

    /** In-flight deliveries in the order they were first sent. */
    List<Inflight> inflight(String clientId);

    boolean hasIncomingQos2(String clientId, int packetId);

    boolean deleteIncomingQos2(String clientId, int packetId);

    int incomingQos2Count(String clientId);

    /**
     * Completes once every write made before the call is durable (a retained message, say). Concurrent
     * callers share one disk sync (group commit).
     */
    CompletableFuture<Void> sync();

    /** Queues one delivery for one session (retained messages on subscribe, P2P holders). */
    default void enqueue(String clientId, Delivery delivery, long nowMillis) {
        apply(new PublishBatch().queue(clientId, new Queued(nextSequence(), nowMillis, delivery)));
    }

    @Override
    default void close() {
    }
}
