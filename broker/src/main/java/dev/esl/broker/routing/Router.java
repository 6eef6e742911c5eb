package dev.esl.broker.routing;

import dev.esl.broker.routing.subscription.SharedGroup;
import dev.esl.broker.routing.subscription.Subscription;
import dev.esl.broker.routing.subscription.SubscriptionTrie;
import dev.esl.broker.session.Delivery;
import dev.esl.broker.session.Lanes;
import dev.esl.broker.session.PublishBatch;
import dev.esl.broker.session.Queued;
import dev.esl.broker.session.Session;
import dev.esl.broker.session.SessionLimits;
import dev.esl.broker.session.SessionRegistry;
import dev.esl.broker.session.SessionStore;
import dev.esl.broker.stats.BrokerStats;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes an accepted message to every session that should receive it: its P2P target alone, or each
 * matching subscriber once (at the highest QoS of its matching subscriptions) plus one member of each
 * matching shared group.
 *
 * <p>QoS 1/2 copies are put in every target's queue on the publisher's lane; the targets' lanes are then told
 * to send. The publisher is acknowledged once the store says every copy is safe: synced to disk, or already
 * acknowledged by an online target (write-behind), or at once when the store keeps it in memory only (clean
 * sessions; see the stores). QoS 0 copies go straight to online targets and are never stored.
 */
public final class Router {
    private static final Logger log = LoggerFactory.getLogger(Router.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final SubscriptionTrie trie;
    private final SessionRegistry registry;
    private final RetainedMessages retained;
    private final SessionStore store;
    private final Lanes lanes;
    private final BrokerStats stats;
    private final Clock clock;
    private final SessionLimits limits;

    public Router(SubscriptionTrie trie, SessionRegistry registry, RetainedMessages retained, SessionStore store,
                  BrokerStats stats, Clock clock, SessionLimits limits) {
        this.limits = limits;
        this.trie = trie;
        this.registry = registry;
        this.retained = retained;
        this.store = store;
        this.lanes = registry.lanes();
        this.stats = stats;
        this.clock = clock;
    }

    /**
     * @param senderPersistent whether the publisher's session outlives its connection: decides, as in the seed,
     *                         whether a P2P message is kept for an offline target
     * @param batch            store writes of the publisher to make together with the queue entries
     *                         (its QoS 2 packet ID), or an empty batch
     * @param mayRefuse        the publisher can be told a message was not accepted (MQTT 5 PUBACK/PUBREC
     *                         reason codes): then a P2P message to a full queue is refused with Quota
     *                         exceeded, instead of pushing the target's oldest message out
     */
    public Routed publish(Message message, boolean senderPersistent, PublishBatch batch, boolean mayRefuse) {
        stats.messagesReceived.increment();
        Map<String, Delivery> targets = new LinkedHashMap<>();
        boolean matched;
        Optional<P2pTopic> p2p = P2pTopic.parse(message.topic());
        if (p2p.isPresent()) {
            String target = p2p.get().targetClientId();
            if (mayRefuse && message.qos() > 0 && queueFull(target)) {
                stats.quotaRefused.increment();
                log.warn("Refused P2P message from {} to {}: its queue is full ({} messages)", message.publisherClientId(),
                        target, store.queuedCount(target));
                return new Routed(false, "queue of " + target + " is full", DONE);
            }
            matched = routeP2p(message, target, senderPersistent, targets);
        } else {
            if (message.retain()) {
                retained.store(message);
            }
            matched = match(message, targets);
        }
        long now = clock.millis();
        Map<String, Queued> queuedFor = new LinkedHashMap<>();
        for (Map.Entry<String, Delivery> t : targets.entrySet()) {
            Delivery d = t.getValue();
            if (d.qos() == 0) {
                lanes.run(t.getKey(), () -> {
                    Session s = registry.get(t.getKey());
                    if (s != null) {
                        s.deliverNow(d);
                    }
                });
            } else {
                Queued entry = new Queued(store.nextSequence(), now, d);
                batch.queue(t.getKey(), entry, registry.isOnline(t.getKey()));
                queuedFor.put(t.getKey(), entry);
            }
        }
        // A retained QoS 1/2 message is acknowledged once it is on disk, even when nobody receives it now.
        CompletableFuture<Void> retainedSynced = message.retain() && message.qos() > 0 && p2p.isEmpty() ? store.sync() : DONE;
        if (batch.isEmpty()) {
            return new Routed(matched, null, retainedSynced);
        }
        CompletableFuture<Void> queued = store.apply(batch);
        CompletableFuture<Void> durable = retainedSynced == DONE ? queued : CompletableFuture.allOf(queued, retainedSynced);
        if (message.qos() == 2) {
            // Exactly once: a copy sent before the store is synced could be sent again after a power loss, when
            // the publisher resends a message the broker no longer knows it routed.
            durable.whenComplete((synced, failure) -> tellTargets(queuedFor));
        } else {
            tellTargets(queuedFor);
        }
        return new Routed(matched, null, durable);
    }

    /** Each target's lane learns of its new queue entry (a P2P message kept for an absent client gets a holder). */
    private void tellTargets(Map<String, Queued> queued) {
        queued.forEach((clientId, entry) -> lanes.run(clientId, () -> {
            Session s = registry.get(clientId);
            if (s == null && entry.delivery().keptForP2p()) {
                s = registry.holderFor(clientId);
            }
            if (s != null) {
                s.queued(entry);
            }
        }));
    }

    private boolean queueFull(String clientId) {
        return store.queuedCount(clientId) >= limits.maxQueued() || store.queuedBytes(clientId) >= limits.maxQueuedBytes();
    }

    private boolean match(Message message, Map<String, Delivery> targets) {
        SubscriptionTrie.Matches matches = trie.match(message.topic());
        Map<String, Delivery> perClient = new LinkedHashMap<>();
        for (Subscription s : matches.subscriptions()) {
            if (s.noLocal() && s.clientId().equals(message.publisherClientId())) {
                continue; // [MQTT-3.8.3-3]
            }
            perClient.merge(s.clientId(), deliveryFor(message, s), Router::strongest);
        }
        for (SharedGroup group : matches.sharedGroups()) {
            Subscription s = group.pick(registry::isOnline);
            if (s != null) {
                perClient.merge(s.clientId(), deliveryFor(message, s), Router::strongest);
            }
        }
        // Only sessions that exist get a copy; one that just ended needs nothing.
        perClient.forEach((clientId, d) -> {
            if (registry.get(clientId) != null) {
                targets.put(clientId, d);
            }
        });
        return !perClient.isEmpty();
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

    private boolean routeP2p(Message message, String target, boolean senderPersistent, Map<String, Delivery> targets) {
        boolean keep = senderPersistent && message.qos() > 0;
        if (registry.isOnline(target) || keep) {
            targets.put(target, new Delivery(message, message.qos(), false, List.of(), keep));
            return true;
        }
        stats.p2pDropped.increment();
        log.info("P2P message from {} to offline {} dropped: the sender's session is clean or QoS is 0",
                message.publisherClientId(), target);
        return false;
    }

    /** Retained messages for a new subscription, flagged retained [MQTT-3.3.1-9]. */
    public List<Message> retainedFor(String filter, long nowMillis) {
        return retained.matching(filter, nowMillis);
    }
}
