package dev.esl.tagmanager.task;

import java.time.Instant;

/**
 * A job to insert. {@code params} holds the action's settings as the contract's JSON object (LED colour,
 * page number); an image job names its image by hash instead. A job written ready to send (an immediate image
 * task's job whose AP is known, docs/tag-manager.md) is inserted {@code SENT} with its AP, batch and time; any
 * other starts {@code PENDING} (those three null).
 */
public record NewJob(long taskId, String tagId, String storeId, String action, String imageHash, String params,
        Instant nextAttemptAt, Instant deadline, String apSerial, String batchId, Instant sentAt) {

    public NewJob(long taskId, String tagId, String storeId, String action, String imageHash, String params,
            Instant nextAttemptAt, Instant deadline) {
        this(taskId, tagId, storeId, action, imageHash, params, nextAttemptAt, deadline, null, null, null);
    }

    boolean sent() {
        return batchId != null;
    }
}
