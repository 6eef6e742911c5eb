package dev.esl.broker.protocol;

import dev.esl.broker.config.BrokerConfig;
import dev.esl.broker.routing.Message;
import dev.esl.broker.session.ConnectRequest;
import dev.esl.broker.session.ConnectResult;
import dev.esl.broker.session.Will;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.netty.handler.codec.mqtt.MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID;
import static io.netty.handler.codec.mqtt.MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED;
import static io.netty.handler.codec.mqtt.MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
import static io.netty.handler.codec.mqtt.MqttConnectReturnCode.CONNECTION_REFUSED_PROTOCOL_ERROR;
import static io.netty.handler.codec.mqtt.MqttConnectReturnCode.CONNECTION_REFUSED_TOPIC_NAME_INVALID;

/** CONNECT on the client's lane: checks the client ID, negotiates limits, opens or resumes the session. */
final class ConnectProcessor {
    private static final Logger log = LoggerFactory.getLogger(ConnectProcessor.class);
    private static final long NEVER_EXPIRES = 0xFFFF_FFFFL;

    private final BrokerContext ctx;
    private final BrokerConfig config;

    ConnectProcessor(BrokerContext ctx) {
        this.ctx = ctx;
        this.config = ctx.config();
    }

    void process(MqttConnection c, MqttConnectMessage msg) {
        MqttConnectVariableHeader header = msg.variableHeader();
        MqttConnectPayload payload = msg.payload();
        String id = c.clientId();
        boolean assigned = payload.clientIdentifier().isEmpty();
        boolean cleanStart = header.isCleanSession();

        Optional<String> idProblem = assigned ? checkEmptyId(c, cleanStart) : ctx.naming().checkClientId(id);
        if (idProblem.isPresent()) {
            refuse(c, CONNECTION_REFUSED_IDENTIFIER_REJECTED, CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID, idProblem.get());
            return;
        }
        MqttProperties props = header.properties();
        int receiveMaximum = c.isV5() ? (int) V5Properties.unsigned(props, MqttPropertyType.RECEIVE_MAXIMUM, 65_535) : 65_535;
        long maxPacket = c.isV5() ? V5Properties.unsigned(props, MqttPropertyType.MAXIMUM_PACKET_SIZE, Long.MAX_VALUE) : Long.MAX_VALUE;
        if (receiveMaximum == 0 || maxPacket == 0) {
            refuse(c, CONNECTION_REFUSED_PROTOCOL_ERROR, CONNECTION_REFUSED_PROTOCOL_ERROR,
                    "Receive Maximum and Maximum Packet Size must not be 0 [MQTT-3.1.2-22]");
            return;
        }
        Integer problemInfo = V5Properties.integer(props, MqttPropertyType.REQUEST_PROBLEM_INFORMATION);
        long requestedExpiry = c.isV5()
                ? V5Properties.unsigned(props, MqttPropertyType.SESSION_EXPIRY_INTERVAL, 0)
                : cleanStart ? 0 : config.maxSessionExpirySeconds();
        long expiry = Math.min(requestedExpiry == NEVER_EXPIRES ? Long.MAX_VALUE : requestedExpiry, config.maxSessionExpirySeconds());

        Will will = null;
        if (header.isWillFlag()) {
            Optional<String> topicProblem = ctx.naming().checkTopicName(payload.willTopic());
            if (topicProblem.isPresent()) {
                refuse(c, CONNECTION_REFUSED_NOT_AUTHORIZED, CONNECTION_REFUSED_TOPIC_NAME_INVALID,
                        "will topic refused: " + topicProblem.get());
                return;
            }
            will = will(c, id, header, payload);
        }

        ConnectResult result = ctx.registry().connect(new ConnectRequest(id, cleanStart, expiry, will), c);
        if (!result.isAccepted()) {
            refuse(c, CONNECTION_REFUSED_IDENTIFIER_REJECTED, CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID, result.refusal());
            return;
        }
        c.limits(receiveMaximum, maxPacket, problemInfo == null || problemInfo != 0);

        int keepAlive = header.keepAliveTimeSeconds();
        MqttMessageBuilders.ConnAckPropertiesBuilder ack = new MqttMessageBuilders.ConnAckPropertiesBuilder()
                .receiveMaximum(config.receiveMaximum())
                .maximumPacketSize(config.maxPacketSize())
                .topicAliasMaximum(config.topicAliasMaximum());
        if (assigned) {
            ack.assignedClientId(id);
        }
        if (c.isV5() && expiry != requestedExpiry && !(requestedExpiry == NEVER_EXPIRES && expiry == Long.MAX_VALUE)) {
            ack.sessionExpiryInterval(expiry);
        }
        if (c.isV5() && (keepAlive == 0 || keepAlive > config.maxKeepAliveSeconds())) {
            keepAlive = config.maxKeepAliveSeconds(); // Server Keep Alive [MQTT-3.2.2-21]
            ack.serverKeepAlive(keepAlive);
        }
        ctx.stats().connectionsAccepted.increment();
        c.sendConnAck(MqttConnectReturnCode.CONNECTION_ACCEPTED, result.sessionPresent(), ack.build());
        c.connected(result.session());
        c.enforceKeepAlive(keepAlive);
        log.info("{} connected from {} (MQTT {}, clean start {}, session expiry {} s, session present {}, keep-alive {} s)",
                id, c.remoteAddress(), c.isV5() ? "5.0" : "3.1.1", cleanStart, expiry, result.sessionPresent(), keepAlive);
        ctx.registry().attach(result.session(), c);
    }

    private Optional<String> checkEmptyId(MqttConnection c, boolean cleanStart) {
        if (!ctx.naming().allowsEmptyClientId()) {
            return ctx.naming().checkClientId("");
        }
        if (!c.isV5() && !cleanStart) {
            return Optional.of("a zero-length client ID needs a clean session [MQTT-3.1.3-8]");
        }
        return Optional.empty();
    }

    private Will will(MqttConnection c, String id, MqttConnectVariableHeader header, MqttConnectPayload payload) {
        MqttProperties willProps = payload.willProperties();
        long delay = c.isV5() ? V5Properties.unsigned(willProps, MqttPropertyType.WILL_DELAY_INTERVAL, 0) : 0;
        long expiry = c.isV5() ? V5Properties.unsigned(willProps, MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL, 0) : 0;
        byte[] body = payload.willMessageInBytes() == null ? new byte[0] : payload.willMessageInBytes();
        Message message = new Message(payload.willTopic(), body, header.willQos(), header.isWillRetain(),
                c.isV5() ? V5Properties.readPublish(willProps) : null, id, 0);
        return new Will(message, delay, expiry);
    }

    private void refuse(MqttConnection c, MqttConnectReturnCode v3, MqttConnectReturnCode v5, String reason) {
        ctx.stats().connectionsRefused.increment();
        log.warn("Refused CONNECT of '{}' from {}: {}", c.clientId(), c.remoteAddress(), reason);
        c.sendConnAck(c.isV5() ? v5 : v3, false, V5Properties.reasonString(reason));
    }
}
