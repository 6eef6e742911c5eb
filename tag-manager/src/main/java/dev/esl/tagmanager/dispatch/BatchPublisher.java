package dev.esl.tagmanager.dispatch;

import dev.esl.tagmanager.task.DueJob;
import dev.esl.tagmanager.task.ImageMapper;
import dev.esl.tagmanager.task.TaskMapper;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the batches written with their task ({@link ReadyBatches}) once it has committed, a few at a time in
 * their turn ({@link PublishOrder}), and records when the broker took each ({@code job_batch.published_at}). A batch
 * the broker did not take, or that this node never got to publish (it stopped, the broker was away), is published
 * again with the same batch id by the sweep of any node once it is {@code republish-after} old; an AP ignores a
 * batch id it already holds, so a batch published twice is taken once.
 */
@Component
class BatchPublisher {
    private static final Logger log = LoggerFactory.getLogger(BatchPublisher.class);
    private static final int BATCHES_PER_TURN = 20;
    private static final int SWEPT_PER_TRANSACTION = 50;

    private final MqttLink mqtt;
    private final JobBatchMapper batches;
    private final PublishOrder order;
    private final ImageCache images;
    private final TaskMapper tasks;
    private final TransactionTemplate transaction;
    private final DispatchSettings settings;
    private final Clock clock;
    private final ExecutorService publishing = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "batch-publisher");
        t.setDaemon(true);
        return t;
    });

    BatchPublisher(MqttLink mqtt, JobBatchMapper batches, PublishOrder order, ImageMapper images, TaskMapper tasks,
            TransactionTemplate transaction, DispatchSettings settings, Clock clock) {
        this.mqtt = mqtt;
        this.batches = batches;
        this.order = order;
        this.images = new ImageCache(images, 20_000);
        this.tasks = tasks;
        // Read committed, as the dispatcher's claims: the sweep locks the batches it takes and no gaps, so a task
        // being created never waits for it to write its own batches.
        this.transaction = new TransactionTemplate(transaction.getTransactionManager(), transaction);
        this.transaction.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.settings = settings;
        this.clock = clock;
    }

    /** Publishes a committed task's batches, in the background. */
    void publish(List<ReadyBatch> ready) {
        publishing.execute(() -> {
            try {
                publishNow(ready);
            } catch (RuntimeException e) {
                log.error("Publishing {} batches failed; they are published again later: {}", ready.size(),
                        e.getMessage(), e);
            }
        });
    }

    private void publishNow(List<ReadyBatch> ready) {
        List<Sent> previous = List.of();
        for (int i = 0; i < ready.size(); i += BATCHES_PER_TURN) {
            if (!mqtt.connected()) {
                log.warn("Not connected to the broker: {} batches wait to be published again",
                        ready.size() - i + previous.size());
                break;
            }
            // Written in parallel, sent in order: writing a turn's JSON (20 batches, some 2,000 jobs and their
            // images) took this thread's whole time while the client and broker left the other core half idle.
            List<Outgoing> turn = ready.subList(i, Math.min(ready.size(), i + BATCHES_PER_TURN)).parallelStream()
                    .map(b -> new Outgoing(b.batchId(), b.apSerial(), payload(b.batchId(), b.storeId(), b.apSerial(),
                            b.traceId(), b.jobs())))
                    .toList();
            List<Sent> sent = send(turn);
            recordPublished(previous); // the previous turn's acknowledgements arrived while this one was written
            previous = sent;
        }
        recordPublished(previous);
    }

    /** Publishes again the batches whose node never had them taken by the broker. */
    @Scheduled(fixedDelayString = "${esl.dispatch.sweep-interval:5s}", initialDelayString = "3s")
    void republish() {
        try {
            Integer n;
            do {
                if (!mqtt.connected()) {
                    return;
                }
                n = transaction.execute(status -> {
                    List<JobBatchMapper.Row> rows = batches.unpublished(clock.instant().minus(settings.republishAfter()),
                            SWEPT_PER_TRANSACTION);
                    List<Outgoing> turn = new ArrayList<>();
                    List<String> empty = new ArrayList<>();
                    for (JobBatchMapper.Row row : rows) {
                        List<DueJob> jobs = batches.jobsOf(row);
                        if (jobs.isEmpty()) {
                            empty.add(row.id()); // every job has moved on (retried or expired): nothing to send
                        } else {
                            turn.add(new Outgoing(row.id(), row.apSerial(), payload(row.id(), row.storeId(),
                                    row.apSerial(), tasks.traceId(row.taskId()), jobs)));
                        }
                    }
                    if (!empty.isEmpty()) {
                        batches.published(empty, clock.instant());
                    }
                    recordPublished(send(turn));
                    if (!rows.isEmpty()) {
                        log.warn("Published again {} batches their node had not had taken by the broker", turn.size());
                    }
                    return rows.size();
                });
            } while (n != null && n == SWEPT_PER_TRANSACTION);
        } catch (RuntimeException e) {
            log.error("Publishing batches again failed: {}", e.getMessage(), e);
        }
    }

    private byte[] payload(String batchId, String storeId, String apSerial, String traceId, List<DueJob> jobs) {
        Map<String, JobBatchWriter.BatchImage> shown = images.of(jobs);
        List<JobBatchWriter.Outgoing> out = new ArrayList<>(jobs.size());
        for (DueJob j : jobs) {
            out.add(new JobBatchWriter.Outgoing(j, traceId, j.imageHash() == null ? null : shown.get(j.imageHash())));
        }
        return JobBatchWriter.batch(batchId, storeId, apSerial, clock.instant(), out);
    }

    /** Publishes in this node's publishing turn, after every batch claimed or written before. */
    private List<Sent> send(List<Outgoing> turn) {
        if (turn.isEmpty()) {
            return List.of();
        }
        long ticket = order.ticket();
        order.await(ticket);
        try {
            return turn.stream().map(o -> new Sent(o, mqtt.sendToAp(o.apSerial(), o.payload()))).toList();
        } finally {
            order.done(ticket);
        }
    }

    private void recordPublished(List<Sent> sent) {
        List<String> taken = new ArrayList<>(sent.size());
        for (Sent s : sent) {
            if (s.acknowledged()) {
                taken.add(s.batch().batchId());
            }
        }
        if (!taken.isEmpty()) {
            batches.published(taken, clock.instant());
        }
    }

    @PreDestroy
    void stop() {
        publishing.shutdownNow();
    }

    private record Outgoing(String batchId, String apSerial, byte[] payload) {
    }

    private record Sent(Outgoing batch, CompletableFuture<Void> ack) {
        boolean acknowledged() {
            String failure = BrokerAck.await(ack);
            if (failure != null) {
                log.warn("Batch {} to {} not taken by the broker ({}): published again later", batch.batchId(),
                        batch.apSerial(), failure);
            }
            return failure == null;
        }
    }
}
