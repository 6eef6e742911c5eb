package dev.esl.broker.persistence;

import dev.esl.broker.config.Durability;
import dev.esl.broker.persistence.RocksDatabase.Family;
import dev.esl.broker.routing.subscription.Subscription;
import dev.esl.broker.session.Inflight;
import dev.esl.broker.session.PublishBatch;
import dev.esl.broker.session.Queued;
import dev.esl.broker.session.SessionRecord;
import dev.esl.broker.session.SessionStore;
import dev.esl.broker.stats.BrokerStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions in RocksDB: everything a session holds survives a crash. Queue sizes, and which entries each queue
 * holds, are kept in memory (rebuilt by a scan at open), so limits are checked and a new entry's notice is
 * answered without reading the disk.
 *
 * <p>A QoS 1 delivery in flight stays in the queue on disk, marked in memory, until its PUBACK deletes it;
 * the deletes of many PUBACKs are written together just before the next sync, or within 10 ms. So a
 * QoS 1 delivery costs its share of one batch instead of three writes (queue to in-flight, then delete).
 * After a crash a delivery whose delete was not yet written is simply queued again and sent with DUP set,
 * under a new packet ID, which at-least-once allows. QoS 2 deliveries move to the in-flight records, whose
 * packet IDs a restart must keep.
 *
 * <p>With write-behind ({@link WriteBehind}), a QoS 1 copy for an online session is first only in memory, in
 * its queue's {@link QueueState}: peeks merge those copies with the disk's in sequence order, and the group
 * commit thread writes the ones not acknowledged in time.
 */
