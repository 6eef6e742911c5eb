package dev.esl.tagmanager.task;

import java.util.ArrayList;
import java.util.List;

/** Collects jobs and inserts them a few thousand rows per statement. */
public final class JobInserter {
    private static final int ROWS_PER_INSERT = 2000;

    private final JobMapper jobs;
    private final List<NewJob> pending = new ArrayList<>(ROWS_PER_INSERT);
    private long inserted;

    JobInserter(JobMapper jobs) {
        this.jobs = jobs;
    }

    public void add(NewJob job) {
        pending.add(job);
        if (pending.size() == ROWS_PER_INSERT) {
            flush();
        }
    }

    /** Inserts what is left; returns how many jobs were inserted in all. */
    public long finish() {
        flush();
        return inserted;
    }

    private void flush() {
        if (!pending.isEmpty()) {
            inserted += jobs.insertAll(pending);
            pending.clear();
        }
    }
}
