package dev.esl.tagmanager.task;

import java.time.Instant;

/**
 * An earlier attempt of a job, as it was when it ended in a retry: the AP it went to, when it was sent, accepted
 * and ended, and how ({@code outcome} FAILED, with the reason and ESL error code the tag or AP gave).
 */
public record JobAttempt(long jobId, int attempt, String apSerial, Instant sentAt, Instant acceptedAt,
        Instant endedAt, String outcome, String reason, Integer errorCode) {

    /** This attempt, read from the job row while current, as it ends at {@code at} in a failure to retry. */
    public JobAttempt failed(Instant at, String failureReason, Integer failureCode) {
        return new JobAttempt(jobId, attempt, apSerial, sentAt, acceptedAt, at, "FAILED", failureReason, failureCode);
    }
}