public final class RocksSessionStore implements SessionStore {
    private static final Logger log = LoggerFactory.getLogger(RocksSessionStore.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private static final int RANGE_DELETE_ABOVE = 1000;

    private final RocksDatabase database;
    private final GroupCommit groupCommit;
    private final Durability durability;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, QueueState> queues = new ConcurrentHashMap<>();
    /** Queue entries of acknowledged QoS 1 deliveries, to delete in the next batch. */
    private final Queue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
    final WriteBehind writeBehind;
    /**
     * One flush at a time: the deletes a flush writes must follow the puts of the copies it claimed (close's
     * flush could otherwise overlap a group commit thread that did not stop in time).
     */
    final Object flushLock = new Object();
    /** Every entry queued before this run may have been in flight when the last one stopped. */
    private final long lastSequenceOfPreviousRun;

    public RocksSessionStore(RocksDatabase database, Durability durability) {
        this(database, durability, Duration.ZERO, new BrokerStats());
    }

    /**
     * @param writeBehind how long a QoS 1 copy for an online session may stay in memory only, waiting for its
     *                    acknowledgement, before it is written ({@link WriteBehind}); zero writes every copy at
     *                    once. Only with {@link Durability#SYNC}: with {@code async} nothing waits for a sync.
     * @param stats       counts the copies held and written behind
     */
    public RocksSessionStore(RocksDatabase database, Durability durability, Duration writeBehind, BrokerStats stats) {
        this.database = database;
        this.durability = durability;
        this.writeBehind = new WriteBehind(durability == Durability.SYNC ? writeBehind : Duration.ZERO,
                stats.writeBehindHeld, stats.writeBehindWritten);
        this.groupCommit = new GroupCommit(() -> flush(true, false), () -> {
            try {
                flush(false, false);
            } catch (RocksDBException e) {
                throw new StoreFailureException("store write failed: " + e.getMessage(), e);
            }
        });
        rebuildQueueStates();
        lastSequenceOfPreviousRun = sequence.get();
    }

    private void rebuildQueueStates() {
        long[] entries = {0};
        scan(Family.QUEUE, null, (key, value) -> {
            Queued q = RecordCodec.decodeQueued(value);
            QueueState state = queue(Keys.clientOf(key));
            state.queued(q.sequence(), q.delivery().size());
            state.cursor = Math.min(state.cursor, q.sequence());
            sequence.accumulateAndGet(q.sequence(), Math::max);
            if (++entries[0] % 100_000 == 0) {
                log.info("Reading queued messages: {} so far", entries[0]);
            }
        });
        log.info("Store holds {} queued messages for {} sessions", entries[0], queues.size());
    }

    /** The client's queue state; a new one if the last was deleted with its session. */
    private QueueState queue(String clientId) {
        QueueState state = queues.get(clientId);
        return state != null && !state.deleted ? state
                : queues.compute(clientId, (k, v) -> v == null || v.deleted ? new QueueState() : v);
    }

    // ---- sessions and subscriptions

    @Override
    public List<SessionRecord> sessions() {
        List<SessionRecord> result = new ArrayList<>();
        scan(Family.SESSIONS, null, (key, value) -> result.add(RecordCodec.decodeSession(value)));
        return result;
    }

    @Override
    public void saveSession(SessionRecord session) {
        database.put(Family.SESSIONS, Keys.client(session.clientId()), RecordCodec.encode(session));
    }

    @Override
    public void deleteSession(String clientId) {
        // The copies held in memory first: one the flush writes after this point gets its delete queued here,
        // and one written before it is on disk for the scan below to find.
        QueueState state = queues.get(clientId);
        List<Unwritten> settled = new ArrayList<>();
        if (state != null) {
            synchronized (state) {
                state.deleted = true; // a copy held from now on goes to a new state, not to this one
                settled.addAll(state.unwritten.values());
                settled.addAll(state.unwrittenInFlight.values());
                settled.forEach(u -> forget(state, u));
                state.unwritten.clear();
                state.unwrittenInFlight.clear();
            }
        }
        settled.forEach(Unwritten::settle);
        byte[] from = Keys.prefix(clientId);
        byte[] to = Keys.upperBound(clientId);
        // Point deletes of the few records a session has: a range tombstone per ended session (every clean
        // session ends) piles up in the memtable and slows every later read. Only a long queue gets a range.
        boolean longQueue = queuedCount(clientId) > RANGE_DELETE_ABOVE;
        List<Record> doomed = new ArrayList<>();
        for (Family f : longQueue ? new Family[] {Family.SUBSCRIPTIONS, Family.INFLIGHT, Family.QOS2}
                : new Family[] {Family.SUBSCRIPTIONS, Family.INFLIGHT, Family.QOS2, Family.QUEUE}) {
            scan(f, clientId, (key, value) -> doomed.add(new Record(f, key)));
        }
        write(b -> {
            b.delete(database.family(Family.SESSIONS), Keys.client(clientId));
            for (Record r : doomed) {
                b.delete(database.family(r.family()), r.key());
            }
            if (longQueue) {
                b.deleteRange(database.family(Family.QUEUE), from, to);
            }
        });
        if (state != null) {
            queues.remove(clientId, state);
            synchronized (state) {
                state.sizes.clear();
                state.bytes = 0;
            }
        }
    }

    @Override
    public void saveSubscription(String clientId, Subscription subscription) {
        database.put(Family.SUBSCRIPTIONS, Keys.named(clientId, subscription.key()), RecordCodec.encode(subscription));
    }

    @Override
    public void deleteSubscription(String clientId, String key) {
        database.delete(Family.SUBSCRIPTIONS, Keys.named(clientId, key));
    }

    @Override
    public List<Subscription> subscriptions(String clientId) {
        List<Subscription> result = new ArrayList<>();
        scan(Family.SUBSCRIPTIONS, clientId, (key, value) -> result.add(RecordCodec.decodeSubscription(value)));
        return result;
    }

    // ---- queues

    @Override
    public long nextSequence() {
        return sequence.incrementAndGet();
    }

    @Override
    public CompletableFuture<Void> apply(PublishBatch batch) {
        List<PublishBatch.Entry> now = new ArrayList<>(batch.entries().size());
        List<PublishBatch.Entry> later = new ArrayList<>(batch.entries().size());
        for (PublishBatch.Entry e : batch.entries()) {
            // Not a copy of a QoS 2 message: its targets hear of it only once it is synced (exactly once). Nor a
            // P2P message kept for its target: when the target's session ends it is moved to a new queue entry,
            // and held, it would count as settled (its publisher acknowledged) before that entry is written.
            boolean hold = writeBehind.enabled() && e.online() && e.queued().delivery().qos() == 1
                    && e.queued().delivery().message().qos() == 1 && !e.queued().delivery().keptForP2p();
            (hold ? later : now).add(e);
        }
        CompletableFuture<Void> synced = now.isEmpty() && batch.qos2ClientId() == null ? DONE : writeNow(now, batch);
        if (later.isEmpty()) {
            return synced;
        }
        CompletableFuture<Void> settled = writeBehind.hold(later, this::queue);
        return synced == DONE ? settled : CompletableFuture.allOf(synced, settled);
    }

    /** Writes queue entries (and a QoS 2 packet ID) atomically; completes once synced. */
    private CompletableFuture<Void> writeNow(List<PublishBatch.Entry> entries, PublishBatch batch) {
        write(b -> {
            for (PublishBatch.Entry e : entries) {
                b.put(database.family(Family.QUEUE), Keys.queue(e.clientId(), e.queued().sequence()), RecordCodec.encode(e.queued()));
            }
            if (batch.qos2ClientId() != null) {
                b.put(database.family(Family.QOS2), Keys.packet(batch.qos2ClientId(), batch.qos2PacketId()), new byte[0]);
            }
        });
        for (PublishBatch.Entry e : entries) {
            QueueState state = queue(e.clientId());
            synchronized (state) {
                state.queued(e.queued().sequence(), e.queued().delivery().size());
                state.cursor = Math.min(state.cursor, e.queued().sequence());
            }
        }
        return sync();
    }

    @Override
    public Queued peekQueued(String clientId) {
        QueueState state = queues.get(clientId);
        if (state == null) {
            return null;
        }
        // The cursor skips the deleted head of the queue, so a long-drained queue does not make every peek
        // wade through its tombstones. Held under the state's lock so a concurrent apply can lower it.
        synchronized (state) {
            if (state.sizes.isEmpty()) {
                return null;
            }
            Map.Entry<Long, Unwritten> inMemory = state.unwritten.firstEntry();
            if (!state.mayHaveQueuedOnDisk()) {
                return inMemory.getValue().queued;
            }
            Queued onDisk = peekDisk(clientId, state);
            if (inMemory == null || (onDisk != null && onDisk.sequence() <= inMemory.getKey())) {
                return onDisk;
            }
            return inMemory.getValue().queued;
        }
    }

    /** The first queued entry on disk, skipping those in flight; under the state's monitor. */
    private Queued peekDisk(String clientId, QueueState state) {
        try (Slice upper = new Slice(Keys.upperBound(clientId));
             ReadOptions options = new ReadOptions().setIterateUpperBound(upper);
             RocksIterator it = database.db().newIterator(database.family(Family.QUEUE), options)) {
            it.seek(Keys.queue(clientId, state.cursor == Long.MAX_VALUE ? 0 : state.cursor));
            while (it.isValid() && state.heldSequences.contains(Keys.sequenceOf(it.key()))) {
                it.next();
            }
            if (!it.isValid()) {
                return null;
            }
            state.cursor = Keys.sequenceOf(it.key());
            return RecordCodec.decodeQueued(it.value());
        }
    }

    @Override
    public void deleteQueued(String clientId, long seq) {
        QueueState state = queues.get(clientId);
        if (state == null) {
            return;
        }
        Unwritten u;
        synchronized (state) {
            if (state.dequeued(seq) < 0) {
                return; // in flight (its acknowledgement deletes it) or gone
            }
            u = state.unwritten.remove(seq);
            if (u != null) {
                forget(state, u);
            }
        }
        if (u != null) {
            u.settle(); // outside the monitor: settling may acknowledge the publisher
        } else {
            database.delete(Family.QUEUE, Keys.queue(clientId, seq));
        }
    }

    /**
     * A copy held in memory is no longer needed (acknowledged, dropped, or its session deleted). If the flush is
     * writing it right now, its delete follows that write and peeks of the disk skip it meanwhile. Under the
     * state's monitor, after taking it out of the state's maps; the caller settles it once out of the monitor.
     */
    private void forget(QueueState state, Unwritten u) {
        if (u.writing) {
            state.heldSequences.add(u.sequence());
            acknowledged.add(new Acknowledged(u.clientId, u.sequence()));
        }
    }

    /** Answered from memory: the queue's entries are indexed there, so a notice of a new entry reads no disk. */
    @Override
    public boolean isQueued(String clientId, long seq) {
        QueueState state = queues.get(clientId);
        if (state == null) {
            return false;
        }
        synchronized (state) {
            return state.sizes.containsKey(seq);
        }
    }

    @Override
    public boolean maybeSentBefore(String clientId, Queued entry) {
        return entry.delivery().qos() == 1 && entry.sequence() <= lastSequenceOfPreviousRun;
    }

    /** Takes an entry out of the in-memory index; false if it was not queued. */
    private boolean dequeued(String clientId, long seq) {
        QueueState state = queues.get(clientId);
        if (state == null) {
            return false;
        }
        synchronized (state) {
            return state.dequeued(seq) >= 0;
        }
    }

    @Override
    public int queuedCount(String clientId) {
        QueueState state = queues.get(clientId);
        if (state == null) {
            return 0;
        }
        synchronized (state) {
            return state.sizes.size();
        }
    }

    @Override
    public long queuedBytes(String clientId) {
        QueueState state = queues.get(clientId);
        if (state == null) {
            return 0;
        }
        synchronized (state) {
            return state.bytes;
        }
    }

    // ---- in flight

    @Override
    public void moveToInflight(String clientId, long seq, Inflight inflight) {
        if (inflight.delivery().qos() == 1) {
            QueueState state = queue(clientId);
            synchronized (state) {
                state.heldByPacketId.put(inflight.packetId(), seq);
                state.dequeued(seq);
                Unwritten u = state.unwritten.remove(seq);
                if (u == null || u.writing) {
                    state.heldSequences.add(seq); // on disk, or about to be: peeks of the disk skip it
                }
                if (u != null) {
                    state.unwrittenInFlight.put(seq, u);
                }
            }
            return;
        }
        // The entry was just peeked on the client's lane, the only place its queue entries are deleted: it exists.
        byte[] key = Keys.queue(clientId, seq);
        write(b -> {
            b.delete(database.family(Family.QUEUE), key);
            b.put(database.family(Family.INFLIGHT), Keys.packet(clientId, inflight.packetId()), RecordCodec.encode(inflight));
        });
        dequeued(clientId, seq);
    }

    @Override
    public void saveInflight(String clientId, Inflight inflight) {
        database.put(Family.INFLIGHT, Keys.packet(clientId, inflight.packetId()), RecordCodec.encode(inflight));
    }

    @Override
    public void deleteInflight(String clientId, int packetId) {
        QueueState state = queues.get(clientId);
        Long held = null;
        Unwritten u = null;
        if (state != null) {
            synchronized (state) {
                held = state.heldByPacketId.remove(packetId);
                u = held == null ? null : state.unwrittenInFlight.remove(held);
                if (u != null) {
                    forget(state, u); // never written, or its delete follows the write under way
                }
            }
        }
        if (u != null) {
            u.settle();
        } else if (held != null) {
            acknowledged.add(new Acknowledged(clientId, held)); // still hidden from peeks until deleted
        } else {
            database.delete(Family.INFLIGHT, Keys.packet(clientId, packetId));
        }
    }

    /**
     * The in-flight records on disk. QoS 1 deliveries held in the queue are not among them: asked for by a new
     * session object, they go back to being queued (sent again) rather than be lost from sight.
     */
    @Override
    public List<Inflight> inflight(String clientId) {
        QueueState state = queues.get(clientId);
        if (state != null) {
            synchronized (state) {
                Collection<Long> inFlight = state.heldByPacketId.values();
                if (!inFlight.isEmpty()) {
                    for (long seq : inFlight) {
                        Unwritten u = state.unwrittenInFlight.remove(seq);
                        if (u != null) {
                            state.unwritten.put(seq, u);
                        }
                        state.queued(seq, u != null ? u.queued.delivery().size() : heldSize(clientId, seq));
                    }
                    state.cursor = Math.min(state.cursor, Collections.min(inFlight));
                    state.heldSequences.removeAll(inFlight);
                    state.heldByPacketId.clear();
                }
            }
        }
        List<Inflight> result = new ArrayList<>();
        scan(Family.INFLIGHT, clientId, (key, value) -> result.add(RecordCodec.decodeInflight(value)));
        result.sort(Comparator.comparingLong(Inflight::sequence));
        return result;
    }

    // ---- incoming QoS 2

    @Override
    public boolean hasIncomingQos2(String clientId, int packetId) {
        return database.get(Family.QOS2, Keys.packet(clientId, packetId)) != null;
    }

    @Override
    public boolean deleteIncomingQos2(String clientId, int packetId) {
        if (!hasIncomingQos2(clientId, packetId)) {
            return false;
        }
        database.delete(Family.QOS2, Keys.packet(clientId, packetId));
        return true;
    }

    @Override
    public int incomingQos2Count(String clientId) {
        int[] count = {0};
        scan(Family.QOS2, clientId, (key, value) -> count[0]++);
        return count[0];
    }

    @Override
    public CompletableFuture<Void> sync() {
        return durability == Durability.SYNC ? groupCommit.request() : DONE;
    }

    /** Syncs asked for so far (each shared by the writes of many publishers). */
    long syncRequests() {
        return groupCommit.requests();
    }

    /**
     * On the group commit's thread: writes the held copies past their deadline (all of them at close), then the
     * deletes of acknowledged deliveries (after, so a delete of a copy being written follows its put), then
     * syncs if asked or if copies were written, and settles those copies.
     */
    private void flush(boolean sync, boolean allHeld) throws RocksDBException {
        synchronized (flushLock) {
            writeClaimed(writeBehind.claimOverdue(allHeld), sync);
        }
    }

    /** Under {@link #flushLock}. */
    void writeClaimed(List<Unwritten> claimed, boolean sync) throws RocksDBException {
        try {
            if (!claimed.isEmpty()) {
                write(b -> {
                    for (Unwritten u : claimed) {
                        b.put(database.family(Family.QUEUE), Keys.queue(u.clientId, u.sequence()), RecordCodec.encode(u.queued));
                    }
                });
                writeBehind.written(claimed);
            }
            deleteAcknowledged();
            if (sync || !claimed.isEmpty()) {
                database.syncWal();
            }
        } catch (RocksDBException | RuntimeException e) {
            // Their publishers are disconnected without a PUBACK (and will resend); the copies stay queued, and the
            // next flush writes them, so a subscriber may get such a message twice, which QoS 1 allows.
            claimed.forEach(u -> u.fail(e));
            writeBehind.unclaim(claimed);
            throw e;
        }
        claimed.forEach(Unwritten::settle);
    }

    /** Writes the deletes of acknowledged QoS 1 deliveries in one batch; on the group commit's thread. */
    private void deleteAcknowledged() {
        if (acknowledged.isEmpty()) {
            return;
        }
        List<Acknowledged> deleted = new ArrayList<>();
        write(b -> {
            for (Acknowledged a = acknowledged.poll(); a != null; a = acknowledged.poll()) {
                b.delete(database.family(Family.QUEUE), Keys.queue(a.clientId(), a.sequence()));
                deleted.add(a);
            }
        });
        for (Acknowledged a : deleted) {
            QueueState state = queues.get(a.clientId());
            if (state != null) {
                synchronized (state) {
                    state.heldSequences.remove(a.sequence());
                }
            }
        }
    }

    @Override
    public void close() {
        groupCommit.close();
        try {
            flush(durability == Durability.SYNC, true); // every copy still held goes to disk
        } catch (RocksDBException | RuntimeException e) {
            log.error("Could not write the messages held in memory at close: {}", e.getMessage());
        }
        if (writeBehind.enabled()) {
            log.info(writeBehind.summary());
        }
    }

    // ---- helpers

    private interface BatchWriter {
        void fill(WriteBatch batch) throws RocksDBException;
    }

    private void write(BatchWriter writer) {
        try (WriteBatch batch = new WriteBatch()) {
            writer.fill(batch);
            database.write(batch);
        } catch (RocksDBException e) {
            throw new StoreFailureException("store write failed: " + e.getMessage(), e);
        }
    }

    /** Visits a family's records, of one client or (clientId null) all. */
    private void scan(Family family, String clientId, java.util.function.BiConsumer<byte[], byte[]> visitor) {
        try (Slice upper = clientId == null ? null : new Slice(Keys.upperBound(clientId));
             ReadOptions options = new ReadOptions()) {
            if (upper != null) {
                options.setIterateUpperBound(upper);
            }
            try (RocksIterator it = database.db().newIterator(database.family(family), options)) {
                if (clientId == null) {
                    it.seekToFirst();
                } else {
                    it.seek(Keys.prefix(clientId));
                }
                for (; it.isValid(); it.next()) {
                    visitor.accept(it.key(), it.value());
                }
            }
        }
    }

    private int heldSize(String clientId, long seq) {
        byte[] value = database.get(Family.QUEUE, Keys.queue(clientId, seq));
        return value == null ? 0 : RecordCodec.decodeQueued(value).delivery().size();
    }

    private record Record(Family family, byte[] key) {
    }

    private record Acknowledged(String clientId, long sequence) {
    }
}
