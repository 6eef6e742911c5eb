package dev.esl.bench.load;

/** What one broker did in one scenario. */
public sealed interface Outcome permits ThroughputResult, IdleResult, Outcome.Failed {

    /** The broker did not start, died, or the scenario could not run; the report shows the reason. */
    record Failed(String reason) implements Outcome {
    }
}
