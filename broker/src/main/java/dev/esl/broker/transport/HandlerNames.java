package dev.esl.broker.transport;

/** The names of the handlers in every MQTT pipeline, in pipeline order. */
final class HandlerNames {
    static final String IDLE = "idle";
    static final String DECODER = "mqttDecoder";
    static final String ENCODER = "mqttEncoder";
    static final String MQTT = "mqtt";

    private HandlerNames() {
    }
}
