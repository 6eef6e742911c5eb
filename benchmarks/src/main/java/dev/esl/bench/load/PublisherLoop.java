package dev.esl.bench.load;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One publisher sending as fast as the broker delivers, for a fixed time. Two windows hold it back, so a slow
 * broker slows the publisher instead of piling messages up in buffers (which would only measure buffers):
 * at most {@code window} messages not yet received by every subscriber (end to end, for every QoS; QoS 0
 * has no acknowledgement to wait for), and for QoS 1/2 at most {@code window} awaiting PUBACK/PUBCOMP.
 */
final class PublisherLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(PublisherLoop.class);
    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    private final Mqtt3AsyncClient client;
    private final String topic;
    private final MqttQos qos;
    private final DeliveryTracker tracker;
    private final int index;
    private final Duration duration;
    private final int payloadBytes;
    private final int window;
    private final Duration stallTimeout;
    private final Semaphore unacknowledged;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong lastAckNanos = new AtomicLong();

    PublisherLoop(Mqtt3AsyncClient client, String topic, MqttQos qos, DeliveryTracker tracker, int index,
            Duration duration, int payloadBytes, int window, Duration stallTimeout) {
        this.client = client;
        this.topic = topic;
        this.qos = qos;
        this.tracker = tracker;
        this.index = index;
        this.duration = duration;
        this.payloadBytes = payloadBytes;
        this.window = window;
        this.stallTimeout = stallTimeout;
        this.unacknowledged = new Semaphore(window);
    }

    @Override
    public void run() {
        long end = System.nanoTime() + duration.toNanos();
        try {
            for (int seq = 0; System.nanoTime() < end; seq++) {
                if (!awaitSubscribers(seq) || !awaitAcknowledgements()) {
                    return;
                }
                sent.incrementAndGet();
                client.publishWith().topic(topic).qos(qos)
                        .payload(Payload.encode(payloadBytes, tracker.round(), index, seq))
                        .send()
                        .whenComplete((ack, e) -> {
                            if (e == null) {
                                acked.incrementAndGet();
                                lastAckNanos.accumulateAndGet(System.nanoTime(), Math::max);
                            } else {
                                failed.incrementAndGet();
                            }
                            unacknowledged.release();
                        });
            }
            // The last publishes are acknowledged before the round counts as published.
            if (!unacknowledged.tryAcquire(window, stallTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{}: last publishes not acknowledged within {} s", topic, stallTimeout.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Until every subscriber has received this publisher's message {@code seq - window} or a later one. The
     * highest sequence seen, not a count, so a broker that drops QoS 0 messages does not stall the publisher.
     */
    private boolean awaitSubscribers(int seq) {
        long deadline = 0;
        while (tracker.slowestSeq(index) < seq - window) {
            long now = System.nanoTime();
            if (deadline == 0) {
                deadline = now + stallTimeout.toNanos();
            } else if (now > deadline) {
                log.warn("{}: subscribers received nothing new for {} s, stopping at {}", topic,
                        stallTimeout.toSeconds(), seq);
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }

    private boolean awaitAcknowledgements() throws InterruptedException {
        if (unacknowledged.tryAcquire(stallTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        log.warn("{}: no acknowledgement for {} s, stopping at {}", topic, stallTimeout.toSeconds(), sent.get());
        return false;
    }

    long sent() {
        return sent.get();
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
