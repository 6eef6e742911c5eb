package dev.esl.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.pubrec.Mqtt5PubRec;
import com.hivemq.client.mqtt.mqtt5.message.publish.pubrec.Mqtt5PubRecReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.IntStream;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which topics the broker accepts for SUBSCRIBE and PUBLISH, and the per-client subscription quota. */
class TopicRulesIT {
    static final String SUB = "GID_AP@@@sub-1";
    static final String PUB = "GID_TAGMGR@@@pub-1";
    /** "esl/" plus 60 characters = 64. */
    static final String TOPIC_OF_64 = "esl/" + "level-0123/".repeat(5) + "abcde";
    static final String TOPIC_OF_65 = TOPIC_OF_64 + "f";
    static final String SUBSCRIBE_LOGGER = "dev.esl.broker.protocol.SubscribeProcessor";

    /** Clients a test opened, closed after it whatever happened. */
    final List<Mqtt5BlockingClient> v5Clients = new ArrayList<>();
    final List<MqttClient> v3Clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        v5Clients.forEach(Clients::disconnectQuietly);
        v3Clients.forEach(Clients::closeQuietly);
    }

    Mqtt5BlockingClient v5(RunningBroker broker, String clientId) {
        Mqtt5BlockingClient client = Clients.v5Connected(broker, clientId);
        v5Clients.add(client);
        return client;
    }

    MqttClient v3(RunningBroker broker, String clientId, Clients.V3Inbox inbox) throws Exception {
        MqttClient client = Clients.v3Connected(broker, clientId, inbox);
        v3Clients.add(client);
        return client;
    }

    static String reason(Mqtt5SubAck ack) {
        return ack.getReasonString().map(Object::toString).orElse("");
    }

    static String reason(Mqtt5PubAck ack) {
        return ack.getReasonString().map(Object::toString).orElse("");
    }

    @Nested
    class InSeedMode {
        @RegisterExtension
        RunningBroker broker = RunningBroker.seed();

        @Test
        void refusesMqtt311SubscriptionToUnknownParentWithFailureCode() throws Exception {
            MqttClient client = v3(broker, SUB, null);

            int[] granted = client.subscribeWithResponse("nope/x", 1).getGrantedQos();

            assertThat(granted).containsExactly(0x80);
            assertThat(client.isConnected()).isTrue();
        }

        @Test
        void refusesMqtt5SubscriptionToUnknownParentWithTopicFilterInvalidAndReason() {
            Mqtt5BlockingClient client = v5(broker, SUB);

            Mqtt5SubAck ack = Clients.subAck(client, "nope/x");

            assertThat(ack.getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.TOPIC_FILTER_INVALID);
            assertThat(reason(ack)).contains("parent topic 'nope' does not exist");
            assertThat(client.getState().isConnected()).isTrue();
        }

        @ParameterizedTest(name = "QoS {0}")
        @ValueSource(ints = {0, 1, 2})
        void closesMqtt311ConnectionThatPublishesToUnknownParent(int qos) throws Exception {
            Clients.V3Inbox inbox = new Clients.V3Inbox();
            MqttClient client = v3(broker, PUB, inbox);

            catchThrowable(() -> client.publish("nope/x", "lost".getBytes(StandardCharsets.UTF_8), qos, false));

            await().atMost(Duration.ofSeconds(Clients.TIMEOUT_SECONDS)).until(() -> !inbox.connectionLost.isEmpty());
            assertThat(client.isConnected()).isFalse();
            assertThat(broker.broker().stats()).containsEntry("messagesReceived", 0L);
        }

        @Test
        void answersMqtt5Qos1PublishToUnknownParentWithPubAckTopicNameInvalid() {
            Mqtt5BlockingClient client = v5(broker, PUB);

            Mqtt5PubAck ack = Clients.pubAck(client, "nope/x", "refused");

            assertThat(ack.getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.TOPIC_NAME_INVALID);
            assertThat(reason(ack)).contains("parent topic 'nope' does not exist");
            assertThat(client.getState().isConnected()).isTrue();
            assertThat(broker.broker().stats()).containsEntry("messagesReceived", 0L);
        }

        @Test
        void answersMqtt5Qos2PublishToUnknownParentWithPubRecTopicNameInvalid() {
            Mqtt5BlockingClient client = v5(broker, PUB);

            Mqtt5PubRec rec = Clients.pubRec(client, "nope/x", "refused");

            assertThat(rec.getReasonCode()).isEqualTo(Mqtt5PubRecReasonCode.TOPIC_NAME_INVALID);
            assertThat(rec.getReasonString()).hasValueSatisfying(r -> assertThat(r.toString())
                    .contains("parent topic 'nope' does not exist"));
            assertThat(client.getState().isConnected()).isTrue();
            assertThat(broker.broker().stats()).containsEntry("messagesReceived", 0L);
        }

        @Test
        void disconnectsMqtt5ClientThatPublishesQos0ToUnknownParentWithTopicNameInvalid() {
            BlockingQueue<MqttClientDisconnectedContext> disconnects = new LinkedBlockingQueue<>();
            Mqtt5BlockingClient client = Clients.v5Builder(broker, PUB).addDisconnectedListener(disconnects::add).buildBlocking();
            v5Clients.add(client);
            client.connect();

            client.publishWith().topic("nope/x").payload("lost".getBytes(StandardCharsets.UTF_8)).qos(MqttQos.AT_MOST_ONCE).send();

            MqttClientDisconnectedContext disconnect = await().atMost(Duration.ofSeconds(Clients.TIMEOUT_SECONDS))
                    .until(disconnects::poll, d -> d != null);
            assertThat(disconnect.getSource()).isEqualTo(MqttDisconnectSource.SERVER);
            assertThat(disconnect.getCause()).isInstanceOfSatisfying(Mqtt5DisconnectException.class, e -> {
                assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5DisconnectReasonCode.TOPIC_NAME_INVALID);
                assertThat(e.getMqttMessage().getReasonString()).hasValueSatisfying(r -> assertThat(r.toString())
                        .contains("parent topic 'nope' does not exist"));
            });
            assertThat(broker.broker().stats()).containsEntry("messagesReceived", 0L);
        }

        @Test
        void matchesParentTopicCaseInsensitively() throws Exception {
            Mqtt5BlockingClient sub = v5(broker, SUB);
            Mqtt5BlockingClient pub = v5(broker, PUB);
            try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
                assertThat(Clients.subAck(sub, "ESL/x", "Test/+").getReasonCodes())
                        .containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1, Mqtt5SubAckReasonCode.GRANTED_QOS_1);

                assertThat(Clients.pubAck(pub, "ESL/x", "upper").getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
                assertThat(Clients.nextPayload(publishes)).isEqualTo("upper");
                assertThat(Clients.pubAck(pub, "Test/y", "mixed").getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
                assertThat(Clients.nextPayload(publishes)).isEqualTo("mixed");
            }
        }

        @Test
        void acceptsTopicOf64CharactersForSubscribeAndPublish() throws Exception {
            assertThat(TOPIC_OF_64).hasSize(64);
            Mqtt5BlockingClient sub = v5(broker, SUB);
            Mqtt5BlockingClient pub = v5(broker, PUB);
            try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
                assertThat(Clients.subAck(sub, TOPIC_OF_64).getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);

                assertThat(Clients.pubAck(pub, TOPIC_OF_64, "64").getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
                assertThat(Clients.nextPayload(publishes)).isEqualTo("64");
            }
        }

        @Test
        void refusesTopicOf65CharactersForSubscribeAndPublish() {
            assertThat(TOPIC_OF_65).hasSize(65);
            Mqtt5BlockingClient client = v5(broker, SUB);

            Mqtt5SubAck subAck = Clients.subAck(client, TOPIC_OF_65);
            assertThat(subAck.getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.TOPIC_FILTER_INVALID);
            assertThat(reason(subAck)).contains("65 characters, at most 64");

            Mqtt5PubAck pubAck = Clients.pubAck(client, TOPIC_OF_65, "65");
            assertThat(pubAck.getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.TOPIC_NAME_INVALID);
            assertThat(reason(pubAck)).contains("65 characters, at most 64");
        }

        @Test
        void refusesMqtt311SubscriptionOf65Characters() throws Exception {
            MqttClient client = v3(broker, SUB, null);

            assertThat(client.subscribeWithResponse(TOPIC_OF_65, 1).getGrantedQos()).containsExactly(0x80);
            assertThat(client.subscribeWithResponse(TOPIC_OF_64, 1).getGrantedQos()).containsExactly(1);
        }

        @ParameterizedTest(name = "[{index}] ''{0}''")
        @ValueSource(strings = {"esl/a.b", "esl/a b", "esl/a@b", "esl/a:b", "esl/caf\u00e9", "esl/a$b"})
        void refusesTopicWithIllegalCharacterForSubscribeAndPublish(String topic) {
            Mqtt5BlockingClient client = v5(broker, SUB);

            Mqtt5SubAck subAck = Clients.subAck(client, topic);
            assertThat(subAck.getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.TOPIC_FILTER_INVALID);
            assertThat(reason(subAck)).contains("may hold only letters, digits, '-', '_' and '/'");

            Mqtt5PubAck pubAck = Clients.pubAck(client, topic, "x");
            assertThat(pubAck.getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.TOPIC_NAME_INVALID);
            assertThat(reason(pubAck)).contains("may hold only letters, digits, '-', '_' and '/'");
        }

        @Test
        void acceptsWildcardFiltersUnderAKnownParent() throws Exception {
            Mqtt5BlockingClient sub = v5(broker, SUB);
            Mqtt5BlockingClient pub = v5(broker, PUB);
            try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
                assertThat(Clients.subAck(sub, "esl/+/price", "test/#").getReasonCodes())
                        .containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1, Mqtt5SubAckReasonCode.GRANTED_QOS_1);

                Clients.pubAck(pub, "esl/tag-7/price", "plus");
                assertThat(Clients.nextPayload(publishes)).isEqualTo("plus");
                Clients.pubAck(pub, "test/a/b/c", "hash");
                assertThat(Clients.nextPayload(publishes)).isEqualTo("hash");
            }
        }

        @Test
        void refusesWildcardFilterUnderUnknownParent() {
            Mqtt5BlockingClient client = v5(broker, SUB);

            Mqtt5SubAck ack = Clients.subAck(client, "nope/#");

            assertThat(ack.getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.TOPIC_FILTER_INVALID);
            assertThat(reason(ack)).contains("parent topic 'nope' does not exist");
        }

        @Test
        void deliversP2pMessageToTargetWhoseLongClientIdMakesTheTopicLongerThan64Characters() throws Exception {
            String target = ClientIdRulesIT.ID_OF_64;
            String p2pTopic = "esl/p2p/" + target;
            assertThat(p2pTopic.length()).isGreaterThan(64);
            Mqtt5BlockingClient receiver = v5(broker, target);
            Mqtt5BlockingClient sender = v5(broker, PUB);
            try (Mqtt5BlockingClient.Mqtt5Publishes publishes = receiver.publishes(MqttGlobalPublishFilter.ALL)) {
                assertThat(Clients.subAck(receiver, p2pTopic).getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);

                Mqtt5PubAck ack = Clients.pubAck(sender, p2pTopic, "direct");

                assertThat(ack.getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
                assertThat(Clients.nextPayload(publishes)).isEqualTo("direct");
            }
        }

        @ParameterizedTest(name = "[{index}] ''{0}''")
        @ValueSource(strings = {"esl/p2p/GID_AP@@@ap.1", "esl/p2p/no-separator", "esl/p2p/" + ClientIdRulesIT.ID_OF_65})
        void refusesP2pPublishWhoseTargetIsNotAValidClientId(String topic) {
            Mqtt5BlockingClient client = v5(broker, PUB);

            Mqtt5PubAck ack = Clients.pubAck(client, topic, "x");

            assertThat(ack.getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.TOPIC_NAME_INVALID);
            assertThat(reason(ack)).contains("is not a valid client ID");
        }

        @ParameterizedTest(name = "[{index}] ''{0}''")
        @ValueSource(strings = {"esl/p2p/GID_AP@@@ap.1", "esl/p2p/no-separator", "esl/p2p/" + ClientIdRulesIT.ID_OF_65})
        void refusesP2pSubscriptionWhoseTargetIsNotAValidClientId(String filter) {
            Mqtt5BlockingClient client = v5(broker, SUB);

            Mqtt5SubAck ack = Clients.subAck(client, filter);

            assertThat(ack.getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.TOPIC_FILTER_INVALID);
            assertThat(reason(ack)).contains("is not a valid client ID");
        }

        @Test
        void refusesThe31stSubscriptionWithQuotaExceededUnderTheDefaultLimitOf30() {
            Mqtt5BlockingClient client = v5(broker, SUB);
            String[] filters = IntStream.rangeClosed(1, 31).mapToObj(i -> "esl/quota/" + i).toArray(String[]::new);

            Mqtt5SubAck ack = Clients.subAck(client, filters);

            assertThat(ack.getReasonCodes()).hasSize(31);
            assertThat(ack.getReasonCodes().subList(0, 30)).containsOnly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
            assertThat(ack.getReasonCodes().get(30)).isEqualTo(Mqtt5SubAckReasonCode.QUOTA_EXCEEDED);
            assertThat(reason(ack)).contains("esl/quota/31").contains("at most 30 subscriptions per client");
        }

        @Test
        void grantsTheOtherFiltersOfASubscribeWhenOneIsRefusedAndLogsTheRefusal() throws Exception {
            Mqtt5BlockingClient sub = v5(broker, SUB);
            Mqtt5BlockingClient pub = v5(broker, PUB);
            try (LogCapture log = LogCapture.of(SUBSCRIBE_LOGGER);
                 Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
                Mqtt5SubAck ack = Clients.subAck(sub, "esl/ok", "nope/x", "test/y");

                assertThat(ack.getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1,
                        Mqtt5SubAckReasonCode.TOPIC_FILTER_INVALID, Mqtt5SubAckReasonCode.GRANTED_QOS_1);
                assertThat(reason(ack)).contains("nope/x").doesNotContain("esl/ok").doesNotContain("test/y");
                assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                        .startsWith("WARN").contains(SUB).contains("'nope/x'").contains("parent topic 'nope' does not exist"));

                Clients.pubAck(pub, "esl/ok", "first");
                assertThat(Clients.nextPayload(publishes)).isEqualTo("first");
                Clients.pubAck(pub, "test/y", "third");
                assertThat(Clients.nextPayload(publishes)).isEqualTo("third");
            }
        }

        @Test
        void grantsTheOtherFiltersOfAnMqtt311SubscribeWhenOneIsRefusedAndLogsTheRefusal() throws Exception {
            Clients.V3Inbox inbox = new Clients.V3Inbox();
            MqttClient sub = v3(broker, SUB, inbox);
            MqttClient pub = v3(broker, PUB, null);
            try (LogCapture log = LogCapture.of(SUBSCRIBE_LOGGER)) {
                int[] granted = sub.subscribeWithResponse(new String[] {"esl/ok", "nope/x", "test/y"}, new int[] {1, 1, 1})
                        .getGrantedQos();

                assertThat(granted).containsExactly(1, 0x80, 1);
                assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                        .startsWith("WARN").contains(SUB).contains("'nope/x'").contains("parent topic 'nope' does not exist"));
                pub.publish("test/y", "third".getBytes(StandardCharsets.UTF_8), 1, false);
                assertThat(inbox.next().payload()).isEqualTo("third");
            }
        }
    }

    @Nested
    class WithThreeSubscriptionsPerClient {
        @RegisterExtension
        RunningBroker broker = RunningBroker.seed(b -> b.maxSubscriptionsPerClient(3));

        @Test
        void refusesTheFourthSubscriptionWithQuotaExceeded() {
            Mqtt5BlockingClient client = v5(broker, SUB);
            for (int i = 1; i <= 3; i++) {
                assertThat(Clients.subAck(client, "esl/q/" + i).getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
            }

            Mqtt5SubAck fourth = Clients.subAck(client, "esl/q/4");

            assertThat(fourth.getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.QUOTA_EXCEEDED);
            assertThat(reason(fourth)).contains("at most 3 subscriptions per client");
        }

        @Test
        void stillGrantsARepeatedSubscriptionAtTheQuota() {
            Mqtt5BlockingClient client = v5(broker, SUB);
            Clients.subAck(client, "esl/q/1", "esl/q/2", "esl/q/3");

            assertThat(Clients.subAck(client, "esl/q/2").getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
        }

        @Test
        void grantsANewSubscriptionAfterAnUnsubscribeFreesRoom() {
            Mqtt5BlockingClient client = v5(broker, SUB);
            Clients.subAck(client, "esl/q/1", "esl/q/2", "esl/q/3");
            assertThat(Clients.subAck(client, "esl/q/4").getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.QUOTA_EXCEEDED);

            client.unsubscribeWith().topicFilter("esl/q/1").send();

            assertThat(Clients.subAck(client, "esl/q/4").getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
        }

        @Test
        void refusesTheFourthMqtt311SubscriptionWithFailureCode() throws Exception {
            MqttClient client = v3(broker, SUB, null);

            int[] granted = client.subscribeWithResponse(new String[] {"esl/q/1", "esl/q/2", "esl/q/3", "esl/q/4"},
                    new int[] {1, 1, 1, 1}).getGrantedQos();

            assertThat(granted).containsExactly(1, 1, 1, 0x80);
        }
    }

    @Nested
    class InPlainMode {
        @RegisterExtension
        RunningBroker broker = RunningBroker.plain();

        @ParameterizedTest(name = "[{index}] ''{0}''")
        @ValueSource(strings = {"nope/x", "Any Topic/with.dots@and:colons/caf\u00e9",
                "a/very/long/topic/that/is/well/beyond/sixty-four/characters/in/plain/mode/0123456789"})
        void acceptsAnyTopicForSubscribeAndPublish(String topic) throws Exception {
            Mqtt5BlockingClient sub = v5(broker, "subscriber");
            Mqtt5BlockingClient pub = v5(broker, "publisher");
            try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
                assertThat(Clients.subAck(sub, topic).getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);

                assertThat(Clients.pubAck(pub, topic, "plain").getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
                assertThat(Clients.nextPayload(publishes)).isEqualTo("plain");
            }
        }

        @Test
        void acceptsUnknownParentFromMqtt311Publisher() throws Exception {
            Clients.V3Inbox inbox = new Clients.V3Inbox();
            MqttClient sub = v3(broker, "subscriber", inbox);
            MqttClient pub = v3(broker, "publisher", null);

            assertThat(sub.subscribeWithResponse("nope/x", 1).getGrantedQos()).containsExactly(1);
            pub.publish("nope/x", "plain".getBytes(StandardCharsets.UTF_8), 1, false);

            assertThat(inbox.next().payload()).isEqualTo("plain");
            assertThat(pub.isConnected()).isTrue();
        }
    }
}
