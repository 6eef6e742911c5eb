package dev.esl.broker.protocol;

import dev.esl.broker.routing.Message;
import dev.esl.broker.routing.subscription.SharedFilter;
import dev.esl.broker.routing.subscription.Subscription;
import dev.esl.broker.session.Delivery;
import dev.esl.broker.session.Session;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SUBSCRIBE and UNSUBSCRIBE on the client's lane. */
final class SubscribeProcessor {
    private static final Logger log = LoggerFactory.getLogger(SubscribeProcessor.class);
    private static final int V3_FAILURE = 0x80;

    private final BrokerContext ctx;

    SubscribeProcessor(BrokerContext ctx) {
        this.ctx = ctx;
    }

    void subscribe(MqttConnection c, MqttSubscribeMessage msg) {
        Session session = c.session();
        List<Integer> ids = V5Properties.integers(msg.idAndPropertiesVariableHeader().properties(), MqttPropertyType.SUBSCRIPTION_IDENTIFIER);
        int subscriptionId = ids.isEmpty() ? 0 : ids.get(0);
        List<Integer> codes = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        List<Runnable> retainedSends = new ArrayList<>();
        int count = session.subscriptions().size();
        for (MqttTopicSubscription request : msg.payload().topicSubscriptions()) {
            String raw = request.topicFilter();
            Refusal refusal = check(c, raw, request.option());
            if (refusal == null && !alreadySubscribed(session, raw) && count >= ctx.config().maxSubscriptionsPerClient()) {
                refusal = new Refusal(MqttReasonCodes.SubAck.QUOTA_EXCEEDED,
                        "at most " + ctx.config().maxSubscriptionsPerClient() + " subscriptions per client");
            }
            if (refusal != null) {
                log.warn("Refused subscription of {} to '{}': {}", c.clientId(), raw, refusal.reason());
                codes.add(c.isV5() ? refusal.code().byteValue() & 0xFF : V3_FAILURE);
                reasons.add(raw + ": " + refusal.reason());
                continue;
            }
            Subscription s = toSubscription(c, raw, request.option(), subscriptionId);
            boolean isNew = session.subscribe(s);
            if (isNew) {
                count++;
            }
            codes.add(s.qos());
            if (sendsRetained(s, isNew)) {
                retainedSends.add(() -> sendRetained(session, s));
            }
        }
        c.sendSubAck(msg.idAndPropertiesVariableHeader().messageId(), codes,
                reasons.isEmpty() ? null : String.join("; ", reasons));
        retainedSends.forEach(Runnable::run);
    }

    private Refusal check(MqttConnection c, String raw, MqttSubscriptionOption option) {
        String filter = raw;
        try {
            Optional<SharedFilter> shared = SharedFilter.parse(raw);
            if (shared.isPresent()) {
                if (option.isNoLocal()) {
                    return new Refusal(MqttReasonCodes.SubAck.TOPIC_FILTER_INVALID,
                            "No Local cannot be set on a shared subscription [MQTT-3.8.3-4]");
                }
                filter = shared.get().filter();
            }
        } catch (IllegalArgumentException e) {
            return new Refusal(MqttReasonCodes.SubAck.TOPIC_FILTER_INVALID, e.getMessage());
        }
        Optional<String> problem = ctx.naming().checkTopicFilter(filter);
        return problem.map(reason -> new Refusal(MqttReasonCodes.SubAck.TOPIC_FILTER_INVALID, reason)).orElse(null);
    }

    private static boolean alreadySubscribed(Session session, String raw) {
        return session.subscriptions().stream().anyMatch(s -> s.key().equals(raw));
    }

    private static Subscription toSubscription(MqttConnection c, String raw, MqttSubscriptionOption o, int subscriptionId) {
        Optional<SharedFilter> shared = SharedFilter.parse(raw);
        String filter = shared.map(SharedFilter::filter).orElse(raw);
        String shareName = shared.map(SharedFilter::shareName).orElse(null);
        int qos = Math.min(2, o.qos().value());
        if (!c.isV5()) {
            return new Subscription(c.clientId(), shareName, filter, qos, false, false, 0, 0);
        }
        return new Subscription(c.clientId(), shareName, filter, qos, o.isNoLocal(), o.isRetainAsPublished(),
                o.retainHandling().value(), subscriptionId);
    }

    /** Retain Handling 0 always, 1 only for a new subscription, 2 never; never for shared ones [MQTT-3.8.4-4]. */
    private static boolean sendsRetained(Subscription s, boolean isNew) {
        return !s.isShared() && (s.retainHandling() == 0 || (s.retainHandling() == 1 && isNew));
    }

    private void sendRetained(Session session, Subscription s) {
        List<Integer> ids = s.subscriptionId() > 0 ? List.of(s.subscriptionId()) : List.of();
        for (Message m : ctx.router().retainedFor(s.filter(), ctx.clock().millis())) {
            session.deliver(new Delivery(m, Math.min(m.qos(), s.qos()), true, ids, false));
        }
    }

    void unsubscribe(MqttConnection c, MqttUnsubscribeMessage msg) {
        List<Short> codes = new ArrayList<>();
        for (String raw : msg.payload().topics()) {
            boolean existed;
            try {
                Optional<SharedFilter> shared = SharedFilter.parse(raw);
                existed = c.session().unsubscribe(shared.map(SharedFilter::shareName).orElse(null),
                        shared.map(SharedFilter::filter).orElse(raw));
            } catch (IllegalArgumentException e) {
                codes.add((short) (MqttReasonCodes.UnsubAck.TOPIC_FILTER_INVALID.byteValue() & 0xFF));
                continue;
            }
            codes.add((short) (existed ? 0 : MqttReasonCodes.UnsubAck.NO_SUBSCRIPTION_EXISTED.byteValue() & 0xFF));
        }
        c.sendUnsubAck(msg.idAndPropertiesVariableHeader().messageId(), codes);
    }

    private record Refusal(MqttReasonCodes.SubAck code, String reason) {
    }
}
