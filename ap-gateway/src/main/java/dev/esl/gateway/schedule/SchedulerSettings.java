package dev.esl.gateway.schedule;

import java.time.Duration;

/**
 * @param maxAttempts tries of one job at a tag (each retryable error from the tag uses one)
 * @param deadlineCheck how often deadlines are looked at
 */
public record SchedulerSettings(int maxAttempts, Duration deadlineCheck) {
    public static SchedulerSettings defaults() {
        return new SchedulerSettings(3, Duration.ofSeconds(1));
    }
}
