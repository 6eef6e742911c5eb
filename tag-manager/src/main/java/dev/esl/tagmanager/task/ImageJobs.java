package dev.esl.tagmanager.task;

import dev.esl.tagmanager.product.Product;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns bound tags into image jobs of a task, a window of tags at a time: the window's new images are rendered
 * together (in parallel, {@link TaskImages}), then its jobs go to the inserter. With an outbox plan (an immediate
 * task), each job whose AP the plan knows is inserted SENT in its batch.
 */
final class ImageJobs {
    private static final int WINDOW = 2000;

    private final long taskId;
    private final TaskImages images;
    private final JobInserter inserter;
    private final Function<BoundTag, Product> products;
    private final Instant nextAttemptAt;
    private final Instant deadline;
    private final List<BoundTag> window = new ArrayList<>(WINDOW);
    private final JobOutbox.Plan outbox;
    private int added;

    ImageJobs(long taskId, TaskImages images, JobInserter inserter, Function<BoundTag, Product> products,
            Instant nextAttemptAt, Instant deadline) {
        this(taskId, images, inserter, products, nextAttemptAt, deadline, null);
    }

    /** @param outbox where jobs go that are sent with the task (null: every job PENDING) */
    ImageJobs(long taskId, TaskImages images, JobInserter inserter, Function<BoundTag, Product> products,
            Instant nextAttemptAt, Instant deadline, JobOutbox.Plan outbox) {
        this.outbox = outbox;
        this.taskId = taskId;
        this.images = images;
        this.inserter = inserter;
        this.products = products;
        this.nextAttemptAt = nextAttemptAt;
        this.deadline = deadline;
    }

    void add(BoundTag tag) {
        window.add(tag);
        if (window.size() == WINDOW) {
            flush();
        }
    }

    /** Inserts what is left; returns how many jobs were inserted in all. */
    long finish() {
        flush();
        return inserter.finish();
    }

    private void flush() {
        List<TaskImages.Made> shown = images.images(window, products);
        for (int i = 0; i < window.size(); i++) {
            BoundTag t = window.get(i);
            String hash = shown.get(i).hash();
            JobOutbox.Placed placed = outbox == null ? null : outbox.place(added, t, hash, shown.get(i).bytes());
            inserter.add(placed == null
                    ? new NewJob(taskId, t.tagId(), t.storeId(), "image", hash, null, nextAttemptAt, deadline)
                    : new NewJob(taskId, t.tagId(), t.storeId(), "image", hash, null, nextAttemptAt, deadline,
                            placed.apSerial(), placed.batchId(), nextAttemptAt));
            added++;
        }
        window.clear();
    }
}
