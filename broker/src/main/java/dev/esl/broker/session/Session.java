package dev.esl.broker.session;

import dev.esl.broker.routing.subscription.Subscription;
import dev.esl.broker.routing.subscription.SubscriptionTrie;
import dev.esl.broker.stats.BrokerStats;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's session: its subscriptions, the messages queued for it and those in flight. Every method
 * runs on the client's lane (see {@link Lanes}); the state itself lives in the {@link SessionStore}.
 */
public final class Session {
    private static final Logger log = LoggerFactory.getLogger(Session.class);
    private static final int MAX_PACKET_ID = 65_535;

    private final String clientId;
    private final SessionStore store;
    private final SubscriptionTrie trie;
    private final BrokerStats stats;
    private final Clock clock;
    private final SessionLimits limits;

    /** In-flight deliveries by packet id: the store's copy is for restarts, this one spares a disk scan per ack. */
    private final Map<Integer, Inflight> inflight = new HashMap<>();
    /** Incoming QoS 2 awaiting PUBREL; counted once from the store, then kept here (-1: not yet counted). */
    private int incomingQos2 = -1;
    private int lastPacketId;
    private long sendSequence;
    private long overflowLogged;
    /**
     * While the client is online and its queue was once drained: every entry of the store's queue, in the order
     * it arrived, so sending the next one reads nothing from disk. Null otherwise: the store is read instead.
     */
    private ArrayDeque<Queued> unsent;
    private final ArrayDeque<Delivery> pendingQos0 = new ArrayDeque<>();
    private long pendingQos0Bytes;
    private ClientChannel channel;
    private long expirySeconds;
    private boolean ended;
    private boolean holder;
    private long disconnectedAtMillis;
    private Will will;
    private ScheduledFuture<?> willTimer;
    private ScheduledFuture<?> expiryTimer;

    Session(String clientId, SessionStore store, SubscriptionTrie trie, BrokerStats stats, Clock clock,
            SessionLimits limits) {
        this.clientId = clientId;
        this.store = store;
        this.trie = trie;
        this.stats = stats;
        this.clock = clock;
        this.limits = limits;
        for (Inflight i : store.inflight(clientId)) {
            inflight.put(i.packetId(), i);
            sendSequence = Math.max(sendSequence, i.sequence());
        }
    }

    public String clientId() {
        return clientId;
    }

    public boolean isOnline() {
        return channel != null;
    }

    boolean isEnded() {
        return ended;
    }

    /** A holder keeps P2P messages for a client that has no session of its own (the seed's P2P rule). */
    boolean isHolder() {
        return holder;
    }

    void holder(boolean flag) {
        this.holder = flag;
        persist();
    }

    ClientChannel channel() {
        return channel;
    }

    public boolean isAttachedTo(ClientChannel candidate) {
        return channel == candidate;
    }

    /** Whether the session outlives its connection: decides whether its P2P messages are kept (the seed's rule). */
    public boolean isPersistent() {
        return expirySeconds > 0;
    }

    public long expirySeconds() {
        return expirySeconds;
    }

    public void expirySeconds(long seconds) {
        this.expirySeconds = seconds;
        persist();
    }

    /** Writes what a restart needs to restore this session's timers and will. */
    private void persist() {
        if (!ended) {
            store.saveSession(new SessionRecord(clientId, expirySeconds, disconnectedAtMillis, holder, will));
        }
    }

    /** Restores the state a restart found in the store; the session starts offline. */
    void restore(SessionRecord record) {
        this.expirySeconds = record.expirySeconds();
        this.disconnectedAtMillis = record.disconnectedAtMillis();
        this.holder = record.holder();
        this.will = record.will();
    }

    long disconnectedAtMillis() {
        return disconnectedAtMillis;
    }

    // ---- subscriptions

    /** @return true if the subscription is new, false if it replaced one to the same filter */
    public boolean subscribe(Subscription s) {
        boolean isNew = store.subscriptions(clientId).stream().noneMatch(old -> old.key().equals(s.key()));
        store.saveSubscription(clientId, s);
        trie.add(s);
        return isNew;
    }

    /** @return whether a subscription to that filter existed */
    public boolean unsubscribe(String shareName, String filter) {
        String key = shareName == null ? filter : "$share/" + shareName + "/" + filter;
        store.deleteSubscription(clientId, key);
        return trie.remove(clientId, shareName, filter);
    }

    public List<Subscription> subscriptions() {
        return store.subscriptions(clientId);
    }

    // ---- outgoing messages

