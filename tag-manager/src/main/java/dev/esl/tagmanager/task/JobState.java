package dev.esl.tagmanager.task;

/**
 * Where a job is. The rank orders the states: a result only ever raises it, so a duplicate or late result
 * (QoS 1 redelivery, an AP that resends) never moves a job back. Only a retry, decided here for the job's
 * current attempt, starts it again at PENDING with the next attempt number.
 */
public enum JobState {
    PENDING(0), SENT(1), ACCEPTED_BY_AP(2), DISPLAYED(3), SKIPPED(3), FAILED(3), EXPIRED(3), CANCELLED(3);

    private final int rank;

    JobState(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public boolean isFinal() {
        return rank == 3;
    }
}
