package dev.esl.bench.load;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * MQTT 3.1.1 clients for every broker: Moquette 0.17 refuses MQTT 5 CONNECTs, and one protocol for all keeps
 * the comparison even. Our broker runs with {@code naming: plain}, so IDs are ordinary ones ({@code bench-<name>}).
 */
final class Clients {
    static final String HOST = "127.0.0.1";

    private Clients() {
    }

    static Mqtt3AsyncClient create(int port, String name) {
        return MqttClient.builder()
                .useMqttVersion3()
                .identifier("bench-" + name)
                .serverHost(HOST)
                .serverPort(port)
                .buildAsync();
    }

    /** Disconnects all, waiting a bounded time: the broker is stopped right after anyway. */
    static void disconnectAll(List<Mqtt3AsyncClient> clients) {
        CompletableFuture<?>[] done = clients.stream()
                .map(c -> c.disconnect().exceptionally(e -> null))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(done).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Some were not connected or the broker is gone; nothing to clean up on our side.
        }
    }
}
