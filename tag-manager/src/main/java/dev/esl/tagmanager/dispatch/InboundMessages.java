package dev.esl.tagmanager.dispatch;

import dev.esl.tagmanager.ap.Ap;
import dev.esl.tagmanager.tag.TagTelemetry;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Routes what APs publish to the part that records it, results and status on one thread, telemetry on another,
 * so a flood of check-ins never delays results. Telemetry is QoS 0 and only a snapshot: when its backlog is full,
 * new reports are dropped and counted. A message that breaks the contract is logged and dropped.
 */
@Component
class InboundMessages implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InboundMessages.class);
    private static final int TELEMETRY_BACKLOG = 200;

    private final ResultRecorder results;
    private final ApRecorder aps;
    private final ExecutorService resultThread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new java.util.concurrent.LinkedBlockingQueue<>(), r -> new Thread(r, "mqtt-results"));
    private final ExecutorService telemetryThread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(TELEMETRY_BACKLOG), r -> new Thread(r, "mqtt-telemetry"));
    private final AtomicLong telemetryDropped = new AtomicLong();

    InboundMessages(ResultRecorder results, ApRecorder aps) {
        this.results = results;
        this.aps = aps;
    }

    /**
     * Handles a message on its thread; {@code acknowledge} runs once it is recorded. When recording fails,
     * {@code failed} runs instead, so the caller can have the broker send the message again.
     */
    void submit(String topic, byte[] payload, Runnable acknowledge, Runnable failed) {
        if (topic.endsWith("/telemetry")) {
            try {
                telemetryThread.execute(() -> run(topic, payload, acknowledge, failed));
            } catch (RejectedExecutionException e) {
                acknowledge.run();
                long dropped = telemetryDropped.incrementAndGet();
                if (dropped == 1 || dropped % 100 == 0) {
                    log.warn("Telemetry arrives faster than it is recorded: {} reports dropped so far", dropped);
                }
            }
        } else {
            resultThread.execute(() -> run(topic, payload, acknowledge, failed));
        }
    }

    long telemetryDropped() {
        return telemetryDropped.get();
    }

    private void run(String topic, byte[] payload, Runnable acknowledge, Runnable failed) {
        try {
            handle(topic, payload);
            acknowledge.run();
        } catch (RuntimeException e) {
            log.error("Message on {} not recorded, to be redelivered: {}", topic, e.getMessage(), e);
            failed.run();
        }
    }

    void handle(String topic, byte[] payload) {
        try {
            if (topic.endsWith("/result")) {
                ApMessages.Results batch = ApMessages.results(payload);
                if (!batch.skipped().isEmpty()) {
                    log.warn("Results from {} for jobs that are not ours ignored: {}", batch.apSerial(), batch.skipped());
                }
                results.record(batch.storeId(), batch.apSerial(), batch.results());
            } else if (topic.endsWith("/telemetry")) {
                List<TagTelemetry> tags = ApMessages.telemetry(payload);
                aps.telemetry(tags);
            } else if (topic.endsWith("/status")) {
                Ap status = ApMessages.status(payload);
                aps.status(status);
            } else {
                log.warn("Message on unexpected topic {} ignored", topic);
            }
        } catch (InvalidMessageException e) {
            log.warn("Invalid message on {} dropped: {}", topic, e.getMessage());
        }
    }

    @Override
    public void close() throws InterruptedException {
        resultThread.shutdown();
        telemetryThread.shutdownNow();
        resultThread.awaitTermination(10, TimeUnit.SECONDS);
    }
}