    /** A QoS 0 delivery: sent now if the client is online, never queued [the seed's QoS x cleanSession table]. */
    public void deliverNow(Delivery delivery) {
        if (ended || channel == null) {
            return;
        }
        if (!channel.isWritable() || !pendingQos0.isEmpty()) {
            // The client lags: hold QoS 0 in memory, bounded; the oldest go first when it stays behind.
            pendingQos0.addLast(delivery);
            pendingQos0Bytes += delivery.size();
            while (pendingQos0.size() > limits.maxQueued() || pendingQos0Bytes > limits.maxQueuedBytes()) {
                pendingQos0Bytes -= pendingQos0.pollFirst().size();
                stats.slowClientDropped.increment();
            }
            return;
        }
        if (send(delivery, 0, false)) {
            channel.flush();
        }
    }

    /** Queues (QoS 1/2) or sends (QoS 0) one delivery made for this session alone, such as a retained message. */
    public void deliver(Delivery delivery) {
        if (delivery.qos() == 0) {
            deliverNow(delivery);
        } else if (!ended) {
            store.enqueue(clientId, delivery, clock.millis());
            unsent = null; // this entry is not in the mirror: read the store until it is drained again
            queued();
        }
    }

    /**
     * The router queued {@code entry} for this session. It joins the in-memory mirror unless the store was read
     * since (the entry may have been sent or dropped from there before this notice arrived).
     */
    public void queued(Queued entry) {
        if (unsent != null && store.isQueued(clientId, entry.sequence())) {
            unsent.addLast(entry);
        }
        queued();
    }

    /** New entries were queued for this session: enforce the queue limits, then send what the window allows. */
    public void queued() {
        if (ended) {
            return;
        }
        while (store.queuedCount(clientId) > limits.maxQueued() || store.queuedBytes(clientId) > limits.maxQueuedBytes()) {
            Queued oldest = nextQueued();
            if (oldest == null) {
                break;
            }
            removeQueued(oldest);
            stats.queueOverflowDropped.increment();
            if (overflowLogged++ % 1000 == 0) {
                log.warn("Queue of {} is full ({} messages / {} bytes max): dropping the oldest, on topic {} ({} dropped so far)",
                        clientId, limits.maxQueued(), limits.maxQueuedBytes(), oldest.delivery().message().topic(), overflowLogged);
            }
        }
        drain();
    }

