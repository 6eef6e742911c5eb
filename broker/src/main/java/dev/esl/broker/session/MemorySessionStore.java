package dev.esl.broker.session;

import dev.esl.broker.routing.subscription.Subscription;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Sessions in memory: for tests, embedding, and brokers that may lose sessions on restart. */
public final class MemorySessionStore implements SessionStore {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    private State state(String clientId) {
        return states.computeIfAbsent(clientId, k -> new State());
    }

    @Override
    public List<SessionRecord> sessions() {
        List<SessionRecord> result = new ArrayList<>();
        for (State s : states.values()) {
            if (s.record != null) {
                result.add(s.record);
            }
        }
        return result;
    }

    @Override
    public void saveSession(SessionRecord session) {
        state(session.clientId()).record = session;
    }

    @Override
    public void deleteSession(String clientId) {
        states.remove(clientId);
    }

    @Override
    public void saveSubscription(String clientId, Subscription subscription) {
        State s = state(clientId);
        synchronized (s.subscriptions) {
            s.subscriptions.put(subscription.key(), subscription);
        }
    }

    @Override
    public void deleteSubscription(String clientId, String key) {
        State s = state(clientId);
        synchronized (s.subscriptions) {
            s.subscriptions.remove(key);
        }
    }

    @Override
    public List<Subscription> subscriptions(String clientId) {
        State s = states.get(clientId);
        if (s == null) {
            return List.of();
        }
        synchronized (s.subscriptions) {
            return List.copyOf(s.subscriptions.values());
        }
    }

    @Override
    public long nextSequence() {
        return sequence.incrementAndGet();
    }

    @Override
    public CompletableFuture<Void> apply(PublishBatch batch) {
        for (PublishBatch.Entry e : batch.entries()) {
            State s = state(e.clientId());
            Queued replaced = s.queue.put(e.queued().sequence(), e.queued());
            s.queuedBytes.addAndGet(e.queued().delivery().size() - (replaced == null ? 0 : replaced.delivery().size()));
            if (replaced == null) {
                s.queuedCount.incrementAndGet();
            }
        }
        if (batch.qos2ClientId() != null) {
            state(batch.qos2ClientId()).incomingQos2.add(batch.qos2PacketId());
        }
        return DONE;
    }

    @Override
    public Queued peekQueued(String clientId) {
        State s = states.get(clientId);
        if (s == null) {
            return null;
        }
        Map.Entry<Long, Queued> first = s.queue.firstEntry();
        return first == null ? null : first.getValue();
    }

    @Override
    public void deleteQueued(String clientId, long seq) {
        State s = states.get(clientId);
        if (s != null) {
            Queued removed = s.queue.remove(seq);
            if (removed != null) {
                s.queuedBytes.addAndGet(-removed.delivery().size());
                s.queuedCount.decrementAndGet();
            }
        }
    }

    @Override
    public boolean isQueued(String clientId, long seq) {
        State s = states.get(clientId);
        return s != null && s.queue.containsKey(seq);
    }

    @Override
    public int queuedCount(String clientId) {
        State s = states.get(clientId);
        return s == null ? 0 : s.queuedCount.get();
    }

    @Override
    public long queuedBytes(String clientId) {
        State s = states.get(clientId);
        return s == null ? 0 : s.queuedBytes.get();
    }

    @Override
    public void moveToInflight(String clientId, long seq, Inflight inflight) {
        deleteQueued(clientId, seq);
        saveInflight(clientId, inflight);
    }

    @Override
    public void saveInflight(String clientId, Inflight inflight) {
        state(clientId).inflight.put(inflight.packetId(), inflight);
    }

    @Override
    public void deleteInflight(String clientId, int packetId) {
        State s = states.get(clientId);
        if (s != null) {
            s.inflight.remove(packetId);
        }
    }

    public boolean hasInflight(String clientId, int packetId) {
        State s = states.get(clientId);
        return s != null && s.inflight.containsKey(packetId);
    }

    @Override
    public List<Inflight> inflight(String clientId) {
        State s = states.get(clientId);
        if (s == null) {
            return List.of();
        }
        List<Inflight> list = new ArrayList<>(s.inflight.values());
        list.sort(Comparator.comparingLong(Inflight::sequence));
        return list;
    }

    @Override
    public boolean hasIncomingQos2(String clientId, int packetId) {
        State s = states.get(clientId);
        return s != null && s.incomingQos2.contains(packetId);
    }

    @Override
    public boolean deleteIncomingQos2(String clientId, int packetId) {
        State s = states.get(clientId);
        return s != null && s.incomingQos2.remove(packetId);
    }

    @Override
    public int incomingQos2Count(String clientId) {
        State s = states.get(clientId);
        return s == null ? 0 : s.incomingQos2.size();
    }

    @Override
    public CompletableFuture<Void> sync() {
        return DONE;
    }

    private static final class State {
        volatile SessionRecord record;
        final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
        final ConcurrentSkipListMap<Long, Queued> queue = new ConcurrentSkipListMap<>();
        final AtomicLong queuedBytes = new AtomicLong();
        /** Counted apart: a skip list's size() walks the whole list, and limits are checked per message. */
        final AtomicInteger queuedCount = new AtomicInteger();
        final Map<Integer, Inflight> inflight = new ConcurrentHashMap<>();
        final Set<Integer> incomingQos2 = ConcurrentHashMap.newKeySet();
    }
}
