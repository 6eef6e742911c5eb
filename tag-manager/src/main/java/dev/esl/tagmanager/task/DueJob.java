package dev.esl.tagmanager.task;

import java.time.Instant;

/** A job claimed for sending. {@code apSerial} is the AP of its previous attempt, if any. */
public record DueJob(long id, long taskId, String tagId, String storeId, String action, String imageHash, String params,
        int attempt, String apSerial, Instant deadline) {

    /** The job id on the wire: a result names the attempt it is about. */
    public String wireId() {
        return id + "." + attempt;
    }

    /** What a tag shows once an image job is displayed. */
    public record Shown(String tagId, String imageHash) {
    }
}
