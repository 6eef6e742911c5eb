package dev.esl.tagmanager.dispatch;

import dev.esl.tagmanager.task.BoundTag;
import dev.esl.tagmanager.task.JobOutbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntToLongFunction;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The outbox of immediate image tasks: while a task is created, each job whose AP is plain goes into a batch for
 * that AP and is inserted SENT; the batches are recorded ({@code job_batch}) with their {@code jobs.sent} audit
 * events in the task's transaction and handed to the {@link BatchPublisher} once it commits. A job's AP is plain
 * when the AP that heard its tag last is online (the dispatcher's first choice too), or when no AP heard the tag
 * and its store has an online AP (the first by serial, as the dispatcher takes). Any other job is left PENDING for
 * the dispatcher, which knows the fallbacks ({@link ApChoice}).
 */
@Component
class ReadyBatches implements JobOutbox {
    private static final int ROWS_PER_INSERT = 500;

    private final JobBatchMapper batches;
    private final BatchIds batchIds;
    private final BatchPublisher publisher;
    private final DispatchEvents events;
    private final DispatchSettings settings;

    ReadyBatches(JobBatchMapper batches, BatchIds batchIds, BatchPublisher publisher, DispatchEvents events,
            DispatchSettings settings) {
        this.batches = batches;
        this.batchIds = batchIds;
        this.publisher = publisher;
        this.events = events;
        this.settings = settings;
    }

    @Override
    public Plan plan(long taskId, String traceId, Instant sentAt, Instant deadline) {
        Set<String> online = new HashSet<>();
        Map<String, String> firstOnline = new HashMap<>();
        for (JobBatchMapper.ApState ap : batches.aps()) {
            if (ap.online()) {
                online.add(ap.serial());
                firstOnline.putIfAbsent(ap.storeId(), ap.serial());
            }
        }
        return new TaskPlan(taskId, traceId, deadline, online, firstOnline);
    }

    private final class TaskPlan implements Plan {
        private final long taskId;
        private final String traceId;
        private final Instant deadline;
        private final Set<String> online;
        private final Map<String, String> firstOnline;
        private final Map<String, Open> open = new LinkedHashMap<>();
        private final List<Open> closed = new ArrayList<>();
        private String store;

        TaskPlan(long taskId, String traceId, Instant deadline, Set<String> online, Map<String, String> firstOnline) {
            this.taskId = taskId;
            this.traceId = traceId;
            this.deadline = deadline;
            this.online = online;
            this.firstOnline = firstOnline;
        }

        @Override
        public Placed place(int ordinal, BoundTag tag, String imageHash, int imageBytes) {
            String ap = tag.lastAp() != null ? (online.contains(tag.lastAp()) ? tag.lastAp() : null)
                    : firstOnline.get(tag.storeId());
            if (ap == null) {
                return null;
            }
            if (!tag.storeId().equals(store)) {
                closeAll(); // tags come store by store: a store's batches are complete when the next begins
                store = tag.storeId();
            }
            int size = 400 + imageBytes * 4 / 3; // as JobBatchWriter.sizeOf
            Open batch = open.get(ap);
            if (batch != null && (batch.size >= settings.batchMaxJobs() || batch.bytes + size > settings.batchMaxBytes())) {
                closed.add(open.remove(ap));
                batch = null;
            }
            if (batch == null) {
                batch = new Open(batchIds.next(), ap, tag.storeId());
                open.put(ap, batch);
            }
            batch.add(ordinal, tag.tagId(), imageHash, size);
            return new Placed(ap, batch.id);
        }

        private void closeAll() {
            closed.addAll(open.values());
            open.clear();
        }

        @Override
        public void inserted(IntToLongFunction idOfOrdinal) {
            closeAll();
            if (closed.isEmpty()) {
                return;
            }
            List<ReadyBatch> ready = new ArrayList<>(closed.size());
            List<JobBatchMapper.Row> rows = new ArrayList<>(closed.size());
            for (Open b : closed) {
                long[] ids = new long[b.size];
                DispatchEvents.SentJobs listed = new DispatchEvents.SentJobs(new ArrayList<>(b.size),
                        new ArrayList<>(b.size));
                for (int i = 0; i < b.size; i++) {
                    ids[i] = idOfOrdinal.applyAsLong(b.ordinals[i]);
                    listed.add(ids[i] + ".1", b.tagIds[i]);
                }
                ReadyBatch r = new ReadyBatch(b.id, taskId, b.storeId, b.ap, traceId, deadline, ids,
                        Arrays.copyOf(b.tagIds, b.size), Arrays.copyOf(b.hashes, b.size));
                ready.add(r);
                rows.add(new JobBatchMapper.Row(b.id, taskId, b.storeId, b.ap, b.size,
                        Arrays.stream(ids).min().orElseThrow(), Arrays.stream(ids).max().orElseThrow()));
                events.sent(b.ap, b.storeId, b.id, traceId, listed);
            }
            closed.clear();
            for (int i = 0; i < rows.size(); i += ROWS_PER_INSERT) {
                batches.insertAll(rows.subList(i, Math.min(rows.size(), i + ROWS_PER_INSERT)));
            }
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    publisher.publish(ready);
                }
            });
        }
    }

    /** A batch being filled. */
    private static final class Open {
        final String id;
        final String ap;
        final String storeId;
        int[] ordinals = new int[64];
        String[] tagIds = new String[64];
        String[] hashes = new String[64];
        int size;
        int bytes;

        Open(String id, String ap, String storeId) {
            this.id = id;
            this.ap = ap;
            this.storeId = storeId;
        }

        void add(int ordinal, String tagId, String hash, int jobBytes) {
            if (size == ordinals.length) {
                ordinals = Arrays.copyOf(ordinals, size * 2);
                tagIds = Arrays.copyOf(tagIds, size * 2);
                hashes = Arrays.copyOf(hashes, size * 2);
            }
            ordinals[size] = ordinal;
            tagIds[size] = tagId;
            hashes[size] = hash;
            size++;
            bytes += jobBytes;
        }
    }
}
