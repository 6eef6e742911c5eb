package dev.esl.gateway.journal;

import dev.esl.gateway.contract.JobResult;

/** A result waiting for the broker's acknowledgement, in the order results were made. */
public record StoredResult(long sequence, JobResult result) {
}
