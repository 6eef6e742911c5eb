package dev.esl.tagmanager.dispatch;

import dev.esl.tagmanager.task.DueJob;
import dev.esl.tagmanager.task.StoredImage;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes job batches for an AP as docs/mqtt-contract.md defines them. A batch is written by Jackson's streaming
 * generator, each job's image object copied from its JSON written once per image ({@link BatchImage}): a
 * million-job change is 1.6 GB of batches, nearly all of it images, and building a tree per job then writing it
 * cost as much as the rest of sending.
 */
final class JobBatchWriter {
    private JobBatchWriter() {
    }

    /** A job with what its batch needs to say about it. */
    record Outgoing(DueJob job, String traceId, BatchImage image) {
    }

    /**
     * A stored image with its {@code image} object as the contract writes it, made once per image and kept as UTF-8
     * ({@link SerializedString} encodes once): copying it into each batch is then a copy of bytes, where a String
     * was encoded again for every job that carries it (most of a batch publisher's time in a profile).
     */
    record BatchImage(StoredImage stored, SerializableString json) {
        static BatchImage of(StoredImage image) {
            ObjectNode i = Contract.JSON.createObjectNode();
            i.put("hash", image.hash());
            i.put("width", image.width());
            i.put("height", image.height());
            i.put("colors", image.colors());
            i.put("format", "planes");
            i.put("compression", "zlib");
            i.put("data", Base64.getEncoder().encodeToString(image.data()));
            return new BatchImage(image, new SerializedString(Contract.JSON.writeValueAsString(i)));
        }
    }

    static byte[] batch(String batchId, String storeId, String apSerial, Instant sentAt, List<Outgoing> jobs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(jobs.stream().mapToInt(JobBatchWriter::sizeOf).sum());
        try (JsonGenerator g = Contract.JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberProperty("schema", Contract.SCHEMA);
            g.writeStringProperty("type", "jobs");
            g.writeStringProperty("batchId", batchId);
            g.writeStringProperty("storeId", storeId);
            g.writeStringProperty("apSerial", apSerial);
            g.writeStringProperty("sentAt", sentAt.toString());
            g.writeStringProperty("traceId", jobs.get(0).traceId());
            g.writeArrayPropertyStart("jobs");
            SharedValues shared = new SharedValues();
            for (Outgoing o : jobs) {
                job(g, o, shared);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    /** Roughly how many bytes a job adds to a batch, to keep batches under the broker's packet size. */
    static int sizeOf(Outgoing o) {
        return 400 + (o.image() == null ? 0 : o.image().stored().data().length * 4 / 3);
    }

    // A job's member names, encoded once: a million-job change writes each a million times.
    private static final SerializableString JOB_ID = new SerializedString("jobId");
    private static final SerializableString TASK_ID = new SerializedString("taskId");
    private static final SerializableString TAG_ID = new SerializedString("tagId");
    private static final SerializableString ACTION = new SerializedString("action");
    private static final SerializableString DEADLINE = new SerializedString("deadline");
    private static final SerializableString TRACE_ID = new SerializedString("traceId");
    private static final SerializableString IMAGE = new SerializedString("image");

    private static void job(JsonGenerator g, Outgoing o, SharedValues shared) {
        DueJob j = o.job();
        g.writeStartObject();
        g.writeName(JOB_ID);
        g.writeString(j.wireId());
        g.writeName(TASK_ID);
        g.writeString(shared.taskId(j.taskId()));
        g.writeName(TAG_ID);
        g.writeString(j.tagId());
        g.writeName(ACTION);
        g.writeString(shared.text(j.action()));
        g.writeName(DEADLINE);
        g.writeString(shared.deadline(j.deadline()));
        g.writeName(TRACE_ID);
        if (o.traceId() == null) {
            g.writeNull();
        } else {
            g.writeString(shared.text(o.traceId()));
        }
        switch (j.action()) {
            case "image" -> {
                g.writeName(IMAGE);
                g.writeRawValue(o.image().json());
            }
            case "led" -> g.writePOJOProperty("led", Contract.JSON.readTree(j.params()));
            case "page" -> g.writePOJOProperty("page", Contract.JSON.readTree(j.params()));
            default -> throw new IllegalStateException("job " + j.id() + " has unknown action " + j.action());
        }
        g.writeEndObject();
    }

    /**
     * The values a batch's jobs mostly share (task, deadline, trace, action), each formatted and encoded once per
     * batch, not once per job.
     */
    private static final class SharedValues {
        private final Map<Object, SerializableString> encoded = new HashMap<>();

        SerializableString taskId(long taskId) {
            return encoded.computeIfAbsent(taskId, t -> new SerializedString(Long.toString(taskId)));
        }

        SerializableString deadline(Instant deadline) {
            return encoded.computeIfAbsent(deadline, d -> new SerializedString(deadline.toString()));
        }

        SerializableString text(String value) {
            return encoded.computeIfAbsent(value, v -> new SerializedString(value));
        }
    }
}
