package dev.esl.tagmanager.dispatch;

import dev.esl.tagmanager.task.DueJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A batch of a task's jobs written SENT with the task, to publish once it commits: each job by id, tag and image. */
record ReadyBatch(String batchId, long taskId, String storeId, String apSerial, String traceId, Instant deadline,
        long[] ids, String[] tagIds, String[] imageHashes) {

    List<DueJob> jobs() {
        List<DueJob> jobs = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            jobs.add(new DueJob(ids[i], taskId, tagIds[i], storeId, "image", imageHashes[i], null, 1, apSerial, deadline));
        }
        return jobs;
    }
}
