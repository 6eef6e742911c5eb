package dev.esl.tagmanager.task;

import java.time.Instant;
import java.util.function.IntToLongFunction;

/**
 * Jobs written ready to send: an immediate image task's jobs whose AP is known when the task is created are
 * inserted {@code SENT} in batches for their AP, and the batches are published as soon as the task commits, instead
 * of being inserted {@code PENDING} and then claimed, updated and committed again by the dispatcher
 * (docs/tag-manager.md, "Jobs sent with their task").
 */
public interface JobOutbox {

    /** Starts the batches of one task, in its transaction. */
    Plan plan(long taskId, String traceId, Instant sentAt, Instant deadline);

    /** The batches of one task being created. */
    interface Plan {
        /**
         * The AP and batch of the job added {@code ordinal}-th (from 0) to the task's inserter, or null when the
         * dispatcher is to choose its AP (the job is inserted {@code PENDING}).
         */
        Placed place(int ordinal, BoundTag tag, String imageHash, int imageBytes);

        /**
         * Once every job is inserted: records the batches and their audit events in the transaction, and has them
         * published after it commits.
         */
        void inserted(IntToLongFunction idOfOrdinal);
    }

    record Placed(String apSerial, String batchId) {
    }
}
