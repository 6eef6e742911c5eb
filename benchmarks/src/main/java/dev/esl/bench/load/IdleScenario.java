package dev.esl.bench.load;

import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import dev.esl.bench.target.ProcMemory;
import dev.esl.bench.target.RunningBroker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens many connections that then sit idle (keep-alive 60 s, nothing subscribed) and charges the broker's
 * RSS growth to them. A JVM cannot be asked to collect garbage from outside, so both readings are taken after
 * the same settle pause; heap the JVM reserved and has not returned counts, as it would in production.
 */
public final class IdleScenario {
    private static final Logger log = LoggerFactory.getLogger(IdleScenario.class);

    private final LoadSettings settings;

    public IdleScenario(LoadSettings settings) {
        this.settings = settings;
    }

    public IdleResult run(RunningBroker broker) throws IOException, InterruptedException {
        String prefix = broker.name() + " idle";
        Thread.sleep(settings.settle().toMillis());
        ProcMemory before = broker.memory();

        int n = settings.idleConnections();
        List<Mqtt3AsyncClient> clients = new ArrayList<>(n);
        AtomicInteger connected = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        // A bounded number of CONNECTs in flight, like a fleet of devices reconnecting, not one SYN flood.
        Semaphore window = new Semaphore(settings.connectConcurrency());
        long start = System.nanoTime();
        Progress progress = new Progress(prefix,
                () -> "connected " + connected.get() + "/" + n + ", failed " + failed.get());
        try {
            for (int i = 0; i < n; i++) {
                if (!window.tryAcquire(settings.stallTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    firstError.compareAndSet(null, "no CONNACK within " + settings.stallTimeout().toSeconds() + " s");
                    break;
                }
                Mqtt3AsyncClient c = Clients.create(broker.port(), "idle-" + i);
                clients.add(c);
                c.connectWith().cleanSession(true).keepAlive(settings.idleKeepAliveSeconds()).send()
                        .whenComplete((ack, e) -> {
                            if (e == null) {
                                connected.incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                                firstError.compareAndSet(null, e.toString());
                            }
                            window.release();
                        });
            }
            // Wait for the answers still outstanding.
            window.tryAcquire(settings.connectConcurrency(), settings.stallTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            progress.close();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        log.info("[{}] {} connected in {} s, {} failed", prefix, connected.get(), String.format("%.2f", seconds),
                failed.get());

        Thread.sleep(settings.settle().toMillis());
        broker.requireAlive();
        ProcMemory after = broker.memory();
        Clients.disconnectAll(clients);
        return new IdleResult(n, connected.get(), seconds, before.rssKb(), after.rssKb(), firstError.get());
    }
}
