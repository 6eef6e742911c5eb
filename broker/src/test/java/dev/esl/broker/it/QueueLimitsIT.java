package dev.esl.broker.it;

import static dev.esl.broker.it.Clients.disconnectQuietly;
import static dev.esl.broker.it.Clients.pubAck;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Offline queues are bounded by count, bytes and age; overflow is explicit, never silent. */
class QueueLimitsIT {

    private static Mqtt5BlockingClient offlineSubscriber(RunningBroker broker, String id, String filter) {
        Mqtt5BlockingClient c = Clients.v5(broker, id);
        c.connectWith().cleanStart(true).sessionExpiryInterval(600).send();
        if (filter != null) {
            c.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
        }
        c.disconnect();
        return c;
    }

    private static Mqtt5BlockingClient persistentPublisher(RunningBroker broker, String id) {
        Mqtt5BlockingClient c = Clients.v5(broker, id);
        c.connectWith().cleanStart(true).sessionExpiryInterval(600).send();
        return c;
    }

    /** Reconnects the offline client and returns every payload it receives until none comes for a second. */
    private static List<String> reconnectAndDrain(Mqtt5BlockingClient c) throws InterruptedException {
        List<String> payloads = new ArrayList<>();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = c.publishes(MqttGlobalPublishFilter.ALL)) {
            c.connectWith().cleanStart(false).sessionExpiryInterval(600).send();
            for (var p = publishes.receive(1, TimeUnit.SECONDS); p.isPresent(); p = publishes.receive(1, TimeUnit.SECONDS)) {
                payloads.add(new String(p.get().getPayloadAsBytes(), StandardCharsets.UTF_8));
            }
        }
        disconnectQuietly(c);
        return payloads;
    }

    @Nested
    class WithThreeMessagesPerQueue {
        @RegisterExtension
        RunningBroker broker = RunningBroker.seed(b -> b.maxQueuedMessages(3));

        @Test
        void refusesAP2pMessageToAFullQueueWithQuotaExceededForMqtt5Publishers() throws Exception {
            Mqtt5BlockingClient ap = offlineSubscriber(broker, "GID_AP@@@ap-full", null);
            Mqtt5BlockingClient manager = persistentPublisher(broker, "GID_TAGMGR@@@n1");
            for (int i = 1; i <= 3; i++) {
                assertThat(pubAck(manager, "esl/p2p/GID_AP@@@ap-full", "job-" + i).getReasonCode())
                        .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
            }
            var refused = pubAck(manager, "esl/p2p/GID_AP@@@ap-full", "job-4");
            assertThat(refused.getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.QUOTA_EXCEEDED);
            assertThat(refused.getReasonString()).hasValueSatisfying(r -> assertThat(r.toString()).contains("queue of GID_AP@@@ap-full is full"));
            disconnectQuietly(manager);

            assertThat(reconnectAndDrain(ap)).containsExactly("job-1", "job-2", "job-3");
            assertThat(broker.broker().stats().get("quotaRefused")).isEqualTo(1);
            assertThat(broker.broker().stats().get("queueOverflowDropped")).isZero();
        }

        @Test
        void dropsTheOldestP2pMessagesForMqtt311PublishersAndCountsThem() throws Exception {
            Mqtt5BlockingClient ap = offlineSubscriber(broker, "GID_AP@@@ap-v3", null);
            MqttClient manager = Clients.v3(broker, "GID_TAGMGR@@@v3");
            manager.connect(Clients.v3Options(false));
            for (int i = 1; i <= 5; i++) {
                manager.publish("esl/p2p/GID_AP@@@ap-v3", ("job-" + i).getBytes(StandardCharsets.UTF_8), 1, false);
            }
            Clients.closeQuietly(manager);

            assertThat(reconnectAndDrain(ap)).containsExactly("job-3", "job-4", "job-5");
            assertThat(broker.broker().stats().get("queueOverflowDropped")).isEqualTo(2);
        }

        @Test
        void dropsTheOldestSubscribedMessagesOfAFullQueue() throws Exception {
            Mqtt5BlockingClient ap = offlineSubscriber(broker, "GID_AP@@@ap-sub", "esl/store/1/#");
            Mqtt5BlockingClient manager = Clients.v5Connected(broker, "GID_TAGMGR@@@n2");
            for (int i = 1; i <= 5; i++) {
                assertThat(pubAck(manager, "esl/store/1/price", "p-" + i).getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
            }
            disconnectQuietly(manager);

            assertThat(reconnectAndDrain(ap)).containsExactly("p-3", "p-4", "p-5");
            assertThat(broker.broker().stats().get("queueOverflowDropped")).isEqualTo(2);
        }
    }

    @Nested
    class WithAByteLimit {
        @RegisterExtension
        RunningBroker broker = RunningBroker.seed(b -> b.maxQueuedBytes(1000));

        @Test
        void keepsOnlyWhatFitsInTheByteLimit() throws Exception {
            Mqtt5BlockingClient ap = offlineSubscriber(broker, "GID_AP@@@ap-bytes", "esl/b/#");
            Mqtt5BlockingClient manager = Clients.v5Connected(broker, "GID_TAGMGR@@@n3");
            for (int i = 1; i <= 4; i++) {
                manager.publishWith().topic("esl/b/x").qos(MqttQos.AT_LEAST_ONCE).payload(("m" + i + "-" + "x".repeat(400)).getBytes(StandardCharsets.UTF_8)).send();
            }
            disconnectQuietly(manager);

            assertThat(reconnectAndDrain(ap)).extracting(p -> p.substring(0, 2)).containsExactly("m3", "m4");
            assertThat(broker.broker().stats().get("queueOverflowDropped")).isEqualTo(2);
        }
    }

    @Nested
    class WithAOneSecondOfflineExpiry {
        @RegisterExtension
        RunningBroker broker = RunningBroker.seed(b -> b.offlineMessageExpirySeconds(1));

        @Test
        void dropsQueuedMessagesOlderThanTheOfflineExpiry() throws Exception {
            Mqtt5BlockingClient ap = offlineSubscriber(broker, "GID_AP@@@ap-old", "esl/o/#");
            Mqtt5BlockingClient manager = Clients.v5Connected(broker, "GID_TAGMGR@@@n4");
            pubAck(manager, "esl/o/x", "old");
            Thread.sleep(1_300);
            pubAck(manager, "esl/o/x", "fresh");
            disconnectQuietly(manager);

            assertThat(reconnectAndDrain(ap)).containsExactly("fresh");
            assertThat(broker.broker().stats().get("expiredDropped")).isEqualTo(1);
        }
    }

    @Nested
    class WithDefaults {
        @RegisterExtension
        RunningBroker broker = RunningBroker.seed();

        @Test
        void honoursTheMqtt5MessageExpiryIntervalWhileQueued() throws Exception {
            Mqtt5BlockingClient ap = offlineSubscriber(broker, "GID_AP@@@ap-exp", "esl/e/#");
            Mqtt5BlockingClient manager = Clients.v5Connected(broker, "GID_TAGMGR@@@n5");
            manager.publishWith().topic("esl/e/x").qos(MqttQos.AT_LEAST_ONCE).messageExpiryInterval(1)
                    .payload("short".getBytes(StandardCharsets.UTF_8)).send();
            manager.publishWith().topic("esl/e/x").qos(MqttQos.AT_LEAST_ONCE).messageExpiryInterval(60)
                    .payload("long".getBytes(StandardCharsets.UTF_8)).send();
            disconnectQuietly(manager);
            Thread.sleep(1_300);

            try (Mqtt5BlockingClient.Mqtt5Publishes publishes = ap.publishes(MqttGlobalPublishFilter.ALL)) {
                ap.connectWith().cleanStart(false).sessionExpiryInterval(600).send();
                var received = publishes.receive(5, TimeUnit.SECONDS).orElseThrow();
                assertThat(new String(received.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("long");
                assertThat(received.getMessageExpiryInterval().getAsLong()).isBetween(55L, 59L);
                assertThat(publishes.receive(500, TimeUnit.MILLISECONDS)).isEmpty();
            }
            disconnectQuietly(ap);
            assertThat(broker.broker().stats().get("expiredDropped")).isEqualTo(1);
        }
    }
}
