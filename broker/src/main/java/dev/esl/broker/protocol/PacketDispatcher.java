package dev.esl.broker.protocol;

import dev.esl.broker.naming.NamingRules;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes each decoded packet from the event loop to the right processor on the client's lane, after the
 * checks that need no session: decoder failures, packets before CONNECT, a second CONNECT.
 */
public final class PacketDispatcher {
    private static final Logger log = LoggerFactory.getLogger(PacketDispatcher.class);

    private final BrokerContext ctx;
    private final NamingRules naming;
    private final ConnectProcessor connects;
    private final PublishProcessor publishes;
    private final SubscribeProcessor subscriptions;
    private final AckProcessor acks = new AckProcessor();

    public PacketDispatcher(BrokerContext ctx) {
        this.ctx = ctx;
        this.naming = ctx.naming();
        this.connects = new ConnectProcessor(ctx);
        this.publishes = new PublishProcessor(ctx);
        this.subscriptions = new SubscribeProcessor(ctx);
    }

    /** Called on the event loop with every decoded packet; releases nothing (the caller does). */
    public void dispatch(MqttConnection c, MqttMessage msg) {
        if (c.isFaulted()) {
            return; // closing after a fault: nothing more from this client counts
        }
        if (msg.decoderResult().isFailure()) {
            malformed(c, msg.decoderResult().cause());
            return;
        }
        long size = packetSize(msg);
        if (size > ctx.config().maxPacketSize()) {
            malformed(c, new TooLongFrameException("packet of " + size + " bytes"));
            return;
        }
        switch (msg.fixedHeader().messageType()) {
            case CONNECT -> connect(c, (MqttConnectMessage) msg);
            case PUBLISH -> whenConnected(c, msg, () -> {
                InboundPublish p = InboundPublish.of((MqttPublishMessage) msg);
                return illFormed(c, p.topic()) ? null : () -> publishes.publish(c, p);
            });
            case PUBREL -> whenConnected(c, msg, () -> {
                int id = packetId(msg);
                return () -> publishes.release(c, id);
            });
            case PUBACK -> whenConnected(c, msg, () -> {
                int id = packetId(msg);
                return () -> acks.pubAck(c, id);
            });
            case PUBREC -> whenConnected(c, msg, () -> {
                int id = packetId(msg);
                int reason = msg.variableHeader() instanceof MqttPubReplyMessageVariableHeader h ? h.reasonCode() & 0xFF : 0;
                return () -> acks.pubRec(c, id, reason);
            });
            case PUBCOMP -> whenConnected(c, msg, () -> {
                int id = packetId(msg);
                return () -> acks.pubComp(c, id);
            });
            case SUBSCRIBE -> whenConnected(c, msg, () -> {
                MqttSubscribeMessage s = (MqttSubscribeMessage) msg;
                if (s.payload().topicSubscriptions().isEmpty()) {
                    protocolViolation(c, "SUBSCRIBE without any topic filter [MQTT-3.8.3-2]");
                    return null;
                }
                boolean bad = s.payload().topicSubscriptions().stream().anyMatch(t -> illFormed(c, t.topicFilter()));
                return bad ? null : () -> subscriptions.subscribe(c, s);
            });
            case UNSUBSCRIBE -> whenConnected(c, msg, () -> {
                MqttUnsubscribeMessage u = (MqttUnsubscribeMessage) msg;
                if (u.payload().topics().isEmpty()) {
                    protocolViolation(c, "UNSUBSCRIBE without any topic filter [MQTT-3.10.3-2]");
                    return null;
                }
                boolean bad = u.payload().topics().stream().anyMatch(t -> illFormed(c, t));
                return bad ? null : () -> subscriptions.unsubscribe(c, u);
            });
            case PINGREQ -> whenConnected(c, msg, () -> c::sendPingResp);
            case DISCONNECT -> whenConnected(c, msg, () -> () -> disconnect(c, msg));
            case AUTH -> protocolViolation(c, "enhanced authentication (AUTH) is not supported");
            default -> protocolViolation(c, msg.fixedHeader().messageType() + " is a server-to-client packet");
        }
    }

