package dev.esl.bench.load;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What {@code --scenarios} may name. The {@code -persistent} variants connect every client with a persistent
 * session (clean session off), as the platform's AP gateways do: then a durable broker must write every
 * message to disk before acknowledging it, which a clean session's messages need not be.
 */
public enum Scenario {
    QOS0(MqttQos.AT_MOST_ONCE, false),
    QOS1(MqttQos.AT_LEAST_ONCE, false),
    QOS2(MqttQos.EXACTLY_ONCE, false),
    QOS1_PERSISTENT(MqttQos.AT_LEAST_ONCE, true),
    QOS2_PERSISTENT(MqttQos.EXACTLY_ONCE, true),
    IDLE(null, false);

    private final MqttQos qos;
    private final boolean persistentSessions;

    Scenario(MqttQos qos, boolean persistentSessions) {
        this.qos = qos;
        this.persistentSessions = persistentSessions;
    }

    /** The QoS of a throughput scenario; null for {@link #IDLE}. */
    public MqttQos qos() {
        return qos;
    }

    public boolean persistentSessions() {
        return persistentSessions;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Scenario parse(String s) {
        for (Scenario scenario : values()) {
            if (scenario.label().equalsIgnoreCase(s.trim())) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + s + "'; known: "
                + Arrays.stream(values()).map(Scenario::label).collect(Collectors.joining(", ")));
    }
}
