package dev.esl.broker.it;

import static dev.esl.broker.it.RawPackets.LEVEL_311;
import static dev.esl.broker.it.RawPackets.LEVEL_5;
import static dev.esl.broker.it.RawPackets.props;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient.Mqtt5Publishes;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubRecException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.pubrec.Mqtt5PubRec;
import com.hivemq.client.mqtt.mqtt5.message.publish.pubrec.Mqtt5PubRecReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5RetainHandling;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The MQTT 5 features of the broker, seen from real clients (HiveMQ, Paho) and, where needed, raw bytes. */
class Mqtt5FeaturesIT {
    private static final int MAX_PACKET_SIZE = 4096;
    private static final int MAX_KEEP_ALIVE = 30;
    private static final int RECEIVE_MAXIMUM = 10;
    private static final int TOPIC_ALIAS_MAXIMUM = 32;
    private static final Duration QUIET = Duration.ofMillis(500);

    @RegisterExtension
    RunningBroker broker = RunningBroker.seed(b -> b.maxPacketSize(MAX_PACKET_SIZE)
            .maxKeepAliveSeconds(MAX_KEEP_ALIVE).receiveMaximum(RECEIVE_MAXIMUM).topicAliasMaximum(TOPIC_ALIAS_MAXIMUM));

    private final List<Mqtt5BlockingClient> clients = new ArrayList<>();
    private final List<MqttAsyncClient> pahoClients = new ArrayList<>();

    @AfterEach
    void disconnectClients() throws MqttException {
        for (Mqtt5BlockingClient c : clients) {
            if (c.getState().isConnected()) {
                c.disconnect();
            }
        }
        for (MqttAsyncClient c : pahoClients) {
            if (c.isConnected()) {
                c.disconnect().waitForCompletion(5_000);
            }
            c.close();
        }
    }

    // ---- reason codes and reason strings

    @Test
    void clientIdWithoutGroupSeparatorIsRefusedWithClientIdentifierNotValidAndAReasonString() {
        assertThatThrownBy(() -> client("foo").connect()).isInstanceOfSatisfying(Mqtt5ConnAckException.class, e -> {
            assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
            assertThat(text(e.getMqttMessage().getReasonString())).contains("<GroupID>@@@<DeviceID>");
        });
    }

    @Test
    void clientIdOfAnUnknownGroupIsRefusedWithAReasonStringNamingTheGroup() {
        assertThatThrownBy(() -> client("GID_NOPE@@@x").connect()).isInstanceOfSatisfying(Mqtt5ConnAckException.class, e -> {
            assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
            assertThat(text(e.getMqttMessage().getReasonString())).isEqualTo("group 'GID_NOPE' does not exist on this broker");
        });
    }

    @Test
    void refusedClientIdOnTheWireIsConnAck0x02ForMqtt311And0x85WithAReasonStringForMqtt5() throws Exception {
        try (RawClient v311 = RawClient.open(broker.port(), false)) {
            v311.send(RawPackets.connect(LEVEL_311, "foo"));
            List<RawClient.Packet> packets = v311.packetsUntilClosed();
            assertThat(packets).hasSize(1);
            assertThat(packets.get(0).body()).as("CONNACK: no session, identifier rejected").containsExactly(0x00, 0x02);
        }
        try (RawClient v5 = RawClient.open(broker.port(), true)) {
            v5.send(RawPackets.connect(LEVEL_5, "foo"));
            List<RawClient.Packet> packets = v5.packetsUntilClosed();
            assertThat(packets).hasSize(1);
            RawClient.Packet connAck = packets.get(0);
            assertThat(connAck.type()).isEqualTo(RawPackets.CONNACK);
            assertThat(connAck.connAckCode()).isEqualTo(0x85);
            assertThat(connAck.reasonString()).contains("<GroupID>@@@<DeviceID>");
        }
    }

    @Test
    void qos1PublishToAnUnknownParentTopicGetsPubAckTopicNameInvalidWithAReasonString() {
        Mqtt5BlockingClient pub = connected("GID_TAGMGR@@@n1");
        Throwable error = catchThrowable(() -> pub.publishWith().topic("nowhere/x").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("x")).send());

