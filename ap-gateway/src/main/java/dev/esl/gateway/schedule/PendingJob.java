package dev.esl.gateway.schedule;

import dev.esl.gateway.contract.Job;
import dev.esl.gateway.dongle.TagId;
import java.time.Instant;

/** A job the scheduler holds, with its tries so far and, while the dongle works on it, the dongle's ref. */
final class PendingJob {
    final Job job;
    final TagId tag;
    final Instant acceptedAt;
    int attempts;
    /** The dongle's ref while in flight; 0 otherwise. */
    int ref;
    EslFailure lastFailure;

    PendingJob(Job job, int attempts, Instant acceptedAt) {
        this.job = job;
        this.tag = TagId.parse(job.tagId());
        this.attempts = attempts;
        this.acceptedAt = acceptedAt;
    }

    boolean inFlight() {
        return ref != 0;
    }

    /** The last error the tag answered, kept to report it if the job runs out of tries or time. */
    record EslFailure(String reason, int code) {
    }
}
