package dev.esl.tagmanager.dispatch;

import dev.esl.tagmanager.task.DueJob;
import dev.esl.tagmanager.task.ImageMapper;
import dev.esl.tagmanager.task.JobMapper;
import dev.esl.tagmanager.task.StoredImage;
import dev.esl.tagmanager.task.TaskMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
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

    private final JobMapper jobs;
    private final TaskMapper tasks;
    private final ImageMapper images;
    private final ApChoice apChoice;
    private final MqttLink mqtt;
    private final DispatchSettings settings;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final DispatchEvents events;
    private final AtomicLong batchCounter = new AtomicLong();
    private final String batchPrefix;
    private final Map<Long, String> traceIds = lru(10_000);
    private final Map<String, StoredImage> imageCache = lru(2_000);

    Dispatcher(JobMapper jobs, TaskMapper tasks, ImageMapper images, ApChoice apChoice, MqttLink mqtt,
            DispatchSettings settings, MqttSettings mqttSettings, TransactionTemplate transaction, Clock clock,
            DispatchEvents events) {
        this.events = events;
        // Unique across nodes and restarts, and says which node sent a batch.
        this.batchPrefix = mqttSettings.node() + "-" + Long.toString(clock.millis(), 36) + "-";
        this.jobs = jobs;
        this.tasks = tasks;
        this.images = images;
        this.apChoice = apChoice;
        this.mqtt = mqtt;
        this.settings = settings;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${esl.dispatch.poll-interval:500ms}", initialDelayString = "1s")
    void dispatchDue() {
        try {
            while (mqtt.connected() && round() >= settings.claimSize()) {
                // a full round: there may be more due right now
            }
        } catch (RuntimeException e) {
            log.error("Dispatch round failed; jobs stay pending: {}", e.getMessage(), e);
        }
    }

    /** One round; returns how many jobs it claimed. */
    int round() {
        Integer claimed = transaction.execute(status -> {
            Instant now = clock.instant();
            List<DueJob> due = jobs.claimDue(now, settings.claimSize());
            if (due.isEmpty()) {
                return 0;
            }
            Map<String, List<DueJob>> byAp = apChoice.choose(due);
            List<DueJob> homeless = byAp.remove(null);
            if (homeless != null) {
                jobs.postpone(homeless.stream().map(DueJob::id).toList(), now.plus(settings.noApRetry()),
                        "no AP in the store");
                log.warn("{} jobs wait: their stores have no AP", homeless.size());
            }
            List<Sent> sent = new ArrayList<>();
            for (Map.Entry<String, List<DueJob>> e : byAp.entrySet()) {
                for (List<JobBatchWriter.Outgoing> batch : batches(e.getValue())) {
                    sent.add(send(e.getKey(), batch, now));
                }
            }
            int ok = 0;
            for (Sent s : sent) {
                if (s.acknowledged()) {
                    jobs.markSent(s.jobIds(), s.apSerial(), s.batchId(), now);
                    events.sent(s.apSerial(), s.batchId(), s.batch());
                    ok += s.jobIds().size();
                }
            }
            log.info("Sent {} of {} due jobs to {} APs in {} batches", ok, due.size(), byAp.size(), sent.size());
            return due.size();
        });
        return claimed == null ? 0 : claimed;
    }

    private List<List<JobBatchWriter.Outgoing>> batches(List<DueJob> jobsOfAp) {
        List<List<JobBatchWriter.Outgoing>> batches = new ArrayList<>();
        List<JobBatchWriter.Outgoing> current = new ArrayList<>();
        int bytes = 0;
        for (DueJob j : jobsOfAp) {
            JobBatchWriter.Outgoing o = new JobBatchWriter.Outgoing(j, traceId(j.taskId()),
                    j.imageHash() == null ? null : image(j.imageHash()));
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

    private Sent send(String apSerial, List<JobBatchWriter.Outgoing> batch, Instant now) {
        String batchId = batchPrefix + batchCounter.incrementAndGet();
        String storeId = batch.get(0).job().storeId();
        byte[] payload = JobBatchWriter.batch(batchId, storeId, apSerial, now, batch);
        List<Long> ids = batch.stream().map(o -> o.job().id()).toList();
        CompletableFuture<Void> ack = mqtt.sendToAp(apSerial, payload);
        return new Sent(apSerial, batchId, ids, batch, ack);
    }

    private String traceId(long taskId) {
        return traceIds.computeIfAbsent(taskId, tasks::traceId);
    }

    private StoredImage image(String hash) {
        StoredImage image = imageCache.get(hash);
        if (image == null) {
            image = images.find(hash);
            if (image == null) {
                throw new IllegalStateException("image " + hash + " is missing from the image table");
            }
            imageCache.put(hash, image);
        }
        return image;
    }

    private static <K, V> Map<K, V> lru(int max) {
        return Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        });
    }

    /** A published batch; {@link #acknowledged} waits for the broker's PUBACK. */
    private record Sent(String apSerial, String batchId, List<Long> jobIds, List<JobBatchWriter.Outgoing> batch,
            CompletableFuture<Void> ack) {
        boolean acknowledged() {
            try {
                ack.get(30, TimeUnit.SECONDS);
                return true;
            } catch (ExecutionException | TimeoutException e) {
                log.warn("Batch {} to {} not acknowledged by the broker ({}): its {} jobs stay pending", batchId,
                        apSerial, e.getCause() == null ? e.getMessage() : e.getCause().getMessage(), jobIds.size());
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
