package dev.esl.broker.routing;

import java.util.List;

/**
 * The MQTT 5 properties of a PUBLISH that travel with the message to its subscribers unchanged.
 * Message expiry is kept apart, on {@link Message}, because it counts down.
 */
public record PublishProperties(
        Integer payloadFormatIndicator,
        String contentType,
        String responseTopic,
        byte[] correlationData,
        List<UserProperty> userProperties) {

    public static final PublishProperties NONE = new PublishProperties(null, null, null, null, List.of());

    public PublishProperties {
        correlationData = correlationData == null ? null : correlationData.clone();
        userProperties = userProperties == null ? List.of() : List.copyOf(userProperties);
    }

    @Override
    public byte[] correlationData() {
        return correlationData == null ? null : correlationData.clone();
    }

    /** One MQTT 5 user property; order and duplicates are significant [MQTT-3.3.2-18]. */
    public record UserProperty(String key, String value) {
    }
}
