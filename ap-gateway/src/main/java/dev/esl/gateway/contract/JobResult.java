package dev.esl.gateway.contract;

import java.time.Instant;

/** What became of a job; {@code reason} and {@code errorCode} only for failures. */
public record JobResult(String jobId, String taskId, String tagId, JobState state, Instant at, int attempts,
        String reason, Integer errorCode, String traceId) {

    public static JobResult accepted(Job job, Instant at) {
        return new JobResult(job.jobId(), job.taskId(), job.tagId(), JobState.ACCEPTED, at, 0, null, null,
                job.traceId());
    }
}