    /**
     * The whole packet's size, fixed header included, which is what Maximum Packet Size limits
     * [MQTT-3.2.2-15]; the decoder only limits the remaining length.
     */
    private static long packetSize(MqttMessage msg) {
        int remaining = msg.fixedHeader().remainingLength();
        int lengthBytes = remaining < 128 ? 1 : remaining < 16_384 ? 2 : remaining < 2_097_152 ? 3 : 4;
        return 1L + lengthBytes + remaining;
    }

    private static int packetId(MqttMessage msg) {
        return ((MqttMessageIdVariableHeader) msg.variableHeader()).messageId();
    }

    private void connect(MqttConnection c, MqttConnectMessage msg) {
        if (c.connectReceived()) {
            protocolViolation(c, "second CONNECT on one connection [MQTT-3.1.0-2]");
            return;
        }
        c.markConnectReceived();
        MqttVersion version = MqttVersion.fromProtocolNameAndLevel(msg.variableHeader().name(), (byte) msg.variableHeader().version());
        if (version == MqttVersion.MQTT_3_1) {
            // Netty decodes MQTT 3.1 ("MQIsdp", level 3); we speak 3.1.1 and 5.0 only, as docs/broker.md says.
            ctx.stats().connectionsRefused.increment();
            log.warn("Refused connection from {}: MQTT 3.1 is not supported, only 3.1.1 and 5.0", c.remoteAddress());
            c.sendConnAck(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION, false, MqttProperties.NO_PROPERTIES);
            return;
        }
        c.version(version);
        String requested = msg.payload().clientIdentifier();
        // A 3.1.1 client may have an ID assigned only with a clean session [MQTT-3.1.3-8]; the refusal logs ''.
        boolean assign = requested.isEmpty() && naming.allowsEmptyClientId()
                && (c.isV5() || msg.variableHeader().isCleanSession());
        c.clientId(assign ? "auto-" + UUID.randomUUID() : requested);
        ctx.lanes().execute(c.clientId(), () -> connects.process(c, msg));
    }

    /**
     * Reads what the packet needs on the event loop, then runs the work on the client's lane once connected.
     * {@code work} returns null when it has already refused the packet.
     */
    private void whenConnected(MqttConnection c, MqttMessage msg, java.util.function.Supplier<Runnable> work) {
        if (!c.connectReceived()) {
            protocolViolation(c, msg.fixedHeader().messageType() + " before CONNECT [MQTT-3.1.0-1]");
            return;
        }
        Runnable task = work.get();
        if (task == null) {
            return;
        }
        // No check that the channel is still open: a PUBLISH followed at once by DISCONNECT and close
        // (mosquitto_pub does that) was accepted and must still be routed.
        ctx.lanes().execute(c.clientId(), () -> {
            if (c.isConnected() && !c.isFaulted()) {
                task.run();
            }
        });
    }

    private void disconnect(MqttConnection c, MqttMessage msg) {
        int reason = 0;
        MqttProperties props = MqttProperties.NO_PROPERTIES;
        if (msg.variableHeader() instanceof io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader h) {
            reason = h.reasonCode() & 0xFF;
            props = h.properties();
        }
        long expiry = V5Properties.unsigned(props, MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL, -1);
        if (expiry >= 0 && c.session() != null) {
            if (c.session().expirySeconds() == 0 && expiry > 0) {
                protocolViolation(c, "DISCONNECT may not set a Session Expiry Interval after CONNECT set 0 [MQTT-3.14.2-2]");
                return;
            }
            c.session().expirySeconds(Math.min(expiry, ctx.config().maxSessionExpirySeconds()));
        }
        c.publishWillOnClose(reason == MqttReasonCodes.Disconnect.DISCONNECT_WITH_WILL_MESSAGE.byteValue());
        log.debug("{} sent DISCONNECT (reason 0x{})", c.clientId(), Integer.toHexString(reason));
        c.channel().close();
    }