        assertThat(error).isInstanceOf(Mqtt5PubAckException.class);
        Mqtt5PubAck ack = ((Mqtt5PubAckException) error).getMqttMessage();
        assertThat(ack.getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.TOPIC_NAME_INVALID);
        assertThat(text(ack.getReasonString())).isEqualTo("parent topic 'nowhere' does not exist on this broker");
        assertThat(pub.getState().isConnected()).as("a refused QoS 1 publish does not cost the connection").isTrue();
    }

    @Test
    void qos2PublishToAnUnknownParentTopicGetsPubRecTopicNameInvalidWithAReasonString() {
        Mqtt5BlockingClient pub = connected("GID_TAGMGR@@@n1");
        Throwable error = catchThrowable(() -> pub.publishWith().topic("nowhere/x").qos(MqttQos.EXACTLY_ONCE).payload(bytes("x")).send());

        assertThat(error).isInstanceOf(Mqtt5PubRecException.class);
        Mqtt5PubRec rec = ((Mqtt5PubRecException) error).getMqttMessage();
        assertThat(rec.getReasonCode()).isEqualTo(Mqtt5PubRecReasonCode.TOPIC_NAME_INVALID);
        assertThat(text(rec.getReasonString())).contains("parent topic 'nowhere'");
        assertThat(pub.getState().isConnected()).isTrue();
    }

    @Test
    void subscriptionToAnUnknownParentTopicGetsTopicFilterInvalidWhileTheOtherFilterIsGranted() {
        Mqtt5BlockingClient sub = connected("GID_AP@@@ap-1");
        Mqtt5SubAck subAck;
        try {
            subAck = sub.subscribeWith()
                    .addSubscription().topicFilter("esl/#").qos(MqttQos.AT_LEAST_ONCE).applySubscription()
                    .addSubscription().topicFilter("nowhere/#").qos(MqttQos.AT_LEAST_ONCE).applySubscription()
                    .send();
        } catch (Mqtt5SubAckException e) {
            subAck = e.getMqttMessage();
        }
        assertThat(subAck.getReasonCodes())
                .containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1, Mqtt5SubAckReasonCode.TOPIC_FILTER_INVALID);
        assertThat(text(subAck.getReasonString())).isEqualTo("nowhere/#: parent topic 'nowhere' does not exist on this broker");
    }

    @Test
    void publishThatNobodySubscribedToGetsNoMatchingSubscribers() {
        Mqtt5BlockingClient pub = connected("GID_TAGMGR@@@n1");
        Mqtt5PublishResult result = pub.publishWith().topic("esl/nobody").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("x")).send();

        assertThat(result.getError()).isEmpty();
        assertThat(((Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck().getReasonCode())
                .isEqualTo(Mqtt5PubAckReasonCode.NO_MATCHING_SUBSCRIBERS);
    }

    // ---- properties passed through

    @Test
    void userPropertiesReachTheSubscriberInTheirOrderWithDuplicates() throws Exception {
        Mqtt5BlockingClient sub = connected("GID_AP@@@ap-1");
        Mqtt5Publishes received = subscribe(sub, "esl/props", MqttQos.AT_LEAST_ONCE);
        Mqtt5BlockingClient pub = connected("GID_TAGMGR@@@n1");

        // Only user properties: no other property travels with this message.
        pub.publishWith().topic("esl/props").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("x"))
                .userProperties().add("z", "1").add("a", "2").add("z", "3").add("m", "").applyUserProperties()
                .send();

        Mqtt5Publish message = receive(received);
        assertThat(message.getUserProperties().asList()).extracting(p -> p.getName() + "=" + p.getValue())
                .containsExactly("z=1", "a=2", "z=3", "m=");
    }

    @Test
    void responseTopicCorrelationDataContentTypeAndPayloadFormatCarryARequestAndItsResponse() throws Exception {
        Mqtt5BlockingClient requester = connected("GID_TAGMGR@@@requester");
        Mqtt5Publishes responses = subscribe(requester, "esl/responses/requester", MqttQos.AT_LEAST_ONCE);
        Mqtt5BlockingClient responder = connected("GID_AP@@@responder");
        Mqtt5Publishes requests = subscribe(responder, "esl/requests", MqttQos.AT_LEAST_ONCE);
        byte[] correlation = {0, 1, 2, (byte) 0xFF, 42};

        requester.publishWith().topic("esl/requests").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("ping"))
                .responseTopic("esl/responses/requester").correlationData(correlation)
                .contentType("text/plain").payloadFormatIndicator(Mqtt5PayloadFormatIndicator.UTF_8)
                .userProperties().add("trace", "t-1").applyUserProperties()
                .send();

        Mqtt5Publish request = receive(requests);
        assertThat(request.getResponseTopic()).hasValueSatisfying(t -> assertThat(t.toString()).isEqualTo("esl/responses/requester"));
        assertThat(request.getCorrelationData()).hasValueSatisfying(b -> assertThat(array(b)).containsExactly(correlation));
        assertThat(text(request.getContentType())).isEqualTo("text/plain");
        assertThat(request.getPayloadFormatIndicator()).contains(Mqtt5PayloadFormatIndicator.UTF_8);
        assertThat(request.getUserProperties().asList()).extracting(p -> p.getName() + "=" + p.getValue()).containsExactly("trace=t-1");

        responder.publishWith().topic(request.getResponseTopic().orElseThrow()).qos(MqttQos.AT_LEAST_ONCE)
                .payload(bytes("pong")).correlationData(request.getCorrelationData().orElseThrow()).send();

        Mqtt5Publish response = receive(responses);
        assertThat(new String(response.getPayloadAsBytes(), UTF_8)).isEqualTo("pong");
        assertThat(response.getCorrelationData()).hasValueSatisfying(b -> assertThat(array(b)).containsExactly(correlation));
        assertThat(response.getResponseTopic()).isEmpty();
    }

    // ---- message expiry

    @Test
    void queuedMessageThatExpiredIsNotDeliveredAndTheOthersCarryTheirRemainingExpiry() throws Exception {
        Mqtt5BlockingClient sub = client("GID_AP@@@ap-1");
        sub.connectWith().cleanStart(true).sessionExpiryInterval(60).send();
        sub.subscribeWith().topicFilter("esl/expiry/#").qos(MqttQos.AT_LEAST_ONCE).send();
        sub.disconnect();

        Mqtt5BlockingClient pub = connected("GID_TAGMGR@@@n1");
        pub.publishWith().topic("esl/expiry/a").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("expires-in-1s")).messageExpiryInterval(1).send();
        pub.publishWith().topic("esl/expiry/b").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("expires-in-30s")).messageExpiryInterval(30).send();
        pub.publishWith().topic("esl/expiry/c").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("never-expires")).send();
        Thread.sleep(1_200);

        Mqtt5Publishes received = sub.publishes(MqttGlobalPublishFilter.ALL);
        Mqtt5ConnAck connAck = sub.connectWith().cleanStart(false).sessionExpiryInterval(60).send();
        assertThat(connAck.isSessionPresent()).isTrue();

        Mqtt5Publish first = receive(received);
        Mqtt5Publish second = receive(received);
        assertThat(received.receive(QUIET.toMillis(), TimeUnit.MILLISECONDS)).as("the expired message").isEmpty();
        received.close();

        assertThat(List.of(first, second)).extracting(p -> new String(p.getPayloadAsBytes(), UTF_8))
                .containsExactly("expires-in-30s", "never-expires");
        assertThat(first.getMessageExpiryInterval()).isPresent();
        assertThat(first.getMessageExpiryInterval().getAsLong()).as("30 s less the time spent queued").isBetween(1L, 29L);
        assertThat(second.getMessageExpiryInterval()).isEmpty();
        assertThat(broker.broker().stats().get("expiredDropped")).isEqualTo(1L);
    }

    // ---- topic aliases

    @Test
    void topicAliasMaximumIsAdvertisedInConnAck() {
        Mqtt5ConnAck connAck = client("GID_AP@@@ap-1").connect();
        assertThat(connAck.getRestrictions().getTopicAliasMaximum()).isEqualTo(TOPIC_ALIAS_MAXIMUM);
    }

    @Test
    void topicAliasesThatPahoUsesOnRepeatedPublishesAreResolvedToTheTopic() throws Exception {
        Mqtt5BlockingClient sub = connected("GID_AP@@@ap-1");
        Mqtt5Publishes received = subscribe(sub, "esl/alias/#", MqttQos.AT_LEAST_ONCE);
        MqttAsyncClient paho = paho("GID_TAGMGR@@@paho", null);
        String topic = "esl/alias/a/rather/long/topic/name";

        List<MqttMessage> sent = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            MqttMessage m = new MqttMessage(bytes("m" + i), 1, false, new MqttProperties());
            paho.publish(topic, m).waitForCompletion(5_000);
            sent.add(m);
        }
        // Paho writes the alias it used into the message's properties: the topic went with the first
        // publish only, the others carried alias 1 alone.
        assertThat(sent).extracting(m -> m.getProperties().getTopicAlias()).containsExactly(1, 1, 1);

        for (int i = 1; i <= 3; i++) {
            Mqtt5Publish p = receive(received);
            assertThat(p.getTopic().toString()).isEqualTo(topic);
            assertThat(new String(p.getPayloadAsBytes(), UTF_8)).isEqualTo("m" + i);
        }
    }

    @Test
    void topicAliasSetWithATopicIsReusedByPublishesWithoutTopicAndCanBeRemapped() throws Exception {
        Mqtt5BlockingClient sub = connected("GID_AP@@@ap-1");
        Mqtt5Publishes received = subscribe(sub, "esl/alias/#", MqttQos.AT_LEAST_ONCE);

        try (RawClient raw = RawClient.connected(broker.port(), LEVEL_5, "GID_TAGMGR@@@raw")) {
            raw.send(aliasPublish("esl/alias/raw", 5, 1, "one"));
            raw.send(aliasPublish("", 5, 2, "two"));
            raw.send(aliasPublish("esl/alias/other", 5, 3, "three"));
            raw.send(aliasPublish("", 5, 4, "four"));
            for (int id = 1; id <= 4; id++) {
                RawClient.Packet ack = raw.expect(RawPackets.PUBACK);
                assertThat(ack.packetId()).isEqualTo(id);
                assertThat(ack.reasonCode()).isZero();
            }
        }
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Mqtt5Publish p = receive(received);
            got.add(p.getTopic() + " " + new String(p.getPayloadAsBytes(), UTF_8));
        }
        assertThat(got).containsExactly("esl/alias/raw one", "esl/alias/raw two", "esl/alias/other three", "esl/alias/other four");
    }

    @Test
    void publishWithATopicAliasThatWasNeverSetIsAProtocolError() throws Exception {
        try (RawClient raw = RawClient.connected(broker.port(), LEVEL_5, "GID_TAGMGR@@@raw")) {
            raw.send(aliasPublish("", 7, 1, "lost"));
            RawClient.Packet disconnect = raw.assertDisconnectedWith(0x82);
            assertThat(disconnect.reasonString()).contains("topic alias 7");
        }
    }

    @Test
    void topicAliasAboveTheMaximumOrZeroIsTopicAliasInvalid() throws Exception {
        for (int alias : new int[] {TOPIC_ALIAS_MAXIMUM + 1, 0}) {
            try (RawClient raw = RawClient.connected(broker.port(), LEVEL_5, "GID_TAGMGR@@@raw")) {
                raw.send(aliasPublish("esl/alias/x", alias, 1, "x"));
                raw.assertDisconnectedWith(0x94);
            }
        }
    }

    // ---- subscription options

    @Test
    void noLocalSubscriptionDoesNotReceiveTheClientsOwnMessages() throws Exception {
        Mqtt5BlockingClient a = connected("GID_AP@@@a");
        Mqtt5Publishes atA = a.publishes(MqttGlobalPublishFilter.ALL);
        a.subscribeWith().topicFilter("esl/chat").qos(MqttQos.AT_LEAST_ONCE).noLocal(true).send();
        Mqtt5BlockingClient b = connected("GID_AP@@@b");
        Mqtt5Publishes atB = subscribe(b, "esl/chat", MqttQos.AT_LEAST_ONCE);

        a.publishWith().topic("esl/chat").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("from-a")).send();
        b.publishWith().topic("esl/chat").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("from-b")).send();

        assertThat(payload(receive(atA))).isEqualTo("from-b");
        assertThat(atA.receive(QUIET.toMillis(), TimeUnit.MILLISECONDS)).isEmpty();
        assertThat(List.of(payload(receive(atB)), payload(receive(atB)))).containsExactly("from-a", "from-b");
    }

    @Test
    void retainAsPublishedKeepsTheRetainFlagOfLiveMessagesOtherwiseItIsCleared() throws Exception {
        Mqtt5BlockingClient keeps = connected("GID_AP@@@keeps");
        Mqtt5Publishes atKeeps = keeps.publishes(MqttGlobalPublishFilter.ALL);
        keeps.subscribeWith().topicFilter("esl/rap").qos(MqttQos.AT_LEAST_ONCE).retainAsPublished(true).send();
        Mqtt5BlockingClient clears = connected("GID_AP@@@clears");
        Mqtt5Publishes atClears = subscribe(clears, "esl/rap", MqttQos.AT_LEAST_ONCE);
        Mqtt5BlockingClient pub = connected("GID_TAGMGR@@@n1");

        pub.publishWith().topic("esl/rap").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("retained")).retain(true).send();
        pub.publishWith().topic("esl/rap").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("plain")).send();

        assertThat(List.of(receive(atKeeps), receive(atKeeps))).extracting(p -> payload(p) + " retain=" + p.isRetain())
                .containsExactly("retained retain=true", "plain retain=false");
        assertThat(List.of(receive(atClears), receive(atClears))).extracting(p -> payload(p) + " retain=" + p.isRetain())
                .containsExactly("retained retain=false", "plain retain=false");
    }

    @Test
    void retainHandling0SendsRetainedMessagesOnEverySubscribe() throws Exception {
        publishRetained("esl/rh/x", "kept");
        Mqtt5BlockingClient sub = connected("GID_AP@@@ap-1");
        Mqtt5Publishes received = sub.publishes(MqttGlobalPublishFilter.ALL);

        for (int round = 0; round < 2; round++) {
            sub.subscribeWith().topicFilter("esl/rh/#").qos(MqttQos.AT_LEAST_ONCE).retainHandling(Mqtt5RetainHandling.SEND).send();
            Mqtt5Publish p = receive(received);
            assertThat(payload(p)).isEqualTo("kept");
            assertThat(p.isRetain()).isTrue();
        }
    }

    @Test
    void retainHandling1SendsRetainedMessagesOnlyForANewSubscription() throws Exception {
        publishRetained("esl/rh/x", "kept");
        Mqtt5BlockingClient sub = connected("GID_AP@@@ap-1");
        Mqtt5Publishes received = sub.publishes(MqttGlobalPublishFilter.ALL);

        sub.subscribeWith().topicFilter("esl/rh/#").qos(MqttQos.AT_LEAST_ONCE)
                .retainHandling(Mqtt5RetainHandling.SEND_IF_SUBSCRIPTION_DOES_NOT_EXIST).send();
        assertThat(payload(receive(received))).isEqualTo("kept");

        sub.subscribeWith().topicFilter("esl/rh/#").qos(MqttQos.AT_LEAST_ONCE)
                .retainHandling(Mqtt5RetainHandling.SEND_IF_SUBSCRIPTION_DOES_NOT_EXIST).send();
        assertThat(received.receive(QUIET.toMillis(), TimeUnit.MILLISECONDS)).as("re-subscription").isEmpty();
    }

    @Test
    void retainHandling2NeverSendsRetainedMessagesButLiveOnesStillArrive() throws Exception {
        publishRetained("esl/rh/x", "kept");
        Mqtt5BlockingClient sub = connected("GID_AP@@@ap-1");
        Mqtt5Publishes received = sub.publishes(MqttGlobalPublishFilter.ALL);

        sub.subscribeWith().topicFilter("esl/rh/#").qos(MqttQos.AT_LEAST_ONCE).retainHandling(Mqtt5RetainHandling.DO_NOT_SEND).send();
        assertThat(received.receive(QUIET.toMillis(), TimeUnit.MILLISECONDS)).isEmpty();

        connected("GID_TAGMGR@@@n2").publishWith().topic("esl/rh/x").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("live")).send();
        Mqtt5Publish live = receive(received);
        assertThat(payload(live)).isEqualTo("live");
        assertThat(live.isRetain()).isFalse();
    }

    @Test
    void subscriptionIdentifiersOfEveryMatchingSubscriptionComeWithTheMessage() throws Exception {
        publishRetained("esl/sid/retained", "r");
        BlockingQueue<Received> arrived = new LinkedBlockingQueue<>();
        MqttAsyncClient paho = paho("GID_AP@@@paho-sub", arrived);
        pahoSubscribe(paho, "esl/sid/#", 7);
        Received retained = poll(arrived);
        assertThat(retained.topic()).isEqualTo("esl/sid/retained");
        assertThat(retained.message().isRetained()).isTrue();
        assertThat(retained.message().getProperties().getSubscriptionIdentifiers()).containsExactly(7);

        pahoSubscribe(paho, "esl/sid/+", 9);
        poll(arrived); // the retained message once more, for the new filter
        pahoSubscribe(paho, "esl/sid/+/+", 0); // no identifier

        Mqtt5BlockingClient pub = connected("GID_TAGMGR@@@n1");
        pub.publishWith().topic("esl/sid/one").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("both")).send();
        pub.publishWith().topic("esl/sid/one/two").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("hash-and-unnumbered")).send();

        Received both = poll(arrived);
        assertThat(new String(both.message().getPayload(), UTF_8)).isEqualTo("both");
        assertThat(both.message().getProperties().getSubscriptionIdentifiers()).containsExactlyInAnyOrder(7, 9);
        Received one = poll(arrived);
        assertThat(new String(one.message().getPayload(), UTF_8)).isEqualTo("hash-and-unnumbered");
        assertThat(one.message().getProperties().getSubscriptionIdentifiers()).containsExactly(7);
        assertThat(arrived.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)).as("one copy per message").isNull();
    }

    // ---- maximum packet size

    @Test
    void brokersMaximumPacketSizeIsAdvertisedInConnAck() {
        Mqtt5ConnAck connAck = client("GID_AP@@@ap-1").connect();
        assertThat(connAck.getRestrictions().getMaximumPacketSize()).isEqualTo(MAX_PACKET_SIZE);
    }

    @Test
    void messageLargerThanTheClientsMaximumPacketSizeIsNotSentToThatClient() throws Exception {
        Mqtt5BlockingClient small = client("GID_AP@@@small");
        small.connectWith().restrictions().maximumPacketSize(256).applyRestrictions().send();
        Mqtt5Publishes atSmall = subscribe(small, "esl/size/#", MqttQos.AT_LEAST_ONCE);
        Mqtt5BlockingClient large = connected("GID_AP@@@large");
        Mqtt5Publishes atLarge = subscribe(large, "esl/size/#", MqttQos.AT_LEAST_ONCE);
        Mqtt5BlockingClient pub = connected("GID_TAGMGR@@@n1");

        pub.publishWith().topic("esl/size/big").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[1_000]).send();
        pub.publishWith().topic("esl/size/small").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("fits")).send();

        assertThat(payload(receive(atSmall))).isEqualTo("fits");
        assertThat(atSmall.receive(QUIET.toMillis(), TimeUnit.MILLISECONDS)).isEmpty();
        assertThat(receive(atLarge).getPayloadAsBytes()).hasSize(1_000);
        assertThat(payload(receive(atLarge))).isEqualTo("fits");
        assertThat(small.getState().isConnected()).isTrue();
        assertThat(broker.broker().stats().get("oversizedDropped")).isEqualTo(1L);
    }

    // ---- keep-alive

    @Test
    void serverKeepAliveIsSentWhenTheClientAsksForNoKeepAlive() {
        Mqtt5ConnAck connAck = client("GID_AP@@@ap-1").connectWith().keepAlive(0).send();
        assertThat(connAck.getServerKeepAlive()).hasValue(MAX_KEEP_ALIVE);
    }

    @Test
    void serverKeepAliveIsSentWhenTheClientAsksForMoreThanTheMaximum() {
        Mqtt5ConnAck connAck = client("GID_AP@@@ap-1").connectWith().keepAlive(MAX_KEEP_ALIVE + 1).send();
        assertThat(connAck.getServerKeepAlive()).hasValue(MAX_KEEP_ALIVE);
    }

    @Test
    void keepAliveWithinTheMaximumIsAcceptedAsAsked() {
        Mqtt5ConnAck connAck = client("GID_AP@@@ap-1").connectWith().keepAlive(MAX_KEEP_ALIVE - 10).send();
        assertThat(connAck.getServerKeepAlive()).isEmpty();
    }

    @Test
    void silentMqtt5ClientIsDisconnectedWithKeepAliveTimeoutAfterOneAndAHalfKeepAlivesAndItsWillIsPublished() throws Exception {
        Mqtt5BlockingClient watcher = connected("GID_AP@@@watcher");
        Mqtt5Publishes wills = subscribe(watcher, "esl/will/#", MqttQos.AT_LEAST_ONCE);

        try (RawClient silent = RawClient.connected(broker.port(), LEVEL_5,
                RawPackets.connectWithWill(LEVEL_5, "GID_TEST@@@silent", 1, "esl/will/silent", "gone"))) {
            long start = System.nanoTime();
            silent.assertDisconnectedWith(0x8D);
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(elapsedMillis).as("1.5 x the keep-alive of 1 s").isBetween(1_300L, 3_000L);
        }
        Mqtt5Publish will = receive(wills);
        assertThat(will.getTopic().toString()).isEqualTo("esl/will/silent");
        assertThat(payload(will)).isEqualTo("gone");
    }

    @Test
    void silentMqtt311ClientIsClosedAfterOneAndAHalfKeepAlivesAndItsWillIsPublished() throws Exception {
        Mqtt5BlockingClient watcher = connected("GID_AP@@@watcher");
        Mqtt5Publishes wills = subscribe(watcher, "esl/will/#", MqttQos.AT_LEAST_ONCE);

        try (RawClient silent = RawClient.connected(broker.port(), LEVEL_311,
                RawPackets.connectWithWill(LEVEL_311, "GID_TEST@@@silent", 1, "esl/will/silent", "gone"))) {
            long start = System.nanoTime();
            silent.assertClosedSilently();
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(1_300L, 3_000L);
        }
        assertThat(payload(receive(wills))).isEqualTo("gone");
    }

    @Test
    void clientThatPingsWithinItsKeepAliveStaysConnected() throws Exception {
        try (RawClient client = RawClient.connected(broker.port(), LEVEL_5, RawPackets.connect(LEVEL_5, "GID_TEST@@@pinger", 1, props()))) {
            for (int i = 0; i < 3; i++) { // 1.8 s in all, longer than the 1.5 s timeout
                Thread.sleep(600);
                client.send(RawPackets.pingReq());
                client.expect(RawPackets.PINGRESP);
            }
        }
    }

    // ---- receive maximum

    @Test
    void brokersReceiveMaximumIsAdvertisedInConnAck() {
        Mqtt5ConnAck connAck = client("GID_AP@@@ap-1").connect();
        assertThat(connAck.getRestrictions().getReceiveMaximum()).isEqualTo(RECEIVE_MAXIMUM);
    }

    @Test
    void brokerKeepsNoMoreUnacknowledgedQos1MessagesInFlightThanTheClientsReceiveMaximum() throws Exception {
        byte[] connect = RawPackets.connect(LEVEL_5, "GID_AP@@@slow", 60, props().u16(RawPackets.RECEIVE_MAXIMUM, 2));
        try (RawClient slow = RawClient.connected(broker.port(), LEVEL_5, connect)) {
            slow.send(RawPackets.subscribe(true, 1, "esl/window", 1));
            slow.expect(RawPackets.SUBACK);
            Mqtt5BlockingClient pub = connected("GID_TAGMGR@@@n1");
            for (int i = 1; i <= 5; i++) {
                pub.publishWith().topic("esl/window").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("m" + i)).send();
            }

            RawClient.Packet m1 = slow.expect(RawPackets.PUBLISH);
            RawClient.Packet m2 = slow.expect(RawPackets.PUBLISH);
            assertThat(slow.readWithin(QUIET)).as("a third message while two await PUBACK").isEmpty();

            List<String> payloads = new ArrayList<>(List.of(m1.payloadText(), m2.payloadText()));
            slow.send(RawPackets.ack(RawPackets.PUBACK, m1.packetId()));
            RawClient.Packet m3 = slow.expect(RawPackets.PUBLISH);
            payloads.add(m3.payloadText());
            assertThat(slow.readWithin(QUIET)).as("a fourth message while two await PUBACK").isEmpty();

            slow.send(RawPackets.ack(RawPackets.PUBACK, m2.packetId()), RawPackets.ack(RawPackets.PUBACK, m3.packetId()));
            RawClient.Packet m4 = slow.expect(RawPackets.PUBLISH);
            RawClient.Packet m5 = slow.expect(RawPackets.PUBLISH);
            payloads.add(m4.payloadText());
            payloads.add(m5.payloadText());
            assertThat(payloads).containsExactly("m1", "m2", "m3", "m4", "m5");
        }
    }

    @Test
    void clientWithMoreUnreleasedQos2MessagesThanTheReceiveMaximumIsDisconnected() throws Exception {
        try (RawClient greedy = RawClient.connected(broker.port(), LEVEL_5, "GID_TAGMGR@@@greedy")) {
            for (int id = 1; id <= RECEIVE_MAXIMUM + 1; id++) {
                greedy.send(RawPackets.publish(true, "esl/qos2", 2, id, "m" + id));
            }
            List<RawClient.Packet> packets = greedy.packetsUntilClosed();
            assertThat(packets).hasSize(RECEIVE_MAXIMUM + 1);
            assertThat(packets.subList(0, RECEIVE_MAXIMUM)).allSatisfy(p -> assertThat(p.type()).isEqualTo(RawPackets.PUBREC));
            RawClient.Packet last = packets.get(RECEIVE_MAXIMUM);
            assertThat(last.type()).isEqualTo(RawPackets.DISCONNECT);
            assertThat(last.reasonCode()).as("Receive Maximum exceeded").isEqualTo(0x93);
        }
    }

    // ---- helpers

    private Mqtt5BlockingClient client(String id) {
        Mqtt5BlockingClient c = MqttClient.builder().useMqttVersion5().identifier(id)
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        clients.add(c);
        return c;
    }

    private Mqtt5BlockingClient connected(String id) {
        Mqtt5BlockingClient c = client(id);
        c.connect();
        return c;
    }

    /** Subscribes and returns the stream of what arrives; the stream is opened first so nothing is missed. */
    private static Mqtt5Publishes subscribe(Mqtt5BlockingClient c, String filter, MqttQos qos) {
        Mqtt5Publishes publishes = c.publishes(MqttGlobalPublishFilter.ALL);
        c.subscribeWith().topicFilter(filter).qos(qos).send();
        return publishes;
    }

    private static Mqtt5Publish receive(Mqtt5Publishes publishes) throws InterruptedException {
        return publishes.receive(5, TimeUnit.SECONDS).orElseThrow(() -> new AssertionError("nothing received within 5 s"));
    }

    private void publishRetained(String topic, String payload) {
        Mqtt5BlockingClient pub = connected("GID_TAGMGR@@@retainer");
        pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes(payload)).retain(true).send();
        pub.disconnect();
    }

    private static byte[] aliasPublish(String topic, int alias, int packetId, String payload) {
        return RawPackets.publish(true, topic.getBytes(UTF_8), 1, packetId, props().u16(RawPackets.TOPIC_ALIAS, alias), bytes(payload));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    private static String payload(Mqtt5Publish p) {
        return new String(p.getPayloadAsBytes(), UTF_8);
    }

    private static byte[] array(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    private static String text(Optional<?> value) {
        return value.map(Object::toString).orElse(null);
    }

    record Received(String topic, MqttMessage message) {
    }

    private MqttAsyncClient paho(String id, BlockingQueue<Received> arrived) throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(broker.tcpUri(), id, new MemoryPersistence());
        pahoClients.add(c);
        c.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                if (arrived != null) {
                    arrived.add(new Received(topic, message));
                }
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setAutomaticReconnect(false);
        options.setCleanStart(true);
        IMqttToken token = c.connect(options);
        token.waitForCompletion(5_000);
        return c;
    }

    private static void pahoSubscribe(MqttAsyncClient c, String filter, int subscriptionId) throws MqttException {
        MqttProperties properties = new MqttProperties();
        if (subscriptionId > 0) {
            properties.setSubscriptionIdentifier(subscriptionId);
        }
        IMqttToken token = c.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)}, null, null, properties);
        token.waitForCompletion(5_000);
        assertThat(token.getReasonCodes()).containsExactly(1);
    }

    private static Received poll(BlockingQueue<Received> arrived) throws InterruptedException {
        Received r = arrived.poll(5, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("Paho received nothing within 5 s");
        }
        return r;
    }
}
