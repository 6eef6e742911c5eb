package dev.esl.tagmanager.task;

import java.time.Instant;

/** A job row with the times of its current attempt's transitions. */
public record JobRow(long id, long taskId, String tagId, String storeId, String action, JobState state, int attempt,
        String apSerial, String reason, Integer errorCode, Instant createdAt, Instant sentAt, Instant acceptedAt,
        Instant finishedAt, Instant deadline) {
}
