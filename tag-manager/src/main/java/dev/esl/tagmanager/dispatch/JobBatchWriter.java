package dev.esl.tagmanager.dispatch;

import dev.esl.tagmanager.task.DueJob;
import dev.esl.tagmanager.task.StoredImage;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** Writes job batches for an AP as docs/mqtt-contract.md defines them. */
final class JobBatchWriter {
    private JobBatchWriter() {
    }

    /** A job with what its batch needs to say about it. */
    record Outgoing(DueJob job, String traceId, StoredImage image) {
    }

    static byte[] batch(String batchId, String storeId, String apSerial, Instant sentAt, List<Outgoing> jobs) {
        ObjectNode root = Contract.JSON.createObjectNode();
        root.put("schema", Contract.SCHEMA);
        root.put("type", "jobs");
        root.put("batchId", batchId);
        root.put("storeId", storeId);
        root.put("apSerial", apSerial);
        root.put("sentAt", sentAt.toString());
        root.put("traceId", jobs.get(0).traceId());
        var array = root.putArray("jobs");
        for (Outgoing o : jobs) {
            array.add(job(o));
        }
        return Contract.JSON.writeValueAsBytes(root);
    }

    /** Roughly how many bytes a job adds to a batch, to keep batches under the broker's packet size. */
    static int sizeOf(Outgoing o) {
        return 400 + (o.image() == null ? 0 : o.image().data().length * 4 / 3);
    }

    private static ObjectNode job(Outgoing o) {
        DueJob j = o.job();
        ObjectNode n = Contract.JSON.createObjectNode();
        n.put("jobId", j.wireId());
        n.put("taskId", Long.toString(j.taskId()));
        n.put("tagId", j.tagId());
        n.put("action", j.action());
        n.put("deadline", j.deadline().toString());
        n.put("traceId", o.traceId());
        switch (j.action()) {
            case "image" -> {
                StoredImage image = o.image();
                ObjectNode i = n.putObject("image");
                i.put("hash", image.hash());
                i.put("width", image.width());
                i.put("height", image.height());
                i.put("colors", image.colors());
                i.put("format", "planes");
                i.put("compression", "zlib");
                i.put("data", Base64.getEncoder().encodeToString(image.data()));
            }
            case "led" -> n.set("led", Contract.JSON.readTree(j.params()));
            case "page" -> n.set("page", Contract.JSON.readTree(j.params()));
            default -> throw new IllegalStateException("job " + j.id() + " has unknown action " + j.action());
        }
        return n;
    }
}
