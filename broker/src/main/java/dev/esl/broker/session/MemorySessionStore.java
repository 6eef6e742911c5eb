package dev.esl.broker.session;

import dev.esl.broker.routing.subscription.Subscription;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** Sessions in memory: for tests, embedding, and brokers that may lose sessions on restart. */
public final class MemorySessionStore implements SessionStore {
    private final Map<String, State> states = new ConcurrentHashMap<>();

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
        state(clientId).subscriptions.put(subscription.key(), subscription);
    }

    @Override
    public void deleteSubscription(String clientId, String key) {
        state(clientId).subscriptions.remove(key);
    }

    @Override
    public List<Subscription> subscriptions(String clientId) {
        State s = states.get(clientId);
        return s == null ? List.of() : List.copyOf(s.subscriptions.values());
    }

    @Override
    public void enqueue(String clientId, Delivery delivery) {
        state(clientId).queue.addLast(delivery);
    }

    @Override
    public Delivery pollQueued(String clientId) {
        State s = states.get(clientId);
        return s == null ? null : s.queue.pollFirst();
    }

    @Override
    public int queuedCount(String clientId) {
        State s = states.get(clientId);
        return s == null ? 0 : s.queue.size();
    }

    @Override
    public void retainQueued(String clientId, Predicate<Delivery> keep) {
        State s = states.get(clientId);
        if (s != null) {
            s.queue.removeIf(keep.negate());
        }
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
    public boolean addIncomingQos2(String clientId, int packetId) {
        return state(clientId).incomingQos2.add(packetId);
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

    private static final class State {
        SessionRecord record;
        final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
        final ArrayDeque<Delivery> queue = new ArrayDeque<>();
        final Map<Integer, Inflight> inflight = new LinkedHashMap<>();
        final Set<Integer> incomingQos2 = new HashSet<>();

    }
}
