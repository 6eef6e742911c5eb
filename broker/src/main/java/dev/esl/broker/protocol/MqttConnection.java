package dev.esl.broker.protocol;

import dev.esl.broker.routing.Message;
import dev.esl.broker.session.ClientChannel;
import dev.esl.broker.session.Delivery;
import dev.esl.broker.session.Session;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckPayload;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: what its CONNECT negotiated, and how to write each packet in that client's MQTT
 * version. Fields written at CONNECT on the event loop are volatile; the rest belong to the client's lane.
 */
public final class MqttConnection implements ClientChannel {
    public static final AttributeKey<MqttConnection> KEY = AttributeKey.valueOf("esl.mqtt.connection");
    private static final Logger log = LoggerFactory.getLogger(MqttConnection.class);

    private final Channel channel;
    private final Clock clock;
    private final java.util.function.IntConsumer keepAliveEnforcer;
    private volatile MqttVersion version = MqttVersion.MQTT_3_1_1;
    private volatile String clientId;
    private volatile boolean connectReceived;
    private volatile boolean connected;
    private volatile boolean publishWillOnClose = true;
    private volatile boolean faulted;
    private Session session;
    private int clientReceiveMaximum = 65_535;
    private long clientMaximumPacketSize = Long.MAX_VALUE;
    private boolean problemInformation = true;
    private final Map<Integer, String> topicAliases = new HashMap<>();
    private CompletableFuture<Void> acknowledgements = CompletableFuture.completedFuture(null);

    /** @param keepAliveEnforcer installs the read timeout for a keep-alive in seconds (0: none) */
    public MqttConnection(Channel channel, Clock clock, java.util.function.IntConsumer keepAliveEnforcer) {
        this.channel = channel;
        this.clock = clock;
        this.keepAliveEnforcer = keepAliveEnforcer;
    }

    void enforceKeepAlive(int seconds) {
        keepAliveEnforcer.accept(seconds);
    }

    // ---- state

    public boolean isV5() {
        return version == MqttVersion.MQTT_5;
    }

    void version(MqttVersion v) {
        this.version = v;
    }

    public String clientId() {
        return clientId;
    }

    void clientId(String id) {
        this.clientId = id;
    }

    /** Set on the event loop when the first CONNECT arrives, before it is processed on the lane. */
    public boolean connectReceived() {
        return connectReceived;
    }

    void markConnectReceived() {
        connectReceived = true;
    }

    public boolean isConnected() {
        return connected;
    }

    void connected(Session s) {
        this.session = s;
        this.connected = true;
    }

    /** The session, while this connection is the one attached to it (not taken over). */
    Session currentSession() {
        return session != null && session.isAttachedTo(this) ? session : null;
    }

    Session session() {
        return session;
    }

    /** Set on the event loop when a fault of the client is found: the connection is closing. */
    boolean isFaulted() {
        return faulted;
    }

    void markFaulted() {
        faulted = true;
    }

    public boolean publishWillOnClose() {
        return publishWillOnClose;
    }

    void publishWillOnClose(boolean flag) {
        this.publishWillOnClose = flag;
    }

    void limits(int receiveMaximum, long maximumPacketSize, boolean problemInfo) {
        this.clientReceiveMaximum = receiveMaximum;
        this.clientMaximumPacketSize = maximumPacketSize;
        this.problemInformation = problemInfo;
    }

    Map<Integer, String> topicAliases() {
        return topicAliases;
    }

    public Channel channel() {
        return channel;
    }

    @Override
    public String remoteAddress() {
        return String.valueOf(channel.remoteAddress());
    }

    @Override
    public int receiveMaximum() {
        return clientReceiveMaximum;
    }

    /** Reason strings on acknowledgements only when the client did not turn problem information off. */
    private MqttProperties reason(String reason) {
        return V5Properties.reasonString(problemInformation ? reason : null);
    }

    // ---- outgoing packets

