package dev.esl.tagmanager.task;

import java.time.Instant;
import java.util.List;

/**
 * A job as the API shows it: its current attempt with the time of each transition, and {@code history}, the earlier
 * attempts that ended in a retry (oldest first; empty for a job on its first attempt).
 */
public record JobView(long id, long taskId, String tagId, String storeId, String action, JobState state, int attempt,
        String apSerial, String reason, Integer errorCode, Instant createdAt, Instant sentAt, Instant acceptedAt,
        Instant finishedAt, Instant deadline, List<JobAttempt> history) {

    public JobView {
        history = List.copyOf(history);
    }

    static JobView of(JobRow j, List<JobAttempt> history) {
        return new JobView(j.id(), j.taskId(), j.tagId(), j.storeId(), j.action(), j.state(), j.attempt(),
                j.apSerial(), j.reason(), j.errorCode(), j.createdAt(), j.sentAt(), j.acceptedAt(), j.finishedAt(),
                j.deadline(), history);
    }
}
