package dev.esl.tagmanager.task;

import java.time.Instant;

/** A task about to be inserted; {@code id} is filled in by the insert. */
public final class NewTask {
    public Long id;
    public final TaskKind kind;
    public final String description;
    public final String createdBy;
    public final String traceId;
    public final Instant effectiveAt;
    public final Instant deadline;

    public NewTask(TaskKind kind, String description, String createdBy, String traceId, Instant effectiveAt,
            Instant deadline) {
        this.kind = kind;
        this.description = description;
        this.createdBy = createdBy;
        this.traceId = traceId;
        this.effectiveAt = effectiveAt;
        this.deadline = deadline;
    }
}
