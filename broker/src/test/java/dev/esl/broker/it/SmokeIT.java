package dev.esl.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmokeIT {
    @RegisterExtension
    RunningBroker broker = RunningBroker.seed();

    @Test
    void deliversAQos1MessageBetweenTwoMqtt5Clients() throws Exception {
        Mqtt5BlockingClient sub = MqttClient.builder().useMqttVersion5().identifier("GID_AP@@@ap-1")
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        Mqtt5BlockingClient pub = MqttClient.builder().useMqttVersion5().identifier("GID_TAGMGR@@@n1")
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        sub.connect();
        pub.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter("esl/#").qos(MqttQos.AT_LEAST_ONCE).send();
            pub.publishWith().topic("esl/store/1/x").payload("hi".getBytes(StandardCharsets.UTF_8)).qos(MqttQos.AT_LEAST_ONCE).send();
            Mqtt5Publish received = publishes.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(received.getTopic().toString()).isEqualTo("esl/store/1/x");
            assertThat(new String(received.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("hi");
            assertThat(received.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
        }
        sub.disconnect();
        pub.disconnect();
    }
}
