package dev.esl.broker.protocol;

import dev.esl.broker.routing.Message;
import dev.esl.broker.routing.PublishProperties;
import java.nio.charset.StandardCharsets;

/** The encoded size of a message's MQTT 5 properties, counted generously (an upper bound). */
record PublishPropertiesSize(Message message) {

    long total() {
        PublishProperties p = message.properties();
        long size = 4 + 5 + 16; // property length, expiry, a few subscription identifiers
        size += p.payloadFormatIndicator() == null ? 0 : 2;
        size += p.contentType() == null ? 0 : 3 + utf8(p.contentType());
        size += p.responseTopic() == null ? 0 : 3 + utf8(p.responseTopic());
        byte[] correlation = p.correlationData();
        size += correlation == null ? 0 : 3 + correlation.length;
        for (PublishProperties.UserProperty u : p.userProperties()) {
            size += 5 + utf8(u.key()) + utf8(u.value());
        }
        return size;
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
