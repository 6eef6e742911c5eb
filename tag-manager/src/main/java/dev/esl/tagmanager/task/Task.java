package dev.esl.tagmanager.task;

import java.time.Instant;

/** A task: one operation on many tags, carried out as one job per tag. */
public record Task(long id, TaskKind kind, String description, String createdBy, String traceId, Instant createdAt,
        Instant effectiveAt, Instant deadline, Instant cancelledAt, String storeId) {
}
