package dev.esl.broker.session;

import dev.esl.broker.routing.subscription.Subscription;
import java.util.List;
import java.util.function.Predicate;

/**
 * Where sessions keep their state: subscriptions, queued messages, in-flight QoS 1/2 deliveries and the
 * packet IDs of incoming QoS 2 messages awaiting PUBREL. Calls for one client ID come from that client's
 * lane only, so implementations need no locking per session.
 */
public interface SessionStore extends AutoCloseable {

    List<SessionRecord> sessions();

    void saveSession(SessionRecord session);

    /** Deletes the session and everything it holds. */
    void deleteSession(String clientId);

    void saveSubscription(String clientId, Subscription subscription);

    void deleteSubscription(String clientId, String key);

    List<Subscription> subscriptions(String clientId);

    void enqueue(String clientId, Delivery delivery);

    /** Removes and returns the oldest queued delivery, or null. */
    Delivery pollQueued(String clientId);

    int queuedCount(String clientId);

    /** Drops the queued deliveries that {@code keep} rejects. */
    void retainQueued(String clientId, Predicate<Delivery> keep);

    void saveInflight(String clientId, Inflight inflight);

    void deleteInflight(String clientId, int packetId);

    /** In-flight deliveries in the order they were first sent. */
    List<Inflight> inflight(String clientId);

    /** @return false if the packet ID was already awaiting PUBREL (a redelivered QoS 2 PUBLISH) */
    boolean addIncomingQos2(String clientId, int packetId);

    boolean deleteIncomingQos2(String clientId, int packetId);

    int incomingQos2Count(String clientId);

    @Override
    default void close() {
    }
}
