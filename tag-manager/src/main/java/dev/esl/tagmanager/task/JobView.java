package dev.esl.tagmanager.task;

import java.time.Instant;

/** A job as the API shows it, with the time of each transition it went through. */
public record JobView(long id, long taskId, String tagId, String storeId, String action, JobState state, int attempt,
        String apSerial, String reason, Integer errorCode, Instant createdAt, Instant sentAt, Instant acceptedAt,
        Instant finishedAt, Instant deadline) {
}
