package dev.esl.gateway.contract;

import java.util.List;

/**
 * A message that breaks the contract. The message names the field ({@code jobs[2].deadline: missing});
 * {@link #identifiableJobs()} lists the jobs of a bad batch that can still be answered with a failure.
 */
public final class InvalidMessageException extends Exception {
    private final transient List<Job> identifiableJobs;

    public InvalidMessageException(String message, List<Job> identifiableJobs) {
        super(message);
        this.identifiableJobs = List.copyOf(identifiableJobs);
    }

    public List<Job> identifiableJobs() {
        return identifiableJobs;
    }
}
