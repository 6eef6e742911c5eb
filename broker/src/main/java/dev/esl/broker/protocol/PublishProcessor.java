package dev.esl.broker.protocol;

import dev.esl.broker.routing.Message;
import dev.esl.broker.routing.Routed;
import dev.esl.broker.session.PublishBatch;
import dev.esl.broker.session.Session;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Incoming PUBLISH and PUBREL on the publisher's lane: validate, route, acknowledge. */
final class PublishProcessor {
    private static final Logger log = LoggerFactory.getLogger(PublishProcessor.class);
    private static final byte NO_MATCHING_SUBSCRIBERS = 0x10;

    private final BrokerContext ctx;

    PublishProcessor(BrokerContext ctx) {
        this.ctx = ctx;
    }

    void publish(MqttConnection c, InboundPublish p) {
        Session session = c.session();
        String topic = resolveAlias(c, p);
        if (topic == null) {
            return;
        }
        Optional<String> problem = ctx.naming().checkTopicName(topic);
        if (problem.isPresent()) {
            refuseTopic(c, p, topic, problem.get());
            return;
        }
        if (p.qos() == 2 && session.awaitsRelease(p.packetId())) {
            // Redelivered before our PUBREC arrived: already routed once, so only acknowledge [MQTT-4.3.3-10].
            c.sendPubReply(MqttMessageType.PUBREC, p.packetId(), (byte) 0, null);
            return;
        }
        if (p.qos() == 2 && session.incomingQos2Count() >= ctx.config().receiveMaximum()) {
            fault(c, MqttReasonCodes.Disconnect.RECEIVE_MAXIMUM_EXCEEDED,
                    "more than " + ctx.config().receiveMaximum() + " QoS 2 messages awaiting PUBREL [MQTT-3.3.4-9]");
            return;
        }
        long expiry = c.isV5() ? V5Properties.unsigned(p.properties(), MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL, 0) : 0;
        Message message = new Message(topic, p.payload(), p.qos(), p.retain(),
                c.isV5() ? V5Properties.readPublish(p.properties()) : null, c.clientId(),
                expiry == 0 ? 0 : ctx.clock().millis() + expiry * 1000);
        PublishBatch batch = new PublishBatch();
        if (p.qos() == 2) {
            batch.incomingQos2(c.clientId(), p.packetId());
        }
        Routed routed = ctx.router().publish(message, session.isPersistent(), batch, c.isV5());
        if (p.qos() == 0) {
            return;
        }
        if (p.qos() == 2 && routed.refusal() == null) {
            session.acceptedIncomingQos2();
        }
        MqttMessageType ack = p.qos() == 1 ? MqttMessageType.PUBACK : MqttMessageType.PUBREC;
        if (routed.refusal() != null) {
            byte quota = MqttReasonCodes.PubAck.QUOTA_EXCEEDED.byteValue();
            c.acknowledgeWhen(routed.durable(), () -> c.sendPubReply(ack, p.packetId(), quota, routed.refusal()));
            return;
        }
        byte code = routed.matched() ? 0 : NO_MATCHING_SUBSCRIBERS;
        // Acknowledge only once the message is durable in every target's queue, in PUBLISH order [MQTT-4.6.0-2].
        c.acknowledgeWhen(routed.durable(), () -> c.sendPubReply(ack, p.packetId(), code, null));
    }

    void release(MqttConnection c, int packetId) {
        boolean known = c.session().forgetIncomingQos2(packetId);
        byte code = known ? 0 : MqttReasonCodes.PubComp.PACKET_IDENTIFIER_NOT_FOUND.byteValue();
        c.sendPubReply(MqttMessageType.PUBCOMP, packetId, code, known ? null : "packet id " + packetId + " not awaiting PUBREL");
    }

    /** MQTT 5 topic aliases [MQTT-3.3.2-12]: an alias with a topic sets it, an alias alone looks it up. */
    private String resolveAlias(MqttConnection c, InboundPublish p) {
        Integer alias = c.isV5() ? V5Properties.integer(p.properties(), MqttPropertyType.TOPIC_ALIAS) : null;
        if (alias == null) {
            if (p.topic().isEmpty()) {
                fault(c, MqttReasonCodes.Disconnect.PROTOCOL_ERROR, "PUBLISH without topic name or topic alias");
                return null;
            }
            return p.topic();
        }
        if (alias == 0 || alias > ctx.config().topicAliasMaximum()) {
            fault(c, MqttReasonCodes.Disconnect.TOPIC_ALIAS_INVALID,
                    "topic alias " + alias + " outside 1.." + ctx.config().topicAliasMaximum() + " [MQTT-3.3.2-9]");
            return null;
        }
        if (!p.topic().isEmpty()) {
            c.topicAliases().put(alias, p.topic());
            return p.topic();
        }
        String topic = c.topicAliases().get(alias);
        if (topic == null) {
            fault(c, MqttReasonCodes.Disconnect.PROTOCOL_ERROR, "topic alias " + alias + " was never set [MQTT-3.3.4-7]");
        }
        return topic;
    }

    /**
     * A topic the naming rules refuse. MQTT 5: the acknowledgement carries Topic Name invalid (0x90) and the
     * reason; QoS 0 has no acknowledgement, so the client is disconnected rather than losing the message
     * silently. MQTT 3.1.1 has no negative acknowledgement: disconnect.
     */
    private void refuseTopic(MqttConnection c, InboundPublish p, String topic, String reason) {
        log.warn("Refused PUBLISH of {} to '{}': {}", c.clientId(), topic, reason);
        byte invalid = MqttReasonCodes.PubAck.TOPIC_NAME_INVALID.byteValue();
        if (c.isV5() && p.qos() == 1) {
            c.sendPubReply(MqttMessageType.PUBACK, p.packetId(), invalid, reason);
        } else if (c.isV5() && p.qos() == 2) {
            c.sendPubReply(MqttMessageType.PUBREC, p.packetId(), invalid, reason);
        } else {
            c.disconnect(MqttReasonCodes.Disconnect.TOPIC_NAME_INVALID, reason);
        }
    }

    private void fault(MqttConnection c, MqttReasonCodes.Disconnect code, String reason) {
        ctx.stats().protocolErrors.increment();
        log.warn("Disconnecting {} at {}: {}", c.clientId(), c.remoteAddress(), reason);
        c.disconnect(code, reason);
    }
}
