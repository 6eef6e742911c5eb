package dev.esl.broker.protocol;

import dev.esl.broker.routing.PublishProperties;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes the MQTT 5 properties the broker uses, by name rather than by numeric identifier. */
final class V5Properties {
    private V5Properties() {
    }

    static Integer integer(MqttProperties props, MqttPropertyType type) {
        MqttProperties.MqttProperty<?> p = props == null ? null : props.getProperty(type.value());
        return p == null ? null : (Integer) p.value();
    }

    static long unsigned(MqttProperties props, MqttPropertyType type, long fallback) {
        Integer value = integer(props, type);
        return value == null ? fallback : Integer.toUnsignedLong(value);
    }

    static String string(MqttProperties props, MqttPropertyType type) {
        MqttProperties.MqttProperty<?> p = props == null ? null : props.getProperty(type.value());
        return p == null ? null : (String) p.value();
    }

    static List<Integer> integers(MqttProperties props, MqttPropertyType type) {
        List<Integer> result = new ArrayList<>();
        if (props != null) {
            for (MqttProperties.MqttProperty<?> p : props.getProperties(type.value())) {
                result.add((Integer) p.value());
            }
        }
        return result;
    }

    static PublishProperties readPublish(MqttProperties props) {
        // Not isEmpty(): Netty's MqttProperties.isEmpty() ignores user properties and subscription identifiers.
        if (props == null || props.listAll().isEmpty()) {
            return PublishProperties.NONE;
        }
        MqttProperties.MqttProperty<?> correlation = props.getProperty(MqttPropertyType.CORRELATION_DATA.value());
        List<PublishProperties.UserProperty> users = new ArrayList<>();
        for (MqttProperties.MqttProperty<?> p : props.getProperties(MqttPropertyType.USER_PROPERTY.value())) {
            if (p instanceof MqttProperties.UserProperty u) {
                users.add(new PublishProperties.UserProperty(u.value().key, u.value().value));
            } else if (p instanceof MqttProperties.UserProperties list) {
                list.value().forEach(pair -> users.add(new PublishProperties.UserProperty(pair.key, pair.value)));
            }
        }
        return new PublishProperties(
                integer(props, MqttPropertyType.PAYLOAD_FORMAT_INDICATOR),
                string(props, MqttPropertyType.CONTENT_TYPE),
                string(props, MqttPropertyType.RESPONSE_TOPIC),
                correlation == null ? null : (byte[]) correlation.value(),
                users);
    }

    static void writePublish(MqttProperties out, PublishProperties p) {
        if (p.payloadFormatIndicator() != null) {
            out.add(new MqttProperties.IntegerProperty(MqttPropertyType.PAYLOAD_FORMAT_INDICATOR.value(), p.payloadFormatIndicator()));
        }
        if (p.contentType() != null) {
            out.add(new MqttProperties.StringProperty(MqttPropertyType.CONTENT_TYPE.value(), p.contentType()));
        }
        if (p.responseTopic() != null) {
            out.add(new MqttProperties.StringProperty(MqttPropertyType.RESPONSE_TOPIC.value(), p.responseTopic()));
        }
        if (p.correlationData() != null) {
            out.add(new MqttProperties.BinaryProperty(MqttPropertyType.CORRELATION_DATA.value(), p.correlationData()));
        }
        for (PublishProperties.UserProperty u : p.userProperties()) {
            out.add(new MqttProperties.UserProperty(u.key(), u.value()));
        }
    }

    static MqttProperties reasonString(String reason) {
        MqttProperties props = new MqttProperties();
        if (reason != null) {
            props.add(new MqttProperties.StringProperty(MqttPropertyType.REASON_STRING.value(), truncate(reason)));
        }
        return props;
    }

    /** Reason strings are for humans; keep them short enough never to push a packet past a client's limit. */
    private static String truncate(String reason) {
        return reason.length() <= 256 ? reason : reason.substring(0, 253) + "...";
    }
}