    /** Moves queued deliveries into flight while the client's window has room. */
    private void drain() {
        if (channel == null) {
            return;
        }
        int window = Math.min(limits.maxInflight(), channel.receiveMaximum());
        boolean wrote = false;
        while (!pendingQos0.isEmpty() && channel.isWritable()) {
            Delivery next = pendingQos0.pollFirst();
            pendingQos0Bytes -= next.size();
            wrote |= send(next, 0, false);
        }
        long now = clock.millis();
        while (inflight.size() < window && channel.isWritable()) {
            Queued next = nextQueued();
            if (next == null) {
                if (unsent == null) {
                    unsent = new ArrayDeque<>(); // drained: from now on the router's notices keep the mirror
                }
                break;
            }
            if (now - next.queuedAtMillis() > limits.offlineExpiryMillis()) {
                removeQueued(next);
                stats.expiredDropped.increment();
                continue;
            }
            int packetId = nextPacketId();
            if (!send(next.delivery(), packetId, store.maybeSentBefore(clientId, next))) {
                removeQueued(next); // not sendable to this client: completed [MQTT-3.1.2-25]
                continue;
            }
            Inflight sent = new Inflight(packetId, ++sendSequence, next.delivery(), false);
            store.moveToInflight(clientId, next.sequence(), sent);
            if (unsent != null) {
                unsent.pollFirst();
            }
            inflight.put(packetId, sent);
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    private Queued nextQueued() {
        return unsent != null ? unsent.peekFirst() : store.peekQueued(clientId);
    }

    /** Drops the entry {@link #nextQueued} returned. */
    private void removeQueued(Queued head) {
        if (unsent != null) {
            unsent.pollFirst();
        }
        store.deleteQueued(clientId, head.sequence());
    }

    private boolean send(Delivery delivery, int packetId, boolean dup) {
        if (delivery.message().isExpired(clock.millis())) {
            stats.expiredDropped.increment();
            return false;
        }
        if (!channel.sendPublish(delivery, packetId, dup)) {
            stats.oversizedDropped.increment();
            log.warn("Message on {} for {} exceeds its maximum packet size: not sent", delivery.message().topic(), clientId);
            return false;
        }
        stats.messagesSent.increment();
        return true;
    }

    private int nextPacketId() {
        int id = lastPacketId;
        do {
            id = id >= MAX_PACKET_ID ? 1 : id + 1;
        } while (inflight.containsKey(id));
        lastPacketId = id;
        return id;
    }

    /** PUBACK for QoS 1, or PUBCOMP for QoS 2: the delivery is complete. */
    public void completed(int packetId) {
        if (inflight.remove(packetId) == null) {
            log.debug("{} acknowledged unknown packet id {}", clientId, packetId);
            return;
        }
        store.deleteInflight(clientId, packetId);
        drain();
    }

    /** PUBREC: for a failure reason code the delivery ends here, otherwise PUBREL is sent. */
    public void received(int packetId, boolean failed) {
        if (failed) {
            completed(packetId);
            return;
        }
        Inflight i = inflight.get(packetId);
        if (i == null || i.released()) {
            return;
        }
        Inflight released = i.release();
        store.saveInflight(clientId, released);
        inflight.put(packetId, released);
        if (channel != null) {
            channel.sendPubRel(packetId);
            channel.flush();
        }
    }

    // ---- incoming QoS 2

    public boolean awaitsRelease(int packetId) {
        return store.hasIncomingQos2(clientId, packetId);
    }

    public boolean forgetIncomingQos2(int packetId) {
        boolean known = store.deleteIncomingQos2(clientId, packetId);
        if (known) {
            if (incomingQos2 > 0) {
                incomingQos2--;
            }
        }
        return known;
    }

    /** A QoS 2 PUBLISH was stored with its packet id, to await PUBREL. */
    public void acceptedIncomingQos2() {
        incomingQos2 = incomingQos2Count() + 1;
    }

    public int incomingQos2Count() {
        if (incomingQos2 < 0) {
            incomingQos2 = store.incomingQos2Count(clientId);
        }
        return incomingQos2;
    }

    // ---- connection lifecycle (driven by the registry)

    /** Binds the connection, resends what was in flight with DUP [MQTT-4.4.0-1], then drains the queue. */
    void attach(ClientChannel newChannel) {
        channel = newChannel;
        unsent = null;
        disconnectedAtMillis = 0;
        persist();
        List<Inflight> resend = new ArrayList<>(inflight.values());
        resend.sort(Comparator.comparingLong(Inflight::sequence));
        for (Inflight i : resend) {
            if (i.released()) {
                channel.sendPubRel(i.packetId());
            } else if (!send(i.delivery(), i.packetId(), true)) {
                store.deleteInflight(clientId, i.packetId());
                inflight.remove(i.packetId());
            }
        }
        channel.flush();
        drain();
    }

    void detach() {
        channel = null;
        unsent = null;
        stats.qos0DroppedOnDisconnect.add(pendingQos0.size()); // QoS 0 is never kept for an offline client
        pendingQos0.clear();
        pendingQos0Bytes = 0;
        disconnectedAtMillis = clock.millis();
        persist();
    }

    /**
     * Ends the session: subscriptions go; messages go too, except P2P messages whose senders asked for them
     * to be kept. Returns whether such messages remain, so the session lives on as their holder.
     */
    boolean end() {
        ended = !clear();
        return !ended;
    }

    /** Deletes the session's state except P2P messages kept for it; returns whether such messages remain. */
    boolean clear() {
        for (Subscription s : store.subscriptions(clientId)) {
            trie.remove(clientId, s.shareName(), s.filter());
        }
        List<Delivery> kept = new ArrayList<>();
        for (Inflight i : inflight.values()) {
            if (i.delivery().keptForP2p() && !i.released()) {
                kept.add(i.delivery());
            }
        }
        List<Queued> queued = new ArrayList<>();
        for (Queued q = store.peekQueued(clientId); q != null; q = store.peekQueued(clientId)) {
            store.deleteQueued(clientId, q.sequence());
            if (q.delivery().keptForP2p()) {
                queued.add(q);
            }
        }
        store.deleteSession(clientId);
        unsent = null;
        inflight.clear();
        incomingQos2 = 0;
        cancelTimers();
        long now = clock.millis();
        kept.forEach(d -> store.enqueue(clientId, d, now));
        PublishBatch requeue = new PublishBatch();
        // Under new sequences: a delete of an old one may still be on its way to the disk (write-behind).
        queued.forEach(q -> requeue.queue(clientId, new Queued(store.nextSequence(), q.queuedAtMillis(), q.delivery())));
        store.apply(requeue);
        return !(kept.isEmpty() && queued.isEmpty());
    }

    Will will() {
        return will;
    }

    void will(Will newWill) {
        if (newWill != will) {
            this.will = newWill;
            persist();
        }
    }

    void willTimer(ScheduledFuture<?> timer) {
        this.willTimer = timer;
    }

    void expiryTimer(ScheduledFuture<?> timer) {
        this.expiryTimer = timer;
    }

    void cancelWillTimer() {
        if (willTimer != null) {
            willTimer.cancel(false);
            willTimer = null;
        }
    }

    void cancelTimers() {
        cancelWillTimer();
        if (expiryTimer != null) {
            expiryTimer.cancel(false);
            expiryTimer = null;
        }
    }
}
