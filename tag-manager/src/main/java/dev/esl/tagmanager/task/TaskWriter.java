package dev.esl.tagmanager.task;

import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/** Inserts tasks with a fresh trace id, and their jobs in multi-row batches. */
@Component
public class TaskWriter {
    private final TaskMapper tasks;
    private final JobMapper jobs;

    TaskWriter(TaskMapper tasks, JobMapper jobs) {
        this.tasks = tasks;
        this.jobs = jobs;
    }

    public NewTask insert(TaskKind kind, String description, String actor, Instant effectiveAt, Instant deadline) {
        NewTask task = new NewTask(kind, description, actor, newTraceId(), effectiveAt, deadline);
        tasks.insert(task);
        return task;
    }

    public JobInserter jobs() {
        return new JobInserter(jobs);
    }

    /** 128 random bits as 32 hex digits, the W3C trace-context form. */
    static String newTraceId() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
