package dev.esl.bench.load;

/** What one broker did in one case. */
public sealed interface Outcome permits ThroughputResult, IdleResult, Outcome.Failed, Outcome.Skipped {

    /** The broker did not start, died, or the scenario could not run; the report shows the reason. */
    record Failed(String reason) implements Outcome {
    }

    /** The case cannot run on this machine (an open-files limit too low); the report shows why. */
    record Skipped(String reason) implements Outcome {
    }
}
