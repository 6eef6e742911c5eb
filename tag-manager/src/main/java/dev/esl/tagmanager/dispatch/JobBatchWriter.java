package dev.esl.tagmanager.dispatch;

import dev.esl.tagmanager.task.DueJob;
import dev.esl.tagmanager.task.StoredImage;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import tools.jackson.core.JsonGenerator;
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

    /** A stored image with its {@code image} object as the contract writes it, made once per image. */
    record BatchImage(StoredImage stored, String json) {
        static BatchImage of(StoredImage image) {
            ObjectNode i = Contract.JSON.createObjectNode();
            i.put("hash", image.hash());
            i.put("width", image.width());
            i.put("height", image.height());
            i.put("colors", image.colors());
            i.put("format", "planes");
            i.put("compression", "zlib");
            i.put("data", Base64.getEncoder().encodeToString(image.data()));
            return new BatchImage(image, Contract.JSON.writeValueAsString(i));
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
            for (Outgoing o : jobs) {
                job(g, o);
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

    private static void job(JsonGenerator g, Outgoing o) {
        DueJob j = o.job();
        g.writeStartObject();
        g.writeStringProperty("jobId", j.wireId());
        g.writeStringProperty("taskId", Long.toString(j.taskId()));
        g.writeStringProperty("tagId", j.tagId());
        g.writeStringProperty("action", j.action());
        g.writeStringProperty("deadline", j.deadline().toString());
        g.writeStringProperty("traceId", o.traceId());
        switch (j.action()) {
            case "image" -> {
                g.writeName("image");
                g.writeRawValue(o.image().json());
            }
            case "led" -> g.writePOJOProperty("led", Contract.JSON.readTree(j.params()));
            case "page" -> g.writePOJOProperty("page", Contract.JSON.readTree(j.params()));
            default -> throw new IllegalStateException("job " + j.id() + " has unknown action " + j.action());
        }
        g.writeEndObject();
    }
}
