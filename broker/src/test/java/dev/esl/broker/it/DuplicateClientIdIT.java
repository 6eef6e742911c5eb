package dev.esl.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two connections with one client ID: the new one takes the session over, or is refused (setting duplicateClientId). */
class DuplicateClientIdIT {
    static final String ID = "GID_AP@@@ap-dup";
    static final String PUBLISHER = "GID_TAGMGR@@@pub-1";
    static final String TOPIC = "esl/store-1/ap-dup";
    static final Duration WAIT = Duration.ofSeconds(Clients.TIMEOUT_SECONDS);

    final List<Mqtt5BlockingClient> v5Clients = new ArrayList<>();
    final List<MqttClient> v3Clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        v5Clients.forEach(Clients::disconnectQuietly);
        v3Clients.forEach(Clients::closeQuietly);
    }

    /** An MQTT 5 client, not yet connected, that records how its connection ended. */
    Mqtt5BlockingClient v5(RunningBroker broker, String clientId, BlockingQueue<MqttClientDisconnectedContext> disconnects) {
        Mqtt5BlockingClient client = Clients.v5Builder(broker, clientId).addDisconnectedListener(disconnects::add).buildBlocking();
        v5Clients.add(client);
        return client;
    }

    Mqtt5BlockingClient v5Publisher(RunningBroker broker) {
        Mqtt5BlockingClient client = Clients.v5Connected(broker, PUBLISHER);
        v5Clients.add(client);
        return client;
    }

    MqttClient v3(RunningBroker broker, String clientId) throws MqttException {
        MqttClient client = Clients.v3(broker, clientId);
        client.setTimeToWait(Clients.TIMEOUT_SECONDS * 1000L);
        v3Clients.add(client);
        return client;
    }

    static MqttClientDisconnectedContext nextDisconnect(BlockingQueue<MqttClientDisconnectedContext> disconnects) {
        return await().atMost(WAIT).until(disconnects::poll, d -> d != null);
    }

    @Nested
    class UnderTakeoverPolicy {
        @RegisterExtension
        RunningBroker broker = RunningBroker.seed();

        @Test
        void disconnectsTheFirstMqtt5ConnectionWithSessionTakenOverAndDeliversToTheNewOne() throws Exception {
            BlockingQueue<MqttClientDisconnectedContext> firstGone = new LinkedBlockingQueue<>();
            BlockingQueue<MqttClientDisconnectedContext> secondGone = new LinkedBlockingQueue<>();
            Mqtt5BlockingClient first = v5(broker, ID, firstGone);
            Mqtt5BlockingClient second = v5(broker, ID, secondGone);
            Mqtt5BlockingClient publisher = v5Publisher(broker);
            first.connect();
            Clients.subAck(first, TOPIC);

            Mqtt5ConnAck ack = second.connect();

            assertThat(ack.getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
            MqttClientDisconnectedContext gone = nextDisconnect(firstGone);
            assertThat(gone.getSource()).isEqualTo(MqttDisconnectSource.SERVER);
            assertThat(gone.getCause()).isInstanceOfSatisfying(Mqtt5DisconnectException.class, e -> {
                assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5DisconnectReasonCode.SESSION_TAKEN_OVER);
                assertThat(e.getMqttMessage().getReasonString()).hasValueSatisfying(r -> assertThat(r.toString())
                        .contains("clientId conflict"));
            });
            assertThat(first.getState().isConnected()).isFalse();
            assertThat(broker.broker().stats()).containsEntry("takeovers", 1L);

            try (Mqtt5BlockingClient.Mqtt5Publishes publishes = second.publishes(MqttGlobalPublishFilter.ALL)) {
                assertThat(Clients.subAck(second, TOPIC).getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
                Clients.pubAck(publisher, TOPIC, "to-second");
                assertThat(Clients.nextPayload(publishes)).isEqualTo("to-second");
            }
            assertThat(second.getState().isConnected()).isTrue();
            assertThat(secondGone).isEmpty();
        }

        @Test
        void handsThePersistentSessionWithItsSubscriptionsToTheNewMqtt5Connection() throws Exception {
            BlockingQueue<MqttClientDisconnectedContext> firstGone = new LinkedBlockingQueue<>();
            Mqtt5BlockingClient first = v5(broker, ID, firstGone);
            Mqtt5BlockingClient second = v5(broker, ID, new LinkedBlockingQueue<>());
            Mqtt5BlockingClient publisher = v5Publisher(broker);
            first.connectWith().cleanStart(true).sessionExpiryInterval(60).send();
            Clients.subAck(first, TOPIC);

            try (Mqtt5BlockingClient.Mqtt5Publishes publishes = second.publishes(MqttGlobalPublishFilter.ALL)) {
                Mqtt5ConnAck ack = second.connectWith().cleanStart(false).sessionExpiryInterval(60).send();

                assertThat(ack.isSessionPresent()).isTrue();
                assertThat(nextDisconnect(firstGone).getCause()).isInstanceOfSatisfying(Mqtt5DisconnectException.class,
                        e -> assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5DisconnectReasonCode.SESSION_TAKEN_OVER));
                Clients.pubAck(publisher, TOPIC, "resumed");
                assertThat(Clients.nextPayload(publishes)).isEqualTo("resumed");
            }
        }

        @Test
        void losesTheFirstMqtt311ConnectionAndDeliversToTheNewOne() throws Exception {
            Clients.V3Inbox firstInbox = new Clients.V3Inbox();
            Clients.V3Inbox secondInbox = new Clients.V3Inbox();
            MqttClient first = v3(broker, ID);
            first.setCallback(firstInbox);
            MqttClient second = v3(broker, ID);
            second.setCallback(secondInbox);
            MqttClient publisher = v3(broker, PUBLISHER);
            first.connect(Clients.v3Options(true));
            first.subscribe(TOPIC, 1);
            publisher.connect(Clients.v3Options(true));

            second.connect(Clients.v3Options(true));

            await().atMost(WAIT).until(() -> !firstInbox.connectionLost.isEmpty());
            assertThat(first.isConnected()).isFalse();
            assertThat(second.isConnected()).isTrue();
            assertThat(broker.broker().stats()).containsEntry("takeovers", 1L);

            second.subscribe(TOPIC, 1);
            publisher.publish(TOPIC, "to-second".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(secondInbox.next().payload()).isEqualTo("to-second");
            assertThat(secondInbox.connectionLost).isEmpty();
            assertThat(firstInbox.drain()).isEmpty();
        }

        @Test
        void letsAnMqtt5ConnectionTakeOverFromAnMqtt311One() throws Exception {
            Clients.V3Inbox firstInbox = new Clients.V3Inbox();
            MqttClient first = v3(broker, ID);
            first.setCallback(firstInbox);
            first.connect(Clients.v3Options(true));
            Mqtt5BlockingClient second = v5(broker, ID, new LinkedBlockingQueue<>());
            Mqtt5BlockingClient publisher = v5Publisher(broker);

            assertThat(second.connect().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);

            await().atMost(WAIT).until(() -> !firstInbox.connectionLost.isEmpty());
            try (Mqtt5BlockingClient.Mqtt5Publishes publishes = second.publishes(MqttGlobalPublishFilter.ALL)) {
                Clients.subAck(second, TOPIC);
                Clients.pubAck(publisher, TOPIC, "to-v5");
                assertThat(Clients.nextPayload(publishes)).isEqualTo("to-v5");
            }
        }
    }

    @Nested
    class UnderRefusePolicy {
        @RegisterExtension
        RunningBroker broker = RunningBroker.seed(b -> b.duplicateClientId(dev.esl.broker.config.DuplicateClientIdPolicy.REFUSE));

        @Test
        void refusesTheSecondMqtt5ConnectionAndKeepsDeliveringToTheFirst() throws Exception {
            BlockingQueue<MqttClientDisconnectedContext> firstGone = new LinkedBlockingQueue<>();
            Mqtt5BlockingClient first = v5(broker, ID, firstGone);
            Mqtt5BlockingClient publisher = v5Publisher(broker);
            first.connect();

            try (Mqtt5BlockingClient.Mqtt5Publishes publishes = first.publishes(MqttGlobalPublishFilter.ALL)) {
                Clients.subAck(first, TOPIC);

                Mqtt5ConnAck refusal = Clients.v5Refusal(Clients.v5(broker, ID));

                assertThat(refusal.getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
                assertThat(refusal.getReasonString()).hasValueSatisfying(r -> assertThat(r.toString())
                        .contains("clientId conflict").contains(ID));
                Clients.pubAck(publisher, TOPIC, "still-first");
                assertThat(Clients.nextPayload(publishes)).isEqualTo("still-first");
            }
            assertThat(first.getState().isConnected()).isTrue();
            assertThat(firstGone).isEmpty();
            assertThat(broker.broker().stats()).containsEntry("takeovers", 0L).containsEntry("connectionsRefused", 1L);
        }

        @Test
        void refusesTheSecondMqtt311ConnectionWithIdentifierRejectedAndKeepsDeliveringToTheFirst() throws Exception {
            Clients.V3Inbox firstInbox = new Clients.V3Inbox();
            MqttClient first = v3(broker, ID);
            first.setCallback(firstInbox);
            MqttClient second = v3(broker, ID);
            MqttClient publisher = v3(broker, PUBLISHER);
            first.connect(Clients.v3Options(true));
            first.subscribe(TOPIC, 1);
            publisher.connect(Clients.v3Options(true));

            assertThatThrownBy(() -> second.connect(Clients.v3Options(true)))
                    .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode())
                            .isEqualTo(MqttException.REASON_CODE_INVALID_CLIENT_ID));

            publisher.publish(TOPIC, "still-first".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(firstInbox.next().payload()).isEqualTo("still-first");
            assertThat(first.isConnected()).isTrue();
            assertThat(firstInbox.connectionLost).isEmpty();
            assertThat(broker.broker().stats()).containsEntry("takeovers", 0L).containsEntry("connectionsRefused", 1L);
        }

        @Test
        void refusesAnMqtt5ConnectionWhileAnMqtt311OneHoldsTheClientId() throws Exception {
            Clients.V3Inbox firstInbox = new Clients.V3Inbox();
            MqttClient first = v3(broker, ID);
            first.setCallback(firstInbox);
            first.connect(Clients.v3Options(true));

            Mqtt5ConnAck refusal = Clients.v5Refusal(Clients.v5(broker, ID));

            assertThat(refusal.getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
            assertThat(refusal.getReasonString()).hasValueSatisfying(r -> assertThat(r.toString()).contains("clientId conflict"));
            assertThat(first.isConnected()).isTrue();
            assertThat(firstInbox.connectionLost).isEmpty();
        }

        @Test
        void acceptsTheClientIdAgainRightAfterTheFirstConnectionDisconnects() throws Exception {
            Mqtt5BlockingClient first = v5(broker, ID, new LinkedBlockingQueue<>());
            Mqtt5BlockingClient second = v5(broker, ID, new LinkedBlockingQueue<>());
            first.connect();
            first.disconnect();

            Mqtt5ConnAck ack = second.connect();

            assertThat(ack.getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
            assertThat(broker.broker().stats()).containsEntry("connectionsRefused", 0L);
        }
    }
}
