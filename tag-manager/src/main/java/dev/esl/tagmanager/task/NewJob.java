package dev.esl.tagmanager.task;

import java.time.Instant;

/**
 * A job to insert. {@code params} holds the action's settings as the contract's JSON object (LED colour,
 * page number); an image job names its image by hash instead.
 */
public record NewJob(long taskId, String tagId, String storeId, String action, String imageHash, String params,
        Instant nextAttemptAt, Instant deadline) {
}
