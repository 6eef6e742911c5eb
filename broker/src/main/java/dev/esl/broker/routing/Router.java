package dev.esl.broker.routing;

import dev.esl.broker.routing.subscription.SharedGroup;
import dev.esl.broker.routing.subscription.Subscription;
import dev.esl.broker.routing.subscription.SubscriptionTrie;
import dev.esl.broker.session.Delivery;
import dev.esl.broker.session.Lanes;
import dev.esl.broker.session.Session;
import dev.esl.broker.session.SessionRegistry;
import dev.esl.broker.stats.BrokerStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes an accepted message to every session that should receive it: its P2P target alone, or each
 * matching subscriber once (at the highest QoS of its matching subscriptions) plus one member of each
 * matching shared group. Deliveries run on each target's lane.
 */
public final class Router {
    private static final Logger log = LoggerFactory.getLogger(Router.class);

    private final SubscriptionTrie trie;
    private final SessionRegistry registry;
    private final RetainedMessages retained;
    private final Lanes lanes;
    private final BrokerStats stats;

    public Router(SubscriptionTrie trie, SessionRegistry registry, RetainedMessages retained, BrokerStats stats) {
        this.trie = trie;
        this.registry = registry;
        this.retained = retained;
        this.lanes = registry.lanes();
        this.stats = stats;
    }

    /**
     * @param senderPersistent whether the publisher's session outlives its connection: decides, as in the seed,
     *                         whether a P2P message is kept for an offline target
     * @return whether anyone is to receive the message (MQTT 5 reason 0x10 otherwise)
     */
    public boolean publish(Message message, boolean senderPersistent) {
        stats.messagesReceived.increment();
        Optional<P2pTopic> p2p = P2pTopic.parse(message.topic());
        if (p2p.isPresent()) {
            return publishP2p(message, p2p.get().targetClientId(), senderPersistent);
        }
        if (message.retain()) {
            retained.store(message);
        }
        SubscriptionTrie.Matches matches = trie.match(message.topic());
        Map<String, Delivery> perClient = new LinkedHashMap<>();
        for (Subscription s : matches.subscriptions()) {
            if (s.noLocal() && s.clientId().equals(message.publisherClientId())) {
                continue; // [MQTT-3.8.3-3]
            }
            perClient.merge(s.clientId(), deliveryFor(message, s), Router::strongest);
        }
        List<Delivery> shared = new ArrayList<>();
        List<String> sharedTargets = new ArrayList<>();
        for (SharedGroup group : matches.sharedGroups()) {
            Subscription s = group.pick(registry::isOnline);
            if (s != null) {
                shared.add(deliveryFor(message, s));
                sharedTargets.add(s.clientId());
            }
        }
        perClient.forEach(this::deliver);
        for (int i = 0; i < shared.size(); i++) {
            deliver(sharedTargets.get(i), shared.get(i));
        }
        return !perClient.isEmpty() || !shared.isEmpty();
    }

    private static Delivery deliveryFor(Message m, Subscription s) {
        List<Integer> ids = s.subscriptionId() > 0 ? List.of(s.subscriptionId()) : List.of();
        return new Delivery(m, Math.min(m.qos(), s.qos()), s.retainAsPublished() && m.retain(), ids, false);
    }

    /** Overlapping subscriptions of one client: one copy, at the highest QoS, with all identifiers [MQTT-3.3.4-2]. */
    private static Delivery strongest(Delivery a, Delivery b) {
        List<Integer> ids = new ArrayList<>(a.subscriptionIds());
        ids.addAll(b.subscriptionIds());
        return new Delivery(a.message(), Math.max(a.qos(), b.qos()), a.retain() || b.retain(), ids, false);
    }

    private void deliver(String clientId, Delivery delivery) {
        lanes.run(clientId, () -> {
            Session session = registry.get(clientId);
            if (session != null) {
                session.deliver(delivery);
            }
        });
    }

    private boolean publishP2p(Message message, String target, boolean senderPersistent) {
        boolean keep = senderPersistent && message.qos() > 0;
        Delivery delivery = new Delivery(message, message.qos(), false, List.of(), keep);
        boolean online = registry.isOnline(target);
        lanes.run(target, () -> {
            Session session = registry.get(target);
            if (session != null && session.isOnline()) {
                session.deliver(delivery);
            } else if (keep) {
                registry.holderFor(target).deliver(delivery);
            } else {
                stats.p2pDropped.increment();
                log.info("P2P message from {} to offline {} dropped: the sender's session is clean or QoS is 0",
                        message.publisherClientId(), target);
            }
        });
        return online || keep;
    }

    /** Retained messages for a new subscription, flagged retained [MQTT-3.3.1-9]. */
    public List<Message> retainedFor(String filter, long nowMillis) {
        return retained.matching(filter, nowMillis);
    }
}
