package dev.esl.broker.routing.subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Subscriptions indexed by topic level, so a publish visits only the branches its topic can match
 * (exact level, '+', '#') instead of scanning every subscription. Reads are lock-free; writers,
 * which are rare next to publishes, serialise on one lock so empty branches can be pruned safely.
 */
public final class SubscriptionTrie {
    private final Node root = new Node();
    private final Object writeLock = new Object();

    /** Adds or replaces the client's subscription to the same filter (and share name). */
    public void add(Subscription s) {
        synchronized (writeLock) {
            Node node = root;
            for (String level : s.filter().split("/", -1)) {
                node = node.children.computeIfAbsent(level, k -> new Node());
            }
            if (s.isShared()) {
                node.shared.computeIfAbsent(s.shareName(), SharedGroup::new).put(s);
            } else {
                node.subscribers.put(s.clientId(), s);
            }
        }
    }

    /** @return whether a subscription was removed */
    public boolean remove(String clientId, String shareName, String filter) {
        synchronized (writeLock) {
            String[] levels = filter.split("/", -1);
            List<Node> path = new ArrayList<>(levels.length + 1);
            Node node = root;
            path.add(node);
            for (String level : levels) {
                node = node.children.get(level);
                if (node == null) {
                    return false;
                }
                path.add(node);
            }
            boolean removed;
            if (shareName == null) {
                removed = node.subscribers.remove(clientId) != null;
            } else {
                SharedGroup group = node.shared.get(shareName);
                removed = group != null && group.remove(clientId);
                if (group != null && group.isEmpty()) {
                    node.shared.remove(shareName);
                }
            }
            prune(path, levels);
            return removed;
        }
    }

    private static void prune(List<Node> path, String[] levels) {
        for (int i = path.size() - 1; i > 0; i--) {
            if (!path.get(i).isEmpty()) {
                return;
            }
            path.get(i - 1).children.remove(levels[i - 1]);
        }
    }

    /** Every subscription whose filter matches {@code topic} [MQTT-4.7]; '$' topics skip leading wildcards [MQTT-4.7.2-1]. */
    public Matches match(String topic) {
        Matches matches = new Matches();
        String[] levels = topic.split("/", -1);
        match(root, levels, 0, topic.startsWith("$"), matches);
        return matches;
    }

    private static void match(Node node, String[] levels, int depth, boolean dollar, Matches out) {
        boolean wildcardsAllowed = !(depth == 0 && dollar);
        Node multi = node.children.get("#");
        if (multi != null && wildcardsAllowed) {
            out.add(multi); // "a/#" matches "a" as well as everything below it [MQTT-4.7.1-2]
        }
        if (depth == levels.length) {
            out.add(node);
            return;
        }
        Node single = node.children.get("+");
        if (single != null && wildcardsAllowed) {
            match(single, levels, depth + 1, dollar, out);
        }
        Node exact = node.children.get(levels[depth]);
        if (exact != null) {
            match(exact, levels, depth + 1, dollar, out);
        }
    }

    /** Whether the trie holds nothing: used by tests to check that pruning leaves no garbage. */
    public boolean isEmpty() {
        return root.isEmpty();
    }

    private static final class Node {
        final Map<String, Node> children = new ConcurrentHashMap<>();
        final Map<String, Subscription> subscribers = new ConcurrentHashMap<>();
        final Map<String, SharedGroup> shared = new ConcurrentHashMap<>();

        boolean isEmpty() {
            return children.isEmpty() && subscribers.isEmpty() && shared.isEmpty();
        }
    }

    /** The result of one match: ordinary subscriptions, and shared groups each of which takes one copy. */
    public static final class Matches {
        private final List<Subscription> subscriptions = new ArrayList<>();
        private final List<SharedGroup> sharedGroups = new ArrayList<>();

        private void add(Node node) {
            subscriptions.addAll(node.subscribers.values());
            sharedGroups.addAll(node.shared.values());
        }

        public List<Subscription> subscriptions() {
            return subscriptions;
        }

        public List<SharedGroup> sharedGroups() {
            return sharedGroups;
        }
    }
}
