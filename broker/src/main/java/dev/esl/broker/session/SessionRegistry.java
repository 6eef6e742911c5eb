package dev.esl.broker.session;

import dev.esl.broker.config.DuplicateClientIdPolicy;
import dev.esl.broker.routing.Message;
import dev.esl.broker.routing.subscription.SubscriptionTrie;
import dev.esl.broker.stats.BrokerStats;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All sessions by client ID, and their lifecycle: connect (new, resumed, taken over or refused),
 * disconnect, wills and expiry. Each method for a client ID must run on that client's lane.
 */
public final class SessionRegistry {
    private static final Logger log = LoggerFactory.getLogger(SessionRegistry.class);

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SessionStore store;
    private final SubscriptionTrie trie;
    private final Lanes lanes;
    private final BrokerStats stats;
    private final Clock clock;
    private final DuplicateClientIdPolicy duplicatePolicy;
    private final SessionLimits limits;
    private final long holderRetentionSeconds;
    private volatile Consumer<Message> willPublisher = m -> { };

    public SessionRegistry(SessionStore store, SubscriptionTrie trie, Lanes lanes, BrokerStats stats, Clock clock,
                           DuplicateClientIdPolicy duplicatePolicy, SessionLimits limits) {
        this.store = store;
        this.trie = trie;
        this.lanes = lanes;
        this.stats = stats;
        this.clock = clock;
        this.duplicatePolicy = duplicatePolicy;
        this.limits = limits;
        this.holderRetentionSeconds = limits.offlineExpiryMillis() / 1000;
    }

    /** Where wills go when they fire: the router, set once at start (the router needs this registry too). */
    public void willPublisher(Consumer<Message> publisher) {
        this.willPublisher = publisher;
    }

    public Lanes lanes() {
        return lanes;
    }

    public Session get(String clientId) {
        return sessions.get(clientId);
    }

    /**
     * Safe from any thread, but a moment stale at worst: a shared group may pick a member that just left, a P2P
     * message may be routed as for a target still online, and a QoS 1 copy may be held in memory for a session that
     * just went offline (the store then writes it at its deadline, see the durable store's write-behind).
     */
    public boolean isOnline(String clientId) {
        Session s = sessions.get(clientId);
        return s != null && s.isOnline();
    }

    public int size() {
        return sessions.size();
    }

    public ConnectResult connect(ConnectRequest request, ClientChannel channel) {
        String id = request.clientId();
        Session existing = sessions.get(id);
        if (existing != null && existing.isOnline()) {
            if (duplicatePolicy == DuplicateClientIdPolicy.REFUSE) {
                log.warn("Refused {} from {}: clientId conflict, already connected from {}", id,
                        channel.remoteAddress(), existing.channel().remoteAddress());
                return ConnectResult.refused("clientId conflict: " + id + " is already connected");
            }
            log.info("Closing {} from {}: clientId conflict, taken over by {}", id,
                    existing.channel().remoteAddress(), channel.remoteAddress());
            stats.takeovers.increment();
            ClientChannel old = existing.channel();
            existing.detach();
            old.closeTakenOver();
            Will oldWill = existing.will();
            existing.will(null);
            // Sent because the connection closed (no delay), or because the old session ends here: the new
            // connection starts clean, or the old session was not to outlive its connection (MQTT 5, 3.1.4).
            if (oldWill != null && (oldWill.delaySeconds() == 0 || request.cleanStart() || existing.expirySeconds() == 0)) {
                publish(oldWill);
            }
        }
        if (existing != null) {
            existing.cancelTimers();
            Will pending = existing.will();
            existing.will(null);
            if (pending != null && request.cleanStart()) {
                publish(pending); // the old session ends now [MQTT-3.1.3-9]
            }
        }
        boolean present = existing != null && !existing.isHolder() && !request.cleanStart()
                && existing.expirySeconds() > 0;
        Session session;
        if (present) {
            session = existing;
        } else {
            if (existing != null) {
                existing.end(); // P2P messages kept for this client survive in the store and are picked up below
            }
            session = newSession(id);
            if (existing == null && store.queuedCount(id) > 0) {
                session.clear(); // what a racing publisher may have queued for a session that had just ended
            }
        }
        session.expirySeconds(request.expirySeconds());
        session.will(request.will());
        sessions.put(id, session);
        return ConnectResult.accepted(session, present);
    }

    private Session newSession(String id) {
        return new Session(id, store, trie, stats, clock, limits);
    }

    /** Binds the connection after CONNACK has been written, so resent messages follow it. */
    public void attach(Session session, ClientChannel channel) {
        session.attach(channel);
    }

