package dev.esl.tagmanager.task;

/** How many of a task's jobs are in one state. */
public record StateCount(JobState state, long count) {
}
