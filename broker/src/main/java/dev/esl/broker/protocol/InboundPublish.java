package dev.esl.broker.protocol;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.buffer.ByteBufUtil;

/** A received PUBLISH with its payload copied out of Netty's buffer, so it can cross to the client's lane. */
record InboundPublish(String topic, int packetId, int qos, boolean retain, byte[] payload, MqttProperties properties) {

    /** Copies the packet; the caller still releases {@code packet}. */
    static InboundPublish of(MqttPublishMessage packet) {
        return new InboundPublish(
                packet.variableHeader().topicName(),
                packet.variableHeader().packetId(),
                packet.fixedHeader().qosLevel().value(),
                packet.fixedHeader().isRetain(),
                ByteBufUtil.getBytes(packet.payload()),
                packet.variableHeader().properties());
    }
}
