package dev.esl.audit.query;

import java.time.Instant;

/**
 * One step of one tag in a trace: a job state it reached, when, at which AP, and the event (stream and seq) that
 * recorded it.
 */
public record TagStep(String state, Instant at, String jobId, Integer attempt, String ap, String reason,
        String stream, long seq) {
}
