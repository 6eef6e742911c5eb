package dev.esl.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A well-behaved MQTT 5 publisher and subscriber, connected before a test misbehaves on another connection,
 * to show that the broker goes on serving everyone else.
 */
final class HealthyClients implements AutoCloseable {
    private static final String TOPIC = "test/healthy";

    private final Mqtt5BlockingClient subscriber;
    private final Mqtt5BlockingClient publisher;
    private final Mqtt5BlockingClient.Mqtt5Publishes received;
    private int sequence;

    HealthyClients(int port) {
        subscriber = client(port, "GID_TEST@@@healthy-sub");
        publisher = client(port, "GID_TEST@@@healthy-pub");
        subscriber.connect();
        publisher.connect();
        received = subscriber.publishes(MqttGlobalPublishFilter.ALL);
        subscriber.subscribeWith().topicFilter(TOPIC).qos(MqttQos.AT_LEAST_ONCE).send();
        assertStillServed();
    }

    static Mqtt5BlockingClient client(int port, String id) {
        return MqttClient.builder().useMqttVersion5().identifier(id)
                .serverHost("127.0.0.1").serverPort(port).buildBlocking();
    }

    /** A QoS 1 round trip between the two healthy clients, over their existing connections. */
    void assertStillServed() {
        String payload = "still-served-" + (++sequence);
        assertThat(publisher.getState().isConnected()).as("healthy publisher still connected").isTrue();
        assertThat(subscriber.getState().isConnected()).as("healthy subscriber still connected").isTrue();
        Mqtt5PublishResult result = publisher.publishWith().topic(TOPIC).qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
        assertThat(result.getError()).as("PUBACK of the healthy publisher").isEmpty();
        try {
            Mqtt5Publish message = received.receive(5, TimeUnit.SECONDS)
                    .orElseThrow(() -> new AssertionError("healthy subscriber got nothing within 5 s"));
            assertThat(new String(message.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo(payload);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        received.close();
        for (Mqtt5BlockingClient c : new Mqtt5BlockingClient[] {subscriber, publisher}) {
            if (c.getState().isConnected()) {
                c.disconnect();
            }
        }
    }
}
