package dev.esl.broker.routing.subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** The members of one shared subscription (share name + filter); each message goes to one of them. */
public final class SharedGroup {
    private final String shareName;
    private final Map<String, Subscription> members = new ConcurrentHashMap<>();
    private final AtomicInteger cursor = new AtomicInteger();

    SharedGroup(String shareName) {
        this.shareName = shareName;
    }

    public String shareName() {
        return shareName;
    }

    void put(Subscription s) {
        members.put(s.clientId(), s);
    }

    boolean remove(String clientId) {
        return members.remove(clientId) != null;
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    /**
     * Picks the next member in round-robin order, preferring members that {@code preferred} accepts
     * (online ones), so a message is queued for an offline member only when no member is online.
     */
    public Subscription pick(Predicate<String> preferred) {
        List<Subscription> all = new ArrayList<>(members.values());
        if (all.isEmpty()) {
            return null;
        }
        int start = Math.floorMod(cursor.getAndIncrement(), all.size());
        for (int i = 0; i < all.size(); i++) {
            Subscription candidate = all.get((start + i) % all.size());
            if (preferred.test(candidate.clientId())) {
                return candidate;
            }
        }
        return all.get(start);
    }
}
