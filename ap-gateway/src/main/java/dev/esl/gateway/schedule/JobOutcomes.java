package dev.esl.gateway.schedule;

import dev.esl.gateway.contract.JobResult;

/** Where the scheduler's decisions go; each call must be durable when it returns (the journal). */
public interface JobOutcomes {
    /** The job is over: remove it and keep its final result until the broker has it. */
    void finished(String jobId, JobResult result);

    /** A try at the tag ended without success; the job stays pending with this many attempts. */
    void attempted(String jobId, int attempts);
}
