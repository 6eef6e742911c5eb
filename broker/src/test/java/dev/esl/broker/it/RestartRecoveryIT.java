package dev.esl.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With the RocksDB store, a restart keeps persistent sessions, their queues and retained messages. */
class RestartRecoveryIT {
    private static final Path DATA = tempDir();

    @RegisterExtension
    RunningBroker broker = RunningBroker.durable(storeDir());

    private static Path storeDir() {
        try {
            return Files.createDirectories(DATA.resolve("store-" + System.nanoTime()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("esl-broker-it");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Mqtt5BlockingClient client(String id) {
        return MqttClient.builder().useMqttVersion5().identifier(id)
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
    }

    private static Mqtt5ConnAck connectPersistent(Mqtt5BlockingClient c) {
        return c.connectWith().cleanStart(false).sessionExpiryInterval(3600).send();
    }

    @Test
    void queuedMessagesSubscriptionsAndRetainedSurviveARestart() throws Exception {
        Mqtt5BlockingClient ap = client("GID_AP@@@ap-restart");
        connectPersistent(ap);
        ap.subscribeWith().topicFilter("esl/store/1/#").qos(MqttQos.EXACTLY_ONCE).send();
        ap.disconnect();

        Mqtt5BlockingClient manager = client("GID_TAGMGR@@@n1");
        manager.connect();
        for (int i = 0; i < 50; i++) {
            manager.publishWith().topic("esl/store/1/price").qos(i % 2 == 0 ? MqttQos.AT_LEAST_ONCE : MqttQos.EXACTLY_ONCE)
                    .payload(("m" + i).getBytes(StandardCharsets.UTF_8)).send();
        }
        manager.publishWith().topic("esl/store/1/status").retain(true).qos(MqttQos.AT_LEAST_ONCE)
                .payload("online".getBytes(StandardCharsets.UTF_8)).send();
        manager.disconnect();

        broker.restart();

        Mqtt5BlockingClient again = client("GID_AP@@@ap-restart");
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = again.publishes(MqttGlobalPublishFilter.ALL)) {
            Mqtt5ConnAck ack = connectPersistent(again);
            assertThat(ack.isSessionPresent()).isTrue();
            List<String> received = new ArrayList<>();
            for (Optional<Mqtt5Publish> p = publishes.receive(5, TimeUnit.SECONDS); p.isPresent();
                 p = received.size() < 51 ? publishes.receive(5, TimeUnit.SECONDS) : Optional.empty()) {
                received.add(new String(p.get().getPayloadAsBytes(), StandardCharsets.UTF_8));
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                expected.add("m" + i);
            }
            expected.add("online");
            assertThat(received).containsExactlyElementsOf(expected);
        }
        again.disconnect();

        Mqtt5BlockingClient reader = client("GID_TEST@@@reader");
        reader.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = reader.publishes(MqttGlobalPublishFilter.ALL)) {
            reader.subscribeWith().topicFilter("esl/store/1/status").qos(MqttQos.AT_LEAST_ONCE).send();
            Mqtt5Publish retained = publishes.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(retained.isRetain()).isTrue();
            assertThat(new String(retained.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("online");
        }
        reader.disconnect();
    }

    @Test
    void aP2pMessageKeptForANeverConnectedApSurvivesARestart() throws Exception {
        Mqtt5BlockingClient manager = client("GID_TAGMGR@@@n1");
        connectPersistent(manager);
        manager.publishWith().topic("esl/p2p/GID_AP@@@ap-new").qos(MqttQos.AT_LEAST_ONCE)
                .payload("job".getBytes(StandardCharsets.UTF_8)).send();
        manager.disconnect();

        broker.restart();

        Mqtt5BlockingClient ap = client("GID_AP@@@ap-new");
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = ap.publishes(MqttGlobalPublishFilter.ALL)) {
            ap.connect();
            Mqtt5Publish job = publishes.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(job.getTopic().toString()).isEqualTo("esl/p2p/GID_AP@@@ap-new");
            assertThat(new String(job.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("job");
        }
        ap.disconnect();
    }
}
