package dev.esl.tagmanager.task;

import java.util.Map;

/**
 * A task with how many of its jobs are in each state; {@code done} when every job is final. {@code succeeded}
 * counts DISPLAYED and SKIPPED, {@code failed} FAILED and EXPIRED.
 */
public record TaskStatus(Task task, Map<JobState, Long> counts, long jobs, long succeeded, long failed, boolean done) {

    static TaskStatus of(Task task, java.util.List<StateCount> counts) {
        Map<JobState, Long> byState = new java.util.EnumMap<>(JobState.class);
        for (JobState s : JobState.values()) {
            byState.put(s, 0L);
        }
        long total = 0;
        long open = 0;
        for (StateCount c : counts) {
            byState.put(c.state(), c.count());
            total += c.count();
            if (!c.state().isFinal()) {
                open += c.count();
            }
        }
        long succeeded = byState.get(JobState.DISPLAYED) + byState.get(JobState.SKIPPED);
        long failed = byState.get(JobState.FAILED) + byState.get(JobState.EXPIRED);
        return new TaskStatus(task, byState, total, succeeded, failed, open == 0);
    }
}
