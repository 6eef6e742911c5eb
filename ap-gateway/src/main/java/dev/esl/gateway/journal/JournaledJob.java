package dev.esl.gateway.journal;

import dev.esl.gateway.contract.Job;

/** A job the AP accepted and has not finished, with the tries it had so far. */
public record JournaledJob(long sequence, Job job, int attempts) {
}
