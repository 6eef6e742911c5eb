package dev.esl.bench.load;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import dev.esl.bench.brokers.RunningBroker;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A qos0/qos1/qos2 run: subscribers first, then publishers; a warm-up round, then the measured round on the
 * same connections. See {@link LoadSettings} for the fan-out and {@link PublisherLoop} for the pacing.
 */
public final class ThroughputScenario {
    private static final Logger log = LoggerFactory.getLogger(ThroughputScenario.class);
    static final String FILTER = "bench/t/+";

    private final LoadSettings settings;

    public ThroughputScenario(LoadSettings settings) {
        this.settings = settings;
    }

    static String topic(int publisher) {
        return "bench/t/" + publisher;
    }

    public ThroughputResult run(RunningBroker broker, Scenario scenario)
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        MqttQos qos = scenario.qos();
        String prefix = broker.name() + " " + scenario.label();
        // Subscriber callbacks report to whichever round is current.
        AtomicReference<DeliveryTracker> current = new AtomicReference<>();
        List<Mqtt3AsyncClient> subscribers = new ArrayList<>();
        List<Mqtt3AsyncClient> publishers = new ArrayList<>();
        try {
            for (int s = 0; s < settings.subscribers(); s++) {
                subscribers.add(subscribe(broker.port(), s, scenario, current));
            }
            for (int p = 0; p < settings.publishers(); p++) {
                Mqtt3AsyncClient c = Clients.create(broker.port(), "pub-" + (p + 1));
                c.connectWith().cleanSession(!scenario.persistentSessions()).keepAlive(60).send().get(10, TimeUnit.SECONDS);
                publishers.add(c);
            }
            if (!settings.warmup().isZero()) {
                RoundResult warm = round(prefix + " warm-up", 1, settings.warmup(), qos, publishers, current);
                log.info("[{}] warm-up: {}/{} delivered", prefix, warm.tracker().unique(), warm.expected());
                broker.requireAlive();
            }
            RoundResult r = round(prefix, 2, settings.duration(), qos, publishers, current);
            broker.requireAlive();
            return r.toResult(broker.memory().peakRssKb());
        } finally {
            Clients.disconnectAll(publishers);
            Clients.disconnectAll(subscribers);
        }
    }

    private Mqtt3AsyncClient subscribe(int port, int index, Scenario scenario, AtomicReference<DeliveryTracker> current)
            throws InterruptedException, ExecutionException, TimeoutException {
        Mqtt3AsyncClient c = Clients.create(port, "sub-" + (index + 1));
        c.connectWith().cleanSession(!scenario.persistentSessions()).keepAlive(60).send().get(10, TimeUnit.SECONDS);
        var ack = c.subscribeWith().topicFilter(FILTER).qos(scenario.qos())
                .callback(publish -> {
                    DeliveryTracker t = current.get();
                    if (t != null) {
                        publish.getPayload().ifPresent(b -> t.record(index, b));
                    }
                })
                .send().get(10, TimeUnit.SECONDS);
        if (ack.getReturnCodes().contains(Mqtt3SubAckReturnCode.FAILURE)) {
            throw new IllegalStateException("subscription to " + FILTER + " refused");
        }
        return c;
    }

    private RoundResult round(String prefix, int round, Duration duration, MqttQos qos,
            List<Mqtt3AsyncClient> publishers, AtomicReference<DeliveryTracker> current) throws InterruptedException {
        DeliveryTracker tracker = new DeliveryTracker(round, publishers.size(), settings.subscribers());
        current.set(tracker);
        List<PublisherLoop> loops = new ArrayList<>();
        for (int p = 0; p < publishers.size(); p++) {
            loops.add(new PublisherLoop(publishers.get(p), topic(p), qos, tracker, p, duration,
                    settings.payloadBytes(), settings.window(), settings.stallTimeout()));
        }
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (PublisherLoop loop : loops) {
            Thread t = new Thread(loop, "publisher-" + threads.size());
            threads.add(t);
            t.start();
        }
        Progress progress = new Progress(prefix, () -> "published " + sum(loops, PublisherLoop::sent)
                + " (acknowledged " + sum(loops, PublisherLoop::acked) + "), delivered " + tracker.unique()
                + (tracker.duplicates() > 0 ? ", duplicates " + tracker.duplicates() : ""));
        long expected;
        try {
            for (Thread t : threads) {
                t.join();
            }
            expected = sum(loops, PublisherLoop::sent) * settings.subscribers();
            awaitDeliveries(tracker, expected);
        } finally {
            progress.close();
        }
        return new RoundResult(start, expected, tracker, loops);
    }

    /** Until everything arrived, or nothing arrived for the stall timeout (the rest is lost). */
    private void awaitDeliveries(DeliveryTracker tracker, long expected) throws InterruptedException {
        long last = tracker.unique();
        long lastChange = System.nanoTime();
        while (tracker.unique() < expected) {
            Thread.sleep(20);
            long now = tracker.unique();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > settings.stallTimeout().toNanos()) {
                return;
            }
        }
    }

    private static long sum(List<PublisherLoop> loops, ToLongFunction<PublisherLoop> f) {
        return loops.stream().mapToLong(f).sum();
    }

    private record RoundResult(long startNanos, long expected, DeliveryTracker tracker, List<PublisherLoop> loops) {
        ThroughputResult toResult(long peakRssKb) {
            long end = tracker.lastDeliveryNanos();
            double seconds = end > startNanos ? (end - startNanos) / 1e9 : 0;
            long lastAck = loops.stream().mapToLong(PublisherLoop::lastAckNanos).max().orElse(startNanos);
            double pubSeconds = (lastAck - startNanos) / 1e9;
            long acked = sum(loops, PublisherLoop::acked);
            return new ThroughputResult(expected, tracker.unique(), tracker.duplicates(),
                    sum(loops, PublisherLoop::failed), seconds,
                    seconds > 0 ? tracker.unique() / seconds : 0,
                    pubSeconds > 0 ? acked / pubSeconds : 0,
                    tracker.latency(), peakRssKb);
        }
    }
}
