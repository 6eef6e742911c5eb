package dev.esl.bench.load;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import java.util.Locale;

/** What {@code --scenarios} may name. */
public enum Scenario {
    QOS0(MqttQos.AT_MOST_ONCE),
    QOS1(MqttQos.AT_LEAST_ONCE),
    QOS2(MqttQos.EXACTLY_ONCE),
    IDLE(null);

    private final MqttQos qos;

    Scenario(MqttQos qos) {
        this.qos = qos;
    }

    /** The QoS of a throughput scenario; null for {@link #IDLE}. */
    public MqttQos qos() {
        return qos;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Scenario parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown scenario '" + s + "'; known: qos0, qos1, qos2, idle", e);
        }
    }
}
