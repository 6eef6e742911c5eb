package dev.esl.tagmanager.bench;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every AP of the chain as a real MQTT client in its P2P inbox: it takes the job batches and counts them, as an
 * AP gateway that keeps up would. Nothing is answered: the benchmark stops at SENT. A batch is counted by its size
 * without copying it out of the client's buffer: the APs share the tag manager's cores here, and each copy of the
 * million-job change is 1.6 GB.
 */
final class ApFleet implements AutoCloseable {
    private final List<Mqtt5AsyncClient> clients = new ArrayList<>();
    final AtomicLong batches = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();

    ApFleet(int brokerPort, ChainSeed chain) {
        List<CompletableFuture<?>> connected = new ArrayList<>();
        for (int s = 0; s < chain.stores; s++) {
            for (int a = 0; a < ChainSeed.APS_PER_STORE; a++) {
                Mqtt5AsyncClient client = Mqtt5Client.builder().identifier("GID_AP@@@" + ChainSeed.ap(s, a))
                        .serverHost("127.0.0.1").serverPort(brokerPort).buildAsync();
                client.publishes(MqttGlobalPublishFilter.ALL, p -> {
                    batches.incrementAndGet();
                    bytes.addAndGet(p.getPayload().map(ByteBuffer::remaining).orElse(0)); // counted, not copied
                });
                connected.add(client.connectWith().cleanStart(true).send());
                clients.add(client);
            }
        }
        CompletableFuture.allOf(connected.toArray(CompletableFuture[]::new)).join();
    }

    int size() {
        return clients.size();
    }

    @Override
    public void close() {
        clients.forEach(c -> c.disconnect().join());
    }
}
