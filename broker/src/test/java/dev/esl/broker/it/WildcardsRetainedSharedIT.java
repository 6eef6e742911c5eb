package dev.esl.broker.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient.Mqtt5Publishes;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Topic matching ('+', '#', '$' topics), retained messages and shared subscriptions, on a broker in plain
 * naming mode so that any topic, '$SYS/...' included, may be used.
 */
class WildcardsRetainedSharedIT {
    private static final Duration QUIET = Duration.ofMillis(500);

    @RegisterExtension
    RunningBroker broker = RunningBroker.plain();

    private final List<Mqtt5BlockingClient> clients = new ArrayList<>();
    private final List<org.eclipse.paho.client.mqttv3.MqttClient> pahoClients = new ArrayList<>();

    @AfterEach
    void disconnectClients() throws MqttException {
        for (Mqtt5BlockingClient c : clients) {
            if (c.getState().isConnected()) {
                c.disconnect();
            }
        }
        for (org.eclipse.paho.client.mqttv3.MqttClient c : pahoClients) {
            if (c.isConnected()) {
                c.disconnect(1_000);
            }
            c.close();
        }
    }

    // ---- wildcards

    @Test
    void plusMatchesExactlyOneLevelIncludingAnEmptyOne() throws Exception {
        Mqtt5Publishes received = subscribe(connected("sub"), "home/+/temp");
        Mqtt5BlockingClient pub = connected("pub");

        for (String topic : List.of("home/kitchen/temp", "home/temp", "home/a/b/temp", "home//temp",
                "office/kitchen/temp", "home/kitchen/temp/x", "home/kitchen/end")) {
            publish(pub, topic, topic);
        }
        publish(pub, "home/last/temp", "last");

        assertThat(topicsUntil(received, "home/last/temp")).containsExactly("home/kitchen/temp", "home//temp", "home/last/temp");
    }

    @Test
    void hashMatchesTheParentLevelAndEverythingBelowIt() throws Exception {
        Mqtt5Publishes received = subscribe(connected("sub"), "home/#");
        Mqtt5BlockingClient pub = connected("pub");

        for (String topic : List.of("home", "home/a", "homes", "home/a/b/c", "other/home", "home/")) {
            publish(pub, topic, topic);
        }
        publish(pub, "home/last", "last");

        assertThat(topicsUntil(received, "home/last")).containsExactly("home", "home/a", "home/a/b/c", "home/", "home/last");
    }

    @Test
    void plusAndHashCombineAcrossLevels() throws Exception {
        Mqtt5Publishes received = subscribe(connected("sub"), "+/store/+/#");
        Mqtt5BlockingClient pub = connected("pub");

        for (String topic : List.of("esl/store/1", "esl/store/1/price/now", "esl/shop/1/price", "esl/store", "x/store/2/y")) {
            publish(pub, topic, topic);
        }
        publish(pub, "last/store/0", "last");

        assertThat(topicsUntil(received, "last/store/0"))
                .containsExactly("esl/store/1", "esl/store/1/price/now", "x/store/2/y", "last/store/0");
    }

    @Test
    void topicsStartingWithDollarAreNotMatchedByLeadingWildcardsButByAnExplicitDollarFilter() throws Exception {
        Mqtt5Publishes everything = subscribe(connected("hash"), "#");
        Mqtt5Publishes plusFirst = subscribe(connected("plus"), "+/monitor/#");
        Mqtt5Publishes dollarSys = subscribe(connected("dollar"), "$SYS/#");
        Mqtt5Publishes dollarPlus = subscribe(connected("dollar-plus"), "$SYS/+/load");
        Mqtt5BlockingClient pub = connected("pub");

        publish(pub, "$SYS/monitor/load", "dollar");
        publish(pub, "$SYS/x/load", "dollar-2");
        publish(pub, "app/monitor/load", "plain");

        assertThat(topicsUntil(everything, "app/monitor/load")).containsExactly("app/monitor/load");
        assertThat(topicsUntil(plusFirst, "app/monitor/load")).containsExactly("app/monitor/load");
        assertThat(topicsUntil(dollarSys, "$SYS/x/load")).containsExactly("$SYS/monitor/load", "$SYS/x/load");
        assertThat(topicsUntil(dollarPlus, "$SYS/x/load")).containsExactly("$SYS/monitor/load", "$SYS/x/load");
        assertThat(dollarSys.receive(QUIET.toMillis(), TimeUnit.MILLISECONDS)).isEmpty();
    }

