package dev.esl.tagmanager.task;

import dev.esl.tagmanager.api.BadRequestException;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How tasks run.
 *
 * @param maxAttempts     attempts of a job before it fails for good (a retryable failure starts the next one)
 * @param retryBackoff    wait before the second attempt, doubled for each further one
 * @param defaultDeadline how long after it takes effect a task's jobs may take, unless the request says
 */
@ConfigurationProperties("esl.tasks")
public record TaskSettings(@DefaultValue("5") int maxAttempts, @DefaultValue("30s") Duration retryBackoff,
        @DefaultValue("24h") Duration defaultDeadline) {

    /** The deadline of a task that takes effect now: the one asked for, else the default; it must be later. */
    Instant deadlineFrom(Instant now, Instant requested) {
        Instant deadline = requested == null ? now.plus(defaultDeadline) : requested;
        if (!deadline.isAfter(now)) {
            throw new BadRequestException("deadline", "must be in the future");
        }
        return deadline;
    }
}
