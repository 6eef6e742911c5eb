package dev.esl.tagmanager.dispatch;

import dev.esl.tagmanager.task.DueJob;
import dev.esl.tagmanager.task.ImageMapper;
import dev.esl.tagmanager.task.JobMapper;
import dev.esl.tagmanager.task.TaskMapper;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due jobs to APs. Each round claims jobs with {@code FOR UPDATE SKIP LOCKED} (so several tag-manager
 * nodes share the work without waiting on each other), picks each job's AP, publishes P2P batches and marks as
 * SENT the jobs of every batch the broker acknowledged, all in one transaction. A batch the broker did not take
 * leaves its jobs PENDING for the next round.
 */
@Component
class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final int IMAGES_CACHED = 20_000;

    private final JobMapper jobs;
    private final TaskMapper tasks;
    private final ApChoice apChoice;
    private final MqttLink mqtt;
    private final DispatchSettings settings;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final DispatchEvents events;
    private final BatchIds batchIds;
    private final Map<Long, String> traceIds = lru(10_000);
    private final ImageCache images;
    private final ReentrantLock claimTurn = new ReentrantLock();
    private final PublishOrder order;
    private final ExecutorService workers;

    Dispatcher(JobMapper jobs, TaskMapper tasks, ImageMapper images, ApChoice apChoice, MqttLink mqtt,
            DispatchSettings settings, BatchIds batchIds, PublishOrder order, TransactionTemplate transaction, Clock clock,
            DispatchEvents events) {
        this.events = events;
        this.batchIds = batchIds;
        this.order = order;
        this.jobs = jobs;
        this.tasks = tasks;
        this.images = new ImageCache(images, IMAGES_CACHED);
        this.apChoice = apChoice;
        this.mqtt = mqtt;
        this.settings = settings;
        // Read committed: a claim locks the rows it takes and no gaps, so neither a task being created (inserting
        // due jobs) nor another worker's round (postponing jobs) waits for it.
        this.transaction = new TransactionTemplate(transaction.getTransactionManager(), transaction);
        this.transaction.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.clock = clock;
        AtomicInteger workerCount = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(1, settings.workers() - 1), r -> {
            Thread t = new Thread(r, "dispatch-" + workerCount.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Scheduled(fixedDelayString = "${esl.dispatch.poll-interval:500ms}", initialDelayString = "1s")
    void dispatchDue() {
        List<Future<?>> others = new ArrayList<>();
        for (int i = 1; i < settings.workers(); i++) {
            others.add(workers.submit(this::drain));
        }
        drain();
        for (Future<?> other : others) {
            try {
                other.get();
            } catch (ExecutionException e) {
                log.error("Dispatch worker failed: {}", e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Rounds until one claims less than a full round. */
    private void drain() {
        try {
            while (mqtt.connected() && round() >= settings.claimSize()) {
                // a full round: there may be more due right now
            }
        } catch (RuntimeException e) {
            log.error("Dispatch round failed; jobs stay pending: {}", e.getMessage(), e);
        }
    }

    /**
     * One round; returns how many jobs it claimed. Rounds of different workers overlap, but claim one after another
     * and publish in the same order ({@link PublishOrder}).
     */
    int round() {
        Integer claimed = transaction.execute(status -> {
            Instant now = clock.instant();
            List<DueJob> due;
            long ticket;
            claimTurn.lock();
            try {
                due = jobs.claimDue(now, settings.claimSize());
                ticket = order.ticket();
            } finally {
                claimTurn.unlock();
            }
            Prepared prepared = null;
            List<Sent> sent = List.of();
            try {
                prepared = prepare(due, now);
            } finally {
                order.await(ticket);
                try {
                    if (prepared != null) {
                        sent = prepared.batches().stream()
                                .map(b -> new Sent(b, mqtt.sendToAp(b.apSerial(), b.payload()))).toList();
                    }
                } finally {
                    order.done(ticket);
                }
            }
            // Written only after this round's turn, so no later round waits for its turn on a lock of ours.
            if (!prepared.homeless().isEmpty()) {
                jobs.postpone(prepared.homeless().stream().map(DueJob::id).toList(), now.plus(settings.noApRetry()),
                        "no AP in the store");
                log.warn("{} jobs wait: their stores have no AP", prepared.homeless().size());
            }
            int ok = 0;
            for (Sent s : sent) {
                if (s.acknowledged()) {
                    jobs.markSent(s.batch().jobIds(), s.batch().apSerial(), s.batch().batchId(), now);
                    events.sent(s.batch().apSerial(), s.batch().batchId(), s.batch().jobs());
                    ok += s.batch().jobIds().size();
                }
            }
            if (!due.isEmpty()) {
                log.info("Sent {} of {} due jobs in {} batches", ok, due.size(), sent.size());
            }
            return due.size();
        });
        return claimed == null ? 0 : claimed;
    }

    /** The claimed jobs as batches for their APs, and the jobs of stores without an AP. */
    private Prepared prepare(List<DueJob> due, Instant now) {
        if (due.isEmpty()) {
            return new Prepared(List.of(), List.of());
        }
        Map<String, List<DueJob>> byAp = apChoice.choose(due);
        List<DueJob> homeless = byAp.remove(null);
        Map<String, JobBatchWriter.BatchImage> shown = images.of(due);
        List<Batch> batches = new ArrayList<>();
        for (Map.Entry<String, List<DueJob>> e : byAp.entrySet()) {
            for (List<JobBatchWriter.Outgoing> jobsOfBatch : batches(e.getValue(), shown)) {
                batches.add(batch(e.getKey(), jobsOfBatch, now));
            }
        }
        return new Prepared(batches, homeless == null ? List.of() : homeless);
    }

    @PreDestroy
    void stopWorkers() {
        workers.shutdownNow();
    }

    private List<List<JobBatchWriter.Outgoing>> batches(List<DueJob> jobsOfAp,
            Map<String, JobBatchWriter.BatchImage> shown) {
        List<List<JobBatchWriter.Outgoing>> batches = new ArrayList<>();
        List<JobBatchWriter.Outgoing> current = new ArrayList<>();
        int bytes = 0;
        for (DueJob j : jobsOfAp) {
            JobBatchWriter.Outgoing o = new JobBatchWriter.Outgoing(j, traceId(j.taskId()),
                    j.imageHash() == null ? null : shown.get(j.imageHash()));
            int size = JobBatchWriter.sizeOf(o);
            if (!current.isEmpty() && (current.size() >= settings.batchMaxJobs() || bytes + size > settings.batchMaxBytes())) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(o);
            bytes += size;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    private Batch batch(String apSerial, List<JobBatchWriter.Outgoing> jobsOfBatch, Instant now) {
        String batchId = batchIds.next();
        String storeId = jobsOfBatch.get(0).job().storeId();
        byte[] payload = JobBatchWriter.batch(batchId, storeId, apSerial, now, jobsOfBatch);
        return new Batch(apSerial, batchId, jobsOfBatch, payload);
    }

    private String traceId(long taskId) {
        return traceIds.computeIfAbsent(taskId, tasks::traceId);
    }

    private static <K, V> Map<K, V> lru(int max) {
        return Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        });
    }

    /** A round's batches, ready to publish, and its jobs that no AP can take now. */
    private record Prepared(List<Batch> batches, List<DueJob> homeless) {
    }

    /** A batch ready to publish. */
    private record Batch(String apSerial, String batchId, List<JobBatchWriter.Outgoing> jobs, byte[] payload) {
        List<Long> jobIds() {
            return jobs.stream().map(o -> o.job().id()).toList();
        }
    }

    /** A published batch; {@link #acknowledged} waits for the broker's PUBACK. */
    private record Sent(Batch batch, CompletableFuture<Void> ack) {
        boolean acknowledged() {
            String failure = BrokerAck.await(ack);
            if (failure != null) {
                log.warn("Batch {} to {} not acknowledged by the broker ({}): its {} jobs stay pending", batch.batchId(),
                        batch.apSerial(), failure, batch.jobIds().size());
            }
            return failure == null;
        }
    }
}