    /**
     * Ill-formed UTF-8 (which the decoder turns into U+FFFD) or U+0000 in a topic name or filter makes the
     * packet malformed [MQTT-1.5.4-1], [MQTT-1.5.4-2]: the connection is closed, whatever the QoS.
     */
    private boolean illFormed(MqttConnection c, String topic) {
        Optional<String> problem = NamingRules.checkEncoding(topic);
        problem.ifPresent(reason -> malformed(c, new DecoderException(reason)));
        return problem.isPresent();
    }

    private void malformed(MqttConnection c, Throwable cause) {
        ctx.stats().protocolErrors.increment();
        String who = c.clientId() == null ? "(before CONNECT)" : c.clientId();
        if (cause instanceof MqttUnacceptableProtocolVersionException) {
            log.warn("Refused connection from {}: {}", c.remoteAddress(), cause.getMessage());
            c.sendConnAck(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION, false, MqttProperties.NO_PROPERTIES);
            return;
        }
        boolean tooLong = cause instanceof TooLongFrameException;
        log.warn("Closing {} at {}: {} packet: {}", who, c.remoteAddress(), tooLong ? "oversized" : "malformed", cause.getMessage());
        closeForFault(c, tooLong ? MqttReasonCodes.Disconnect.PACKET_TOO_LARGE : MqttReasonCodes.Disconnect.MALFORMED_PACKET,
                tooLong ? "packet larger than the maximum of " + ctx.config().maxPacketSize() + " bytes" : "malformed packet: " + cause.getMessage());
    }

    private void protocolViolation(MqttConnection c, String reason) {
        ctx.stats().protocolErrors.increment();
        log.warn("Closing {} at {}: protocol error: {}", c.clientId() == null ? "(before CONNECT)" : c.clientId(), c.remoteAddress(), reason);
        closeForFault(c, MqttReasonCodes.Disconnect.PROTOCOL_ERROR, reason);
    }

    /**
     * Once a CONNECT has arrived, the fault is answered on the client's lane, after the work already queued
     * there: the CONNACK (and acknowledgements of earlier packets) go out before the DISCONNECT
     * [MQTT-3.2.0-1], even when the fault came right behind the CONNECT; after a refused CONNECT the socket
     * just closes. Nothing the client sends after the fault is processed.
     */
    private void closeForFault(MqttConnection c, MqttReasonCodes.Disconnect code, String reason) {
        c.markFaulted();
        if (c.connectReceived()) {
            ctx.lanes().execute(c.clientId(), () -> {
                if (c.isConnected()) {
                    c.disconnect(code, reason);
                } else {
                    c.channel().close();
                }
            });
            return;
        }
        c.disconnect(code, reason);
    }

    /** The socket drained below its low-water mark: send what waited. */
    public void writable(MqttConnection c) {
        if (c.isConnected()) {
            ctx.lanes().execute(c.clientId(), () -> {
                var session = c.currentSession();
                if (session != null) {
                    session.queued();
                }
            });
        }
    }

    /**
     * The client has not read anything for the slow-client timeout: it is disconnected so it holds no memory.
     * An MQTT 5 client is sent DISCONNECT with Quota exceeded, which it sees only if it reads again within a
     * second: the packet waits behind everything it did not read, and the connection closes regardless.
     */
    public void tooSlow(MqttConnection c) {
        ctx.stats().slowClientsDisconnected.increment();
        String reason = "read nothing for " + ctx.config().slowClientTimeoutSeconds() + " s while messages waited (slow consumer)";
        log.warn("Disconnecting {} at {}: it {}", c.clientId(), c.remoteAddress(), reason);
        c.disconnect(MqttReasonCodes.Disconnect.QUOTA_EXCEEDED, reason);
        c.channel().eventLoop().schedule(() -> c.channel().close(), 1, TimeUnit.SECONDS);
    }

    /** The connection is gone: the session layer decides about wills and expiry, on the lane. */
    public void closed(MqttConnection c) {
        if (!c.connectReceived() || c.clientId() == null) {
            return;
        }
        ctx.lanes().execute(c.clientId(), () -> {
            if (c.isConnected()) {
                ctx.registry().disconnected(c.clientId(), c, c.publishWillOnClose());
                log.info("{} disconnected from {}", c.clientId(), c.remoteAddress());
            }
        });
    }
}