    /**
     * The connection closed. Ignored if another connection has since taken the session over.
     *
     * @param publishWill false after a normal DISCONNECT [MQTT-3.14.4-3]
     */
    public void disconnected(String clientId, ClientChannel channel, boolean publishWill) {
        Session session = sessions.get(clientId);
        if (session == null || session.channel() != channel) {
            return;
        }
        session.detach();
        Will will = session.will();
        session.will(null);
        if (will != null && publishWill) {
            if (will.delaySeconds() == 0 || session.expirySeconds() == 0) {
                publish(will);
            } else {
                session.will(will);
                long delay = Math.min(will.delaySeconds(), session.expirySeconds());
                session.willTimer(lanes.schedule(clientId, () -> fireWill(session), delay, TimeUnit.SECONDS));
            }
        }
        if (session.expirySeconds() == 0) {
            endSession(session);
        } else {
            scheduleExpiry(session, session.expirySeconds());
        }
    }

    private void publish(Will will) {
        willPublisher.accept(will.messageAt(clock.millis()));
    }

    private void fireWill(Session session) {
        Will will = session.will();
        session.will(null);
        if (will != null && !session.isOnline()) {
            publish(will);
        }
    }

    private void scheduleExpiry(Session session, long seconds) {
        if (seconds >= 0xFFFF_FFFFL) {
            return; // "never expires" [MQTT-3.1.2-23]
        }
        session.expiryTimer(lanes.schedule(session.clientId(), () -> {
            if (sessions.get(session.clientId()) == session && !session.isOnline()) {
                fireWill(session);
                log.info("Session of {} expired after {} s offline", session.clientId(), seconds);
                endSession(session);
            }
        }, seconds, TimeUnit.SECONDS));
    }

    private void endSession(Session session) {
        if (session.end()) {
            // Only P2P messages kept for this client remain: hold them for the retention period.
            session.expirySeconds(holderRetentionSeconds);
            scheduleExpiry(session, holderRetentionSeconds);
            session.holder(true);
        } else {
            sessions.remove(session.clientId(), session);
        }
    }

    /**
     * A P2P message for an offline client whose sender's session is persistent: kept even when the target
     * has no session yet, in a holder session that the target picks up when it connects.
     */
    public Session holderFor(String clientId) {
        Session session = sessions.get(clientId);
        if (session == null) {
            session = newSession(clientId);
            session.holder(true);
            session.expirySeconds(holderRetentionSeconds);
            scheduleExpiry(session, holderRetentionSeconds);
            sessions.put(clientId, session);
        }
        return session;
    }

    /**
     * Restores the sessions a previous run left in the store: subscriptions back in the trie, expiry timers
     * and delayed wills counted from when each client disconnected. A client that was connected when the
     * broker stopped counts as disconnected now; its clean session ends and its will is due.
     */
    public int recover() {
        List<SessionRecord> records = store.sessions();
        CountDownLatch done = new CountDownLatch(records.size());
        long now = clock.millis();
        for (SessionRecord record : records) {
            lanes.execute(record.clientId(), () -> {
                try {
                    recover(record, now);
                } finally {
                    done.countDown();
                }
            });
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Recovered {} sessions from the store", records.size());
        return records.size();
    }

    private void recover(SessionRecord record, long now) {
        Session session = newSession(record.clientId());
        session.restore(record);
        store.subscriptions(record.clientId()).forEach(trie::add);
        sessions.put(record.clientId(), session);
        long disconnectedAt = record.disconnectedAtMillis() == 0 ? now : record.disconnectedAtMillis();
        Will will = record.will();
        if (record.expirySeconds() == 0 && !record.holder()) {
            session.will(null);
            if (will != null) {
                publish(will);
            }
            endSession(session);
            return;
        }
        if (will != null) {
            long due = will.delaySeconds() * 1000 - (now - disconnectedAt);
            if (due <= 0) {
                fireWill(session);
            } else {
                session.willTimer(lanes.schedule(record.clientId(), () -> fireWill(session), due, TimeUnit.MILLISECONDS));
            }
        }
        long left = record.expirySeconds() * 1000 - (now - disconnectedAt);
        if (left <= 0) {
            fireWill(session);
            endSession(session);
        } else {
            scheduleExpiry(session, left / 1000 + 1);
        }
    }

    /** Ends every session's connection bookkeeping at shutdown; stored state stays for the next start. */
    public void closeAll() {
        sessions.values().forEach(Session::cancelTimers);
    }
}