    // ---- retained messages

    @Test
    void retainedMessageIsSetThenReplacedThenClearedByAnEmptyPayload() throws Exception {
        Mqtt5BlockingClient pub = connected("pub");
        Mqtt5Publishes live = subscribe(connected("live"), "store/+/price");

        publishRetained(pub, "store/1/price", "9.99");
        Mqtt5Publish first = receive(subscribe(connected("late-1"), "store/+/price"));
        assertThat(payload(first)).isEqualTo("9.99");
        assertThat(first.isRetain()).as("sent because it is retained [MQTT-3.3.1-9]").isTrue();

        publishRetained(pub, "store/1/price", "8.49");
        Mqtt5Publishes late2 = subscribe(connected("late-2"), "store/+/price");
        assertThat(payload(receive(late2))).isEqualTo("8.49");
        assertThat(late2.receive(QUIET.toMillis(), TimeUnit.MILLISECONDS)).as("only the latest is kept").isEmpty();

        publishRetained(pub, "store/1/price", "");
        Mqtt5Publishes late3 = subscribe(connected("late-3"), "store/+/price");
        assertThat(late3.receive(QUIET.toMillis(), TimeUnit.MILLISECONDS)).as("cleared").isEmpty();

        // The live subscriber saw all three as ordinary messages, the empty one included.
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Mqtt5Publish p = receive(live);
            seen.add(payload(p) + (p.isRetain() ? " (retain)" : ""));
        }
        assertThat(seen).containsExactly("9.99", "8.49", "");
    }

    @Test
    void wildcardSubscriptionGetsTheRetainedMessageOfEveryMatchingTopic() throws Exception {
        Mqtt5BlockingClient pub = connected("pub");
        publishRetained(pub, "shelf/1/label", "a");
        publishRetained(pub, "shelf/2/label", "b");
        publishRetained(pub, "shelf/2/battery", "c");
        publishRetained(pub, "$SYS/shelf/label", "d");

        Mqtt5Publishes received = subscribe(connected("sub"), "+/+/label");
        Set<String> got = new HashSet<>();
        got.add(topicAndPayload(receive(received)));
        got.add(topicAndPayload(receive(received)));
        assertThat(received.receive(QUIET.toMillis(), TimeUnit.MILLISECONDS)).isEmpty();
        assertThat(got).containsExactlyInAnyOrder("shelf/1/label a", "shelf/2/label b");
    }

    @Test
    void retainedMessagesAreNotSentToSharedSubscriptions() throws Exception {
        Mqtt5BlockingClient pub = connected("pub");
        publishRetained(pub, "shelf/1/label", "a");

        Mqtt5Publishes member = subscribe(connected("member"), "$share/g/shelf/#");
        assertThat(member.receive(QUIET.toMillis(), TimeUnit.MILLISECONDS)).as("no retained message for a shared subscription").isEmpty();
        publish(pub, "shelf/1/label", "live");
        assertThat(payload(receive(member))).isEqualTo("live");
    }

    // ---- shared subscriptions

    @Test
    void mqtt5SharedSubscriptionSplitsOneHundredMessagesBetweenTwoMembers() {
        List<String> first = collect(connected("member-1"), "$share/workers/esl/#");
        List<String> second = collect(connected("member-2"), "$share/workers/esl/#");
        Mqtt5BlockingClient pub = connected("pub");

        for (int i = 0; i < 100; i++) {
            publish(pub, "esl/job/" + (i % 7), String.valueOf(i));
        }

        assertSplitExactly(first, second, 100);
    }

    @Test
    void mqtt311SharedSubscriptionSplitsOneHundredMessagesBetweenTwoPahoMembers() throws Exception {
        List<String> first = pahoMember("paho-1", "$share/g/esl/#");
        List<String> second = pahoMember("paho-2", "$share/g/esl/#");
        Mqtt5BlockingClient pub = connected("pub");

        for (int i = 0; i < 100; i++) {
            publish(pub, "esl/job/" + (i % 7), String.valueOf(i));
        }

        assertSplitExactly(first, second, 100);
    }

    @Test
    void mqtt311AndMqtt5ClientsCanShareOneGroup() throws Exception {
        List<String> paho = pahoMember("paho-1", "$share/mixed/esl/#");
        List<String> hive = collect(connected("hive-1"), "$share/mixed/esl/#");
        Mqtt5BlockingClient pub = connected("pub");

        for (int i = 0; i < 100; i++) {
            publish(pub, "esl/job", String.valueOf(i));
        }

        assertSplitExactly(paho, hive, 100);
    }

    @Test
    void eachSharedGroupAndEachOrdinarySubscriberGetsItsOwnCopy() {
        List<String> groupA1 = collect(connected("a-1"), "$share/a/esl/#");
        List<String> groupA2 = collect(connected("a-2"), "$share/a/esl/#");
        List<String> groupB = collect(connected("b-1"), "$share/b/esl/+/x");
        List<String> ordinary = collect(connected("plain"), "esl/#");
        Mqtt5BlockingClient pub = connected("pub");

        for (int i = 0; i < 20; i++) {
            publish(pub, "esl/" + i + "/x", String.valueOf(i));
        }

        assertSplitExactly(groupA1, groupA2, 20);
        await().atMost(Duration.ofSeconds(10)).until(() -> groupB.size() == 20 && ordinary.size() == 20);
        assertThat(groupB).containsExactlyInAnyOrderElementsOf(numbers(20));
        assertThat(ordinary).containsExactlyInAnyOrderElementsOf(numbers(20));
    }

    @Test
    void whenAMemberLeavesTheRemainingMemberGetsEveryMessage() {
        List<String> staying = collect(connected("staying"), "$share/g/esl/#");
        Mqtt5BlockingClient leaving = connected("leaving");
        List<String> left = collect(leaving, "$share/g/esl/#");
        leaving.unsubscribeWith().topicFilter("$share/g/esl/#").send();
        Mqtt5BlockingClient pub = connected("pub");

        for (int i = 0; i < 10; i++) {
            publish(pub, "esl/job", String.valueOf(i));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> staying.size() == 10);
        assertThat(staying).containsExactlyElementsOf(numbers(10));
        assertThat(left).isEmpty();
    }

    @Test
    void malformedSharedSubscriptionFiltersAreRefusedWithTopicFilterInvalid() throws Exception {
        List<String> filters = List.of("$share/g+/esl/#", "$share//esl/#", "$share/g", "$share/g/");
        try (RawClient v5 = RawClient.connected(broker.port(), RawPackets.LEVEL_5, "raw-5");
             RawClient v311 = RawClient.connected(broker.port(), RawPackets.LEVEL_311, "raw-311")) {
            int packetId = 1;
            for (String filter : filters) {
                v5.send(RawPackets.subscribe(true, packetId, filter, 1));
                RawClient.Packet subAck5 = v5.expect(RawPackets.SUBACK);
                assertThat(subAck5.body()[subAck5.body().length - 1] & 0xFF).as("MQTT 5 SUBACK for %s", filter).isEqualTo(0x8F);
                v311.send(RawPackets.subscribe(false, packetId, filter, 1));
                RawClient.Packet subAck3 = v311.expect(RawPackets.SUBACK);
                assertThat(subAck3.body()).as("MQTT 3.1.1 SUBACK for %s", filter).containsExactly(0, packetId, 0x80);
                packetId++;
            }
        }
    }

    // ---- helpers

    private Mqtt5BlockingClient connected(String id) {
        Mqtt5BlockingClient c = MqttClient.builder().useMqttVersion5().identifier(id)
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        clients.add(c);
        c.connect();
        return c;
    }

    private static Mqtt5Publishes subscribe(Mqtt5BlockingClient c, String filter) {
        Mqtt5Publishes publishes = c.publishes(MqttGlobalPublishFilter.ALL);
        c.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
        return publishes;
    }

    /** Subscribes and collects the payloads of what arrives, as it arrives. */
    private static List<String> collect(Mqtt5BlockingClient c, String filter) {
        List<String> payloads = new CopyOnWriteArrayList<>();
        c.toAsync().publishes(MqttGlobalPublishFilter.ALL, p -> payloads.add(payload(p)));
        c.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
        return payloads;
    }

    private List<String> pahoMember(String id, String filter) throws MqttException {
        org.eclipse.paho.client.mqttv3.MqttClient c =
                new org.eclipse.paho.client.mqttv3.MqttClient(broker.tcpUri(), id, new MemoryPersistence());
        pahoClients.add(c);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        List<String> payloads = new CopyOnWriteArrayList<>();
        // A client-wide callback, not a per-subscription listener: Paho 3 matches listeners against the
        // filter as written, and "$share/g/esl/#" never matches a topic such as "esl/job".
        c.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                payloads.add(new String(message.getPayload(), UTF_8));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        c.connect(options);
        c.subscribe(filter, 1);
        return payloads;
    }

    private static void publish(Mqtt5BlockingClient pub, String topic, String payload) {
        pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload.getBytes(UTF_8)).send();
    }

    private static void publishRetained(Mqtt5BlockingClient pub, String topic, String payload) {
        pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload.getBytes(UTF_8)).retain(true).send();
    }

    private static Mqtt5Publish receive(Mqtt5Publishes publishes) throws InterruptedException {
        return publishes.receive(5, TimeUnit.SECONDS).orElseThrow(() -> new AssertionError("nothing received within 5 s"));
    }

    /** Topics received up to and including {@code last}, which the test publishes after everything else. */
    private static List<String> topicsUntil(Mqtt5Publishes publishes, String last) throws InterruptedException {
        List<String> topics = new ArrayList<>();
        while (topics.isEmpty() || !topics.get(topics.size() - 1).equals(last)) {
            topics.add(receive(publishes).getTopic().toString());
        }
        return topics;
    }

    private static String payload(Mqtt5Publish p) {
        return new String(p.getPayloadAsBytes(), UTF_8);
    }

    private static String topicAndPayload(Mqtt5Publish p) {
        return p.getTopic() + " " + payload(p);
    }

    private static List<String> numbers(int n) {
        return IntStream.range(0, n).mapToObj(String::valueOf).toList();
    }

    /** Every message reached exactly one of the two members, and each member had a fair part of them. */
    private static void assertSplitExactly(List<String> first, List<String> second, int total) {
        await().atMost(Duration.ofSeconds(10)).until(() -> first.size() + second.size() >= total);
        try {
            Thread.sleep(QUIET.toMillis()); // nothing more may come: no message twice
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        assertThat(all).as("each message exactly once across the group").containsExactlyInAnyOrderElementsOf(numbers(total));
        assertThat(first.size()).as("share of the first member (%s vs %s)", first.size(), second.size())
                .isGreaterThanOrEqualTo(total / 5);
        assertThat(second.size()).as("share of the second member (%s vs %s)", first.size(), second.size())
                .isGreaterThanOrEqualTo(total / 5);
    }
}
