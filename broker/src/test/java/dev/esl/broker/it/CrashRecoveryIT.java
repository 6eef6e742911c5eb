package dev.esl.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nothing acknowledged is lost on kill -9: the broker runs in a child JVM on RocksDB with synced
 * acknowledgements; QoS 1 and QoS 2 publishers send to persistent subscribers, two online and one
 * offline; the broker is killed with SIGKILL at random moments and restarted. In the end every message
 * whose PUBACK / PUBCOMP a publisher received has reached every subscriber (QoS 1 at least once, QoS 2
 * exactly once).
 */
class CrashRecoveryIT {
    private static final Logger log = LoggerFactory.getLogger(CrashRecoveryIT.class);
    private static final int KILLS = 10;
    private static final int OUTSTANDING = 16;

    @TempDir
    Path dir;
    private BrokerProcess broker;
    private final List<Mqtt5AsyncClient> clients = new ArrayList<>();

    @AfterEach
    void cleanUp() throws InterruptedException {
        clients.forEach(c -> c.disconnect().exceptionally(e -> null));
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void killNineLosesNoAcknowledgedMessage() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        broker = new BrokerProcess(BrokerProcess.writeConfig(dir, port,
                "storage: rocksdb\ndataDir: " + java.nio.file.Files.createDirectories(dir.resolve("store")) + "\ndurability: sync\n"
                        + "maxQueuedMessages: 1000000\n"));
        broker.start("-Xmx256m");

        Map<String, Map<String, Integer>> received = new ConcurrentHashMap<>();
        List<String> subscribers = List.of("GID_AP@@@online-1", "GID_AP@@@online-2", "GID_AP@@@offline-1");
        for (String id : subscribers) {
            Mqtt5AsyncClient c = persistentClient(id, port, received);
            c.subscribeWith().topicFilter("esl/crash/#").qos(MqttQos.EXACTLY_ONCE).send().get(10, TimeUnit.SECONDS);
            if (id.contains("offline")) {
                c.disconnect().get(10, TimeUnit.SECONDS);
                clients.remove(c);
            }
        }

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean publishing = new AtomicBoolean(true);
        List<Thread> publishers = new ArrayList<>();
        List<Semaphore> windows = new ArrayList<>();
        for (MqttQos qos : List.of(MqttQos.AT_LEAST_ONCE, MqttQos.EXACTLY_ONCE)) {
            String name = qos == MqttQos.AT_LEAST_ONCE ? "q1" : "q2";
            Mqtt5AsyncClient pub = persistentClient("GID_TAGMGR@@@crash-" + name, port, null);
            Semaphore window = new Semaphore(OUTSTANDING);
            windows.add(window);
            Thread t = new Thread(() -> publish(pub, qos, name, window, publishing, acknowledged), "publisher-" + name);
            publishers.add(t);
            t.start();
        }

        Random random = new Random(42);
        List<String> online = subscribers.subList(0, 2);
        for (int kill = 1; kill <= KILLS; kill++) {
            Thread.sleep(300 + random.nextInt(1200));
            Set<String> ackedBeforeKill = Set.copyOf(acknowledged);
            broker.kill();
            log.info("Killed the broker ({} of {}), {} messages acknowledged so far", kill, KILLS, ackedBeforeKill.size());
            broker.start("-Xmx256m");
            // After each restart, what was acknowledged before the kill reaches the online subscribers.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!allDelivered(online, received, ackedBeforeKill) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(allDelivered(online, received, ackedBeforeKill))
                    .as("after restart %d, the online subscribers have every message acknowledged before the kill", kill).isTrue();
        }
        publishing.set(false);
        for (Thread t : publishers) {
            t.join(10_000);
        }
        for (Semaphore window : windows) {
            // Everything sent is acknowledged once the clients have resent it to the last broker.
            assertThat(window.tryAcquire(OUTSTANDING, 60, TimeUnit.SECONDS)).as("publishes completed").isTrue();
        }

        persistentClient("GID_AP@@@offline-1", port, received);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && !allDelivered(subscribers, received, acknowledged)) {
            Thread.sleep(200);
        }

        long delivered = 0;
        long lost = 0;
        long duplicatedQos2 = 0;
        for (String sub : subscribers) {
            Map<String, Integer> counts = received.getOrDefault(sub, Map.of());
            for (String id : acknowledged) {
                int n = counts.getOrDefault(id, 0);
                if (n == 0) {
                    lost++;
                } else {
                    delivered++;
                    if (id.startsWith("q2-") && n > 1) {
                        duplicatedQos2++;
                    }
                }
            }
        }
        long expected = (long) acknowledged.size() * subscribers.size();
        String summary = "acknowledged %d, delivered %d, lost %d, duplicated (QoS 2) %d"
                .formatted(expected, delivered, lost, duplicatedQos2);
        System.out.println("CrashRecoveryIT after " + KILLS + " kills -9 (" + acknowledged.size()
                + " messages x " + subscribers.size() + " subscribers): " + summary);
        log.info(summary);
        assertThat(acknowledged.size()).as("messages acknowledged").isGreaterThan(100);
        assertThat(summary).isEqualTo("acknowledged %d, delivered %d, lost 0, duplicated (QoS 2) 0".formatted(expected, expected));
    }

    private Mqtt5AsyncClient persistentClient(String id, int port, Map<String, Map<String, Integer>> received) throws Exception {
        Mqtt5AsyncClient c = MqttClient.builder().useMqttVersion5().identifier(id)
                .serverHost("127.0.0.1").serverPort(port)
                .automaticReconnect().initialDelay(50, TimeUnit.MILLISECONDS).maxDelay(500, TimeUnit.MILLISECONDS).applyAutomaticReconnect()
                .buildAsync();
        if (received != null) {
            Map<String, Integer> counts = received.computeIfAbsent(id, k -> new ConcurrentHashMap<>());
            c.publishes(MqttGlobalPublishFilter.ALL,
                    p -> counts.merge(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8), 1, Integer::sum));
        }
        c.connectWith().cleanStart(false).sessionExpiryInterval(3600).send().get(30, TimeUnit.SECONDS);
        clients.add(c);
        return c;
    }

    private static void publish(Mqtt5AsyncClient pub, MqttQos qos, String name, Semaphore window,
                                AtomicBoolean publishing, Set<String> acknowledged) {
        for (int i = 0; publishing.get(); i++) {
            try {
                window.acquire();
            } catch (InterruptedException e) {
                return;
            }
            String id = name + "-" + i;
            pub.publishWith().topic("esl/crash/" + name).qos(qos).payload(id.getBytes(StandardCharsets.UTF_8)).send()
                    .whenComplete((result, failure) -> {
                        if (failure == null && result.getError().isEmpty()) {
                            acknowledged.add(id);
                        }
                        window.release();
                    });
            if (i % 50 == 49) {
                try {
                    Thread.sleep(20); // a steady producer, not a flood: the test is about crashes, not queue limits
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static boolean allDelivered(List<String> subscribers, Map<String, Map<String, Integer>> received, Set<String> acked) {
        for (String sub : subscribers) {
            Map<String, Integer> counts = received.getOrDefault(sub, Map.of());
            if (!counts.keySet().containsAll(acked)) {
                return false;
            }
        }
        return true;
    }
}
