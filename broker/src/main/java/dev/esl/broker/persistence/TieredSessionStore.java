package dev.esl.broker.persistence;

import dev.esl.broker.routing.subscription.Subscription;
import dev.esl.broker.session.Inflight;
import dev.esl.broker.session.MemorySessionStore;
import dev.esl.broker.session.PublishBatch;
import dev.esl.broker.session.Queued;
import dev.esl.broker.session.SessionRecord;
import dev.esl.broker.session.SessionStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The durable broker's store: the messages of sessions that outlive their connection on disk, those of clean
 * sessions in memory.
 *
 * <p>A clean session ends with its connection, and a crash ends every connection: what it had queued or in
 * flight could never be delivered after a restart, so writing and syncing it would only slow the publisher's
 * acknowledgement. Session records and subscriptions stay on disk for every session (a restart still ends a
 * clean session properly and sends its will), as do P2P messages kept for their target whatever its session
 * (the seed's rule). A queue or in-flight set may thus span both tiers, for instance when a persistent
 * session is resumed as a clean one: reads merge them by sequence.
 */
public final class TieredSessionStore implements SessionStore {
    private final RocksSessionStore durable;
    private final MemorySessionStore memory = new MemorySessionStore();
    /** Client IDs whose stored session outlives its connection (or holds P2P messages for one). */
    private final Set<String> persistent = ConcurrentHashMap.newKeySet();

    public TieredSessionStore(RocksSessionStore durable) {
        this.durable = durable;
        for (SessionRecord r : durable.sessions()) {
            track(r);
        }
    }

    private void track(SessionRecord r) {
        if (r.expirySeconds() > 0 || r.holder()) {
            persistent.add(r.clientId());
        } else {
            persistent.remove(r.clientId());
        }
    }

    // ---- sessions and subscriptions: on disk for every session

    @Override
    public List<SessionRecord> sessions() {
        return durable.sessions();
    }

    @Override
    public void saveSession(SessionRecord session) {
        durable.saveSession(session);
        track(session);
    }

    @Override
    public void deleteSession(String clientId) {
        persistent.remove(clientId);
        memory.deleteSession(clientId);
        durable.deleteSession(clientId);
    }

    @Override
    public void saveSubscription(String clientId, Subscription subscription) {
        durable.saveSubscription(clientId, subscription);
    }

    @Override
    public void deleteSubscription(String clientId, String key) {
        durable.deleteSubscription(clientId, key);
    }

    @Override
    public List<Subscription> subscriptions(String clientId) {
        return durable.subscriptions(clientId);
    }

    // ---- queues

    @Override
    public long nextSequence() {
        return durable.nextSequence(); // one sequence for both tiers, so their queues merge in order
    }

    @Override
    public CompletableFuture<Void> apply(PublishBatch batch) {
        PublishBatch onDisk = new PublishBatch();
        PublishBatch inMemory = new PublishBatch();
        for (PublishBatch.Entry e : batch.entries()) {
            boolean keep = persistent.contains(e.clientId()) || e.queued().delivery().keptForP2p();
            (keep ? onDisk : inMemory).queue(e.clientId(), e.queued(), e.online());
        }
        if (batch.qos2ClientId() != null) {
            (persistent.contains(batch.qos2ClientId()) ? onDisk : inMemory)
                    .incomingQos2(batch.qos2ClientId(), batch.qos2PacketId());
        }
        memory.apply(inMemory);
        return durable.apply(onDisk);
    }

    @Override
    public Queued peekQueued(String clientId) {
        Queued inMemory = memory.peekQueued(clientId);
        Queued onDisk = durable.peekQueued(clientId);
        if (inMemory == null || onDisk == null) {
            return inMemory != null ? inMemory : onDisk;
        }
        return inMemory.sequence() < onDisk.sequence() ? inMemory : onDisk;
    }

    @Override
    public void deleteQueued(String clientId, long sequence) {
        if (memory.isQueued(clientId, sequence)) {
            memory.deleteQueued(clientId, sequence);
        } else {
            durable.deleteQueued(clientId, sequence);
        }
    }

    @Override
    public boolean isQueued(String clientId, long sequence) {
        return memory.isQueued(clientId, sequence) || durable.isQueued(clientId, sequence);
    }

    @Override
    public int queuedCount(String clientId) {
        return memory.queuedCount(clientId) + durable.queuedCount(clientId);
    }

    @Override
    public long queuedBytes(String clientId) {
        return memory.queuedBytes(clientId) + durable.queuedBytes(clientId);
    }

    @Override
    public boolean maybeSentBefore(String clientId, Queued entry) {
        return !memory.isQueued(clientId, entry.sequence()) && durable.maybeSentBefore(clientId, entry);
    }

    // ---- in flight: in the tier its queue entry came from

    @Override
    public void moveToInflight(String clientId, long sequence, Inflight inflight) {
        if (memory.isQueued(clientId, sequence)) {
            memory.moveToInflight(clientId, sequence, inflight);
        } else {
            durable.moveToInflight(clientId, sequence, inflight);
        }
    }

    @Override
    public void saveInflight(String clientId, Inflight inflight) {
        if (memory.hasInflight(clientId, inflight.packetId())) {
            memory.saveInflight(clientId, inflight);
        } else {
            durable.saveInflight(clientId, inflight);
        }
    }

    @Override
    public void deleteInflight(String clientId, int packetId) {
        if (memory.hasInflight(clientId, packetId)) {
            memory.deleteInflight(clientId, packetId);
        } else {
            durable.deleteInflight(clientId, packetId);
        }
    }

    @Override
    public List<Inflight> inflight(String clientId) {
        List<Inflight> all = new ArrayList<>(memory.inflight(clientId));
        all.addAll(durable.inflight(clientId));
        all.sort(Comparator.comparingLong(Inflight::sequence));
        return all;
    }

    // ---- incoming QoS 2

    @Override
    public boolean hasIncomingQos2(String clientId, int packetId) {
        return memory.hasIncomingQos2(clientId, packetId) || durable.hasIncomingQos2(clientId, packetId);
    }

    @Override
    public boolean deleteIncomingQos2(String clientId, int packetId) {
        return memory.deleteIncomingQos2(clientId, packetId) || durable.deleteIncomingQos2(clientId, packetId);
    }

    @Override
    public int incomingQos2Count(String clientId) {
        return memory.incomingQos2Count(clientId) + durable.incomingQos2Count(clientId);
    }

    @Override
    public CompletableFuture<Void> sync() {
        return durable.sync();
    }

    @Override
    public void close() {
        durable.close();
    }
}
