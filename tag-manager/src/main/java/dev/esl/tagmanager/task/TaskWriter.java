package dev.esl.tagmanager.task;

import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/** Inserts tasks with a fresh trace id, and their jobs in multi-row statements. */
@Component
public class TaskWriter {
    private final TaskMapper tasks;
    private final DataSource dataSource;

    TaskWriter(TaskMapper tasks, DataSource dataSource) {
        this.tasks = tasks;
        this.dataSource = dataSource;
    }

    public NewTask insert(TaskKind kind, String description, String actor, Instant effectiveAt, Instant deadline) {
        NewTask task = new NewTask(kind, description, actor, newTraceId(), effectiveAt, deadline);
        tasks.insert(task);
        return task;
    }

    public JobInserter jobs() {
        return new JobInserter(dataSource);
    }

    /** 128 random bits as 32 hex digits, the W3C trace-context form. */
    static String newTraceId() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
