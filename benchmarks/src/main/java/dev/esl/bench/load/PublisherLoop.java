package dev.esl.bench.load;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One publisher sending as fast as the broker acknowledges: at most {@code maxOutstanding} publishes await
 * their PUBACK/PUBCOMP (QoS 0: the socket write), so a slow broker slows the publisher instead of piling
 * messages up in the client.
 */
final class PublisherLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(PublisherLoop.class);

    private final Mqtt3AsyncClient client;
    private final String topic;
    private final MqttQos qos;
    private final int round;
    private final int index;
    private final int count;
    private final int payloadBytes;
    private final int maxOutstanding;
    private final Duration stallTimeout;
    private final Semaphore window;
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong lastAckNanos = new AtomicLong();

    PublisherLoop(Mqtt3AsyncClient client, String topic, MqttQos qos, int round, int index, int count,
            int payloadBytes, int maxOutstanding, Duration stallTimeout) {
        this.client = client;
        this.topic = topic;
        this.qos = qos;
        this.round = round;
        this.index = index;
        this.count = count;
        this.payloadBytes = payloadBytes;
        this.maxOutstanding = maxOutstanding;
        this.stallTimeout = stallTimeout;
        this.window = new Semaphore(maxOutstanding);
    }

    @Override
    public void run() {
        try {
            for (int seq = 0; seq < count; seq++) {
                if (!window.tryAcquire(stallTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("{}: no acknowledgement for {} s, stopping at {}/{}", topic, stallTimeout.toSeconds(),
                            seq, count);
                    return;
                }
                client.publishWith().topic(topic).qos(qos).payload(Payload.encode(payloadBytes, round, index, seq))
                        .send()
                        .whenComplete((ack, e) -> {
                            if (e == null) {
                                acked.incrementAndGet();
                                lastAckNanos.accumulateAndGet(System.nanoTime(), Math::max);
                            } else {
                                failed.incrementAndGet();
                            }
                            window.release();
                        });
            }
            // The last publishes are acknowledged before the round counts as published.
            if (!window.tryAcquire(maxOutstanding, stallTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{}: last publishes not acknowledged within {} s", topic, stallTimeout.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long acked() {
        return acked.get();
    }

    long failed() {
        return failed.get();
    }

    long lastAckNanos() {
        return lastAckNanos.get();
    }
}
