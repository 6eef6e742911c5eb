package dev.esl.tagmanager.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esl.tagmanager.task.DueJob;
import dev.esl.tagmanager.task.StoredImage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class JobBatchWriterTest {
    private static final Instant NOW = Instant.parse("2026-12-06T18:00:00.123Z");
    private static final Instant DEADLINE = Instant.parse("2026-12-07T18:00:00Z");
    private static final StoredImage IMAGE = new StoredImage("0123456789abcdef0123456789abcdef", 296, 128, "bwr",
            new byte[] {1, 2, 3, (byte) 0xff, 0x7f, 0x10});

    @Test
    void writesTheSameBytesAsATreeOfTheBatch() {
        List<JobBatchWriter.Outgoing> jobs = List.of(
                new JobBatchWriter.Outgoing(job(41, "image", IMAGE.hash(), null), "trace-1", JobBatchWriter.BatchImage.of(IMAGE)),
                new JobBatchWriter.Outgoing(job(42, "led", null, "{\"color\":\"red\",\"pattern\":\"blink\",\"count\":3}"),
                        "trace-1", null),
                new JobBatchWriter.Outgoing(job(43, "page", null, "{\"page\": 2, \"durationSeconds\": 30}"), "trace-2",
                        null),
                new JobBatchWriter.Outgoing(job(44, "led", null, "{\"color\":\"green\"}"), null, null),
                new JobBatchWriter.Outgoing(job(45, "image", IMAGE.hash(), null), "trace-1",
                        JobBatchWriter.BatchImage.of(IMAGE)));

        byte[] written = JobBatchWriter.batch("node1-abc-7", "s1", "ap-1", NOW, jobs);

        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(tree("node1-abc-7", "s1", "ap-1", jobs));
    }

    private static DueJob job(long id, String action, String hash, String params) {
        return new DueJob(id, 7, "0A1B2C3D4E5F6071", "s1", action, hash, params, 2, "ap-1", DEADLINE);
    }

    /** The batch as a Jackson tree, written whole: how batches were written before the streaming writer. */
    private static String tree(String batchId, String storeId, String apSerial, List<JobBatchWriter.Outgoing> jobs) {
        ObjectNode root = Contract.JSON.createObjectNode();
        root.put("schema", Contract.SCHEMA);
        root.put("type", "jobs");
        root.put("batchId", batchId);
        root.put("storeId", storeId);
        root.put("apSerial", apSerial);
        root.put("sentAt", NOW.toString());
        root.put("traceId", jobs.get(0).traceId());
        var array = root.putArray("jobs");
        for (JobBatchWriter.Outgoing o : jobs) {
            DueJob j = o.job();
            ObjectNode n = array.addObject();
            n.put("jobId", j.wireId());
            n.put("taskId", Long.toString(j.taskId()));
            n.put("tagId", j.tagId());
            n.put("action", j.action());
            n.put("deadline", j.deadline().toString());
            n.put("traceId", o.traceId());
            switch (j.action()) {
                case "image" -> {
                    ObjectNode i = n.putObject("image");
                    i.put("hash", IMAGE.hash());
                    i.put("width", IMAGE.width());
                    i.put("height", IMAGE.height());
                    i.put("colors", IMAGE.colors());
                    i.put("format", "planes");
                    i.put("compression", "zlib");
                    i.put("data", Base64.getEncoder().encodeToString(IMAGE.data()));
                }
                case "led" -> n.set("led", Contract.JSON.readTree(j.params()));
                default -> n.set("page", Contract.JSON.readTree(j.params()));
            }
        }
        return Contract.JSON.writeValueAsString(root);
    }
}
