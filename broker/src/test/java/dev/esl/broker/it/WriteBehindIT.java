package dev.esl.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import dev.esl.broker.config.StorageKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Write-behind seen by clients: a QoS 1 message for an online persistent subscriber is acknowledged to its
 * publisher once the subscriber acknowledged it (then it is never written) or, past the delay, once it is on disk.
 */
class WriteBehindIT {

    private static RunningBroker durable(int writeBehindMillis) {
        try {
            Path dir = Files.createDirectories(Files.createTempDirectory("esl-write-behind").resolve("store"));
            return RunningBroker.seed(b -> b.storage(StorageKind.ROCKSDB).dataDir(dir.toString())
                    .writeBehindMillis(writeBehindMillis));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A persistent subscriber that acknowledges only when told: its PUBACKs are the test's to give. */
    private static Mqtt5AsyncClient manualSubscriber(int port, BlockingQueue<Mqtt5Publish> received) {
        Mqtt5AsyncClient ap = MqttClient.builder().useMqttVersion5().identifier("GID_AP@@@ap-1")
                .serverHost("127.0.0.1").serverPort(port).buildAsync();
        ap.publishes(MqttGlobalPublishFilter.ALL, received::add, true);
        ap.connectWith().cleanStart(false).sessionExpiryInterval(3600).send().join();
        ap.subscribeWith().topicFilter("esl/store/1/#").qos(MqttQos.AT_LEAST_ONCE).send().join();
        return ap;
    }

    private static Mqtt5AsyncClient publisher(int port) {
        Mqtt5AsyncClient manager = MqttClient.builder().useMqttVersion5().identifier("GID_TAGMGR@@@n1")
                .serverHost("127.0.0.1").serverPort(port).buildAsync();
        manager.connectWith().cleanStart(false).sessionExpiryInterval(3600).send().join();
        return manager;
    }

    private static CompletableFuture<Mqtt5PublishResult> publish(Mqtt5AsyncClient c, String text) {
        return c.publishWith().topic("esl/store/1/price").qos(MqttQos.AT_LEAST_ONCE)
                .payload(text.getBytes(StandardCharsets.UTF_8)).send();
    }

    private static String text(Mqtt5Publish p) {
        return new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    @Nested
    class WithALongDelay {
        @RegisterExtension
        RunningBroker broker = durable(60_000);

        @Test
        void thePublisherIsAcknowledgedWhenTheSubscriberIsAndNothingIsWritten() throws Exception {
            BlockingQueue<Mqtt5Publish> received = new LinkedBlockingQueue<>();
            Mqtt5AsyncClient ap = manualSubscriber(broker.port(), received);
            Mqtt5AsyncClient manager = publisher(broker.port());

            CompletableFuture<Mqtt5PublishResult> accepted = publish(manager, "price 1.99");
            Mqtt5Publish delivered = received.poll(5, TimeUnit.SECONDS);
            assertThat(delivered).isNotNull();
            assertThat(text(delivered)).isEqualTo("price 1.99");
            Thread.sleep(300);
            assertThat(accepted).as("neither acknowledged by the AP nor on disk yet").isNotDone();

            delivered.acknowledge();
            accepted.get(5, TimeUnit.SECONDS);
            assertThat(broker.broker().stats()).containsEntry("writeBehindHeld", 1L).containsEntry("writeBehindWritten", 0L);
            manager.disconnect().join();
            ap.disconnect().join();

            broker.restart();

            BlockingQueue<Mqtt5Publish> again = new LinkedBlockingQueue<>();
            Mqtt5AsyncClient back = manualSubscriber(broker.port(), again);
            assertThat(again.poll(1, TimeUnit.SECONDS)).as("acknowledged before the restart: not sent again").isNull();
            back.disconnect().join();
        }

        @Test
        void aCopyForAnOfflineSubscriberIsWrittenAtOnce() throws Exception {
            BlockingQueue<Mqtt5Publish> received = new LinkedBlockingQueue<>();
            manualSubscriber(broker.port(), received).disconnect().join();
            broker.restart(); // surely offline now (a DISCONNECT is handled a moment after the client sent it)
            Mqtt5AsyncClient manager = publisher(broker.port());

            publish(manager, "for later").get(5, TimeUnit.SECONDS);
            assertThat(broker.broker().stats()).containsEntry("writeBehindHeld", 0L);
            manager.disconnect().join();
        }
    }

    @Nested
    class WithAShortDelay {
        @RegisterExtension
        RunningBroker broker = durable(200);

        @Test
        void aCopyNotAcknowledgedInTimeIsWrittenThenAcknowledgedAndSurvivesARestart() throws Exception {
            BlockingQueue<Mqtt5Publish> received = new LinkedBlockingQueue<>();
            Mqtt5AsyncClient ap = manualSubscriber(broker.port(), received);
            Mqtt5AsyncClient manager = publisher(broker.port());

            publish(manager, "price 2.49").get(5, TimeUnit.SECONDS); // the AP never acknowledges it
            assertThat(received.poll(5, TimeUnit.SECONDS)).isNotNull();
            assertThat(broker.broker().stats()).containsEntry("writeBehindHeld", 1L).containsEntry("writeBehindWritten", 1L);
            manager.disconnect().join();
            ap.disconnect().join();

            broker.restart();

            Mqtt5BlockingClient back = MqttClient.builder().useMqttVersion5().identifier("GID_AP@@@ap-1")
                    .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
            try (Mqtt5BlockingClient.Mqtt5Publishes publishes = back.publishes(MqttGlobalPublishFilter.ALL)) {
                back.connectWith().cleanStart(false).sessionExpiryInterval(3600).send();
                Optional<Mqtt5Publish> again = publishes.receive(5, TimeUnit.SECONDS);
                assertThat(again).isPresent();
                assertThat(text(again.get())).isEqualTo("price 2.49");
            }
            back.disconnect();
        }
    }
}