    void sendConnAck(MqttConnectReturnCode code, boolean sessionPresent, MqttProperties properties) {
        MqttConnAckMessage ack = MqttMessageBuilders.connAck().returnCode(code).sessionPresent(sessionPresent)
                .properties(isV5() ? properties : MqttProperties.NO_PROPERTIES).build();
        if (code == MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            channel.writeAndFlush(ack);
        } else {
            channel.writeAndFlush(ack).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public boolean sendPublish(Delivery delivery, int packetId, boolean dup) {
        Message m = delivery.message();
        MqttProperties props = MqttProperties.NO_PROPERTIES;
        if (isV5()) {
            props = new MqttProperties();
            V5Properties.writePublish(props, m.properties());
            if (m.expiresAtMillis() > 0) {
                props.add(new MqttProperties.IntegerProperty(MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value(),
                        (int) m.remainingExpirySeconds(clock.millis())));
            }
            for (int id : delivery.subscriptionIds()) {
                props.add(new MqttProperties.IntegerProperty(MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value(), id));
            }
            if (estimatedSize(m) > clientMaximumPacketSize) {
                return false;
            }
        }
        MqttFixedHeader header = new MqttFixedHeader(MqttMessageType.PUBLISH, dup,
                MqttQoS.valueOf(delivery.qos()), delivery.retain(), 0);
        channel.write(new MqttPublishMessage(header, new MqttPublishVariableHeader(m.topic(), packetId, props),
                Unpooled.wrappedBuffer(m.payload())));
        return true;
    }

    /** An upper bound of the encoded PUBLISH size, to respect the client's Maximum Packet Size [MQTT-3.1.2-24]. */
    private static long estimatedSize(Message m) {
        PublishPropertiesSize sizes = new PublishPropertiesSize(m);
        return 5 + 2 + m.topic().getBytes(StandardCharsets.UTF_8).length + 2 + sizes.total() + m.payload().length;
    }

    @Override
    public void sendPubRel(int packetId) {
        channel.write(new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBREL, false, MqttQoS.AT_LEAST_ONCE, false, 0),
                MqttMessageIdVariableHeader.from(packetId)));
    }

    /**
     * Runs {@code ack} once {@code durable} completes and every earlier acknowledgement was sent, so
     * acknowledgements keep PUBLISH order. If the store fails, nothing more is acknowledged and the client is
     * disconnected: it will send the unacknowledged messages again.
     */
    void acknowledgeWhen(CompletableFuture<Void> durable, Runnable ack) {
        acknowledgements = acknowledgements.thenCombine(durable, (a, b) -> (Void) null).thenRun(ack);
        acknowledgements.exceptionally(failure -> {
            log.error("Store write failed; disconnecting {} without acknowledging", clientId, failure);
            disconnect(MqttReasonCodes.Disconnect.IMPLEMENTATION_SPECIFIC_ERROR, "the broker could not store the message");
            return null;
        });
    }

    void sendPubReply(MqttMessageType type, int packetId, byte reasonCode, String reasonString) {
        Object header = isV5()
                ? new MqttPubReplyMessageVariableHeader(packetId, reasonCode, reasonCode == 0 ? MqttProperties.NO_PROPERTIES : reason(reasonString))
                : MqttMessageIdVariableHeader.from(packetId);
        channel.writeAndFlush(new MqttMessage(new MqttFixedHeader(type, false, MqttQoS.AT_MOST_ONCE, false, 0), header));
    }

    void sendSubAck(int packetId, List<Integer> codes, String reasonString) {
        MqttProperties props = isV5() ? reason(reasonString) : MqttProperties.NO_PROPERTIES;
        channel.writeAndFlush(new MqttSubAckMessage(
                new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttMessageIdAndPropertiesVariableHeader(packetId, props),
                new MqttSubAckPayload(codes)));
    }

    void sendUnsubAck(int packetId, List<Short> codes) {
        channel.writeAndFlush(new MqttUnsubAckMessage(
                new MqttFixedHeader(MqttMessageType.UNSUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttMessageIdAndPropertiesVariableHeader(packetId, MqttProperties.NO_PROPERTIES),
                isV5() ? new MqttUnsubAckPayload(codes) : null));
    }

    void sendPingResp() {
        channel.writeAndFlush(new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGRESP, false, MqttQoS.AT_MOST_ONCE, false, 0)));
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public void flush() {
        channel.flush();
    }

    /**
     * Closes the connection for a fault of the client: MQTT 5 clients first get a DISCONNECT with the reason
     * code and string [MQTT-4.13.1-1]; MQTT 3.1.1 has no such packet, so the socket just closes.
     */
    public void disconnect(MqttReasonCodes.Disconnect code, String reasonString) {
        if (isV5() && connected) { // never a DISCONNECT before a successful CONNACK [MQTT-3.14.0-1]
            MqttMessage packet = MqttMessageBuilders.disconnect().reasonCode(code.byteValue())
                    .properties(V5Properties.reasonString(reasonString)).build();
            channel.writeAndFlush(packet).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    @Override
    public void closeTakenOver() {
        log.debug("Disconnecting {} at {}: session taken over", clientId, remoteAddress());
        disconnect(MqttReasonCodes.Disconnect.SESSION_TAKEN_OVER, "clientId conflict: another connection took this session over");
    }
}
