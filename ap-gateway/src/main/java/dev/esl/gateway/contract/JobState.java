package dev.esl.gateway.contract;

public enum JobState {
    ACCEPTED, DISPLAYED, SKIPPED, FAILED;

    public boolean isFinal() {
        return this != ACCEPTED;
    }
}
