package dev.esl.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several publishers on different session lanes send QoS 1 to one persistent subscriber of the durable broker,
 * which serves it from memory once it has caught up and from the store after a reconnect: every message
 * arrives, once while connected, and each publisher's messages in the order they were sent.
 */
class ConcurrentPublishersIT {
    private static final int PUBLISHERS = 4;
    private static final int MESSAGES = 1500;

    @RegisterExtension
    RunningBroker broker = RunningBroker.durable(store());

    private static Path store() {
        try {
            return Files.createDirectories(Files.createTempDirectory("esl-concurrent").resolve("store"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyMessageArrivesInEachPublishersOrderAcrossAReconnect() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        Mqtt5AsyncClient subscriber = client("GID_AP@@@sub", received);
        subscriber.connectWith().cleanStart(false).sessionExpiryInterval(600).send().get(10, TimeUnit.SECONDS);
        subscriber.subscribeWith().topicFilter("esl/concurrent/#").qos(MqttQos.AT_LEAST_ONCE).send().get(10, TimeUnit.SECONDS);

        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            Mqtt5AsyncClient publisher = client("GID_TAGMGR@@@pub-" + p, null);
            publisher.connect().get(10, TimeUnit.SECONDS);
            int id = p;
            done.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < MESSAGES; i++) {
                    publisher.publishWith().topic("esl/concurrent/" + id).qos(MqttQos.AT_LEAST_ONCE)
                            .payload((id + ":" + i).getBytes(StandardCharsets.UTF_8)).send().join();
                    if (id == 0 && i == MESSAGES / 2) {
                        // Midway, the subscriber goes away and comes back: the broker reads its queue from the store.
                        subscriber.disconnect().join();
                        subscriber.connectWith().cleanStart(false).sessionExpiryInterval(600).send().join();
                    }
                }
            }));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (distinct(received) < PUBLISHERS * MESSAGES && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }

        assertThat(distinct(received)).as("distinct messages received").isEqualTo(PUBLISHERS * MESSAGES);
        Map<Integer, Integer> last = new ConcurrentHashMap<>();
        for (String m : received) {
            String[] parts = m.split(":");
            int publisher = Integer.parseInt(parts[0]);
            int seq = Integer.parseInt(parts[1]);
            int previous = last.getOrDefault(publisher, -1);
            // After the reconnect, in-flight messages come again first: a repeat may go back, a new one never skips.
            assertThat(seq).as("message %s after %d:%d", m, publisher, previous).isLessThanOrEqualTo(previous + 1);
            last.put(publisher, Math.max(previous, seq));
        }
        assertThat(received.size() - distinct(received)).as("repeats, only of messages in flight at the reconnect")
                .isLessThanOrEqualTo(64);
    }

    private static long distinct(List<String> received) {
        return received.stream().distinct().count();
    }

    private Mqtt5AsyncClient client(String id, List<String> received) {
        Mqtt5AsyncClient c = MqttClient.builder().useMqttVersion5().identifier(id).serverHost("127.0.0.1")
                .serverPort(broker.port()).buildAsync();
        if (received != null) {
            c.publishes(MqttGlobalPublishFilter.ALL, p -> received.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)));
        }
        return c;
    }
}
