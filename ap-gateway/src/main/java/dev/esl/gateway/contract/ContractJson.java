package dev.esl.gateway.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.esl.gateway.contract.Fields.ContractViolation;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads and writes the messages of docs/mqtt-contract.md. Readers check every rule of the contract and name
 * the field that breaks one; unknown fields are ignored.
 */
public final class ContractJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ACTIONS = Set.of("image", "led", "page");
    private static final Set<String> COLORS = Set.of("bw", "bwr");
    private static final Set<String> COMPRESSIONS = Set.of("zlib", "none");
    private static final Set<String> LED_COLORS = Set.of("red", "green", "blue", "white");
    private static final Set<String> LED_PATTERNS = Set.of("blink", "solid");
    private static final Set<String> STATES = Set.of("ACCEPTED", "DISPLAYED", "SKIPPED", "FAILED");

    private ContractJson() {
    }

    // ---- job batch ----

    public static JobBatch readJobBatch(byte[] bytes) throws InvalidMessageException {
        JsonNode tree = parse(bytes);
        List<Job> identifiable = new ArrayList<>();
        try {
            Fields f = Fields.root(tree);
            f.schema();
            f.expect("type", "jobs");
            JsonNode jobsNode = f.get("jobs");
            if (jobsNode.isArray()) {
                identifiable = identifiableJobs(jobsNode);
            }
            String batchId = f.string("batchId");
            String storeId = f.serial("storeId");
            String apSerial = f.serial("apSerial");
            var sentAt = f.instant("sentAt");
            String traceId = f.string("traceId");
            if (!jobsNode.isArray() || jobsNode.isEmpty()) {
                throw new ContractViolation("jobs: not a non-empty array");
            }
            List<Job> jobs = new ArrayList<>();
            for (int i = 0; i < jobsNode.size(); i++) {
                jobs.add(readJob(new Fields(jobsNode.get(i), "jobs[" + i + "]"), jobsNode.get(i)));
            }
            return new JobBatch(batchId, storeId, apSerial, sentAt, traceId, List.copyOf(jobs));
        } catch (ContractViolation e) {
            throw new InvalidMessageException("invalid job batch: " + e.getMessage(), identifiable);
        }
    }

    private static Job readJob(Fields f, JsonNode node) throws ContractViolation {
        if (!node.isObject()) {
            throw new ContractViolation(f.name("").replaceAll("\\.$", "") + ": not an object");
        }
        String action = f.oneOf("action", ACTIONS);
        ImageContent image = null;
        LedCommand led = null;
        PageCommand page = null;
        switch (action) {
            case "image" -> {
                Fields i = f.object("image");
                image = new ImageContent(i.hash("hash"), i.integer("width", 1, 4096), i.integer("height", 1, 4096),
                        i.oneOf("colors", COLORS), i.oneOf("format", Set.of("planes")),
                        i.oneOf("compression", COMPRESSIONS), i.base64("data"));
                if (image.data().length == 0) {
                    throw new ContractViolation(i.name("data") + ": empty");
                }
            }
            case "led" -> {
                Fields l = f.object("led");
                led = new LedCommand(l.oneOf("color", LED_COLORS), l.oneOf("pattern", LED_PATTERNS),
                        l.integer("count", 1, 255), l.integer("durationMs", 0, 65535));
            }
            default -> {
                Fields p = f.object("page");
                page = new PageCommand(p.integer("page", 0, 255), p.integer("durationSeconds", 0, 65535));
            }
        }
        return new Job(f.string("jobId"), f.string("taskId"), f.tagId("tagId"),
                Job.Action.valueOf(action.toUpperCase(Locale.ROOT)), f.instant("deadline"), f.string("traceId"),
                image, led, page);
    }

    /** Jobs of a bad batch that can still be named in a FAILED result: those with a job id, task id and tag id. */
    private static List<Job> identifiableJobs(JsonNode jobs) {
        List<Job> out = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            Fields f = new Fields(jobs.get(i), "jobs[" + i + "]");
            try {
                String traceId = f.has("traceId") ? f.string("traceId") : null;
                out.add(new Job(f.string("jobId"), f.string("taskId"), f.tagId("tagId"), null, null, traceId, null,
                        null, null));
            } catch (ContractViolation unidentifiable) {
                // cannot be answered: the tag manager's deadline takes care of it
            }
        }
        return out;
    }

    public static byte[] write(JobBatch batch) {
        ObjectNode root = header("jobs");
        root.put("batchId", batch.batchId());
        root.put("storeId", batch.storeId());
        root.put("apSerial", batch.apSerial());
        root.put("sentAt", batch.sentAt().toString());
        root.put("traceId", batch.traceId());
        ArrayNode jobs = root.putArray("jobs");
        for (Job job : batch.jobs()) {
            ObjectNode j = jobs.addObject();
            j.put("jobId", job.jobId());
            j.put("taskId", job.taskId());
            j.put("tagId", job.tagId());
            j.put("action", job.action().name().toLowerCase(Locale.ROOT));
            j.put("deadline", job.deadline().toString());
            j.put("traceId", job.traceId());
            if (job.image() != null) {
                ImageContent i = job.image();
                j.putObject("image").put("hash", i.hash()).put("width", i.width()).put("height", i.height())
                        .put("colors", i.colors()).put("format", i.format()).put("compression", i.compression())
                        .put("data", Base64.getEncoder().encodeToString(i.data()));
            }
            if (job.led() != null) {
                LedCommand l = job.led();
                j.putObject("led").put("color", l.color()).put("pattern", l.pattern()).put("count", l.count())
                        .put("durationMs", l.durationMs());
            }
            if (job.page() != null) {
                j.putObject("page").put("page", job.page().page()).put("durationSeconds", job.page().durationSeconds());
            }
        }
        return bytes(root);
    }

    /** One job as a JSON object; the journal keeps jobs in this form. */
    public static byte[] write(Job job) {
        byte[] batch = write(new JobBatch("x", "x", "x", Instant.EPOCH, "x", List.of(job)));
        try {
            return bytes((ObjectNode) JSON.readTree(batch).get("jobs").get(0));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Job readJob(byte[] bytes) throws InvalidMessageException {
        JsonNode tree = parse(bytes);
        try {
            return readJob(Fields.root(tree), tree);
        } catch (ContractViolation e) {
            throw new InvalidMessageException("invalid job: " + e.getMessage(), List.of());
        }
    }

    // ---- results ----

    public static byte[] write(ResultBatch batch) {
        ObjectNode root = header("results");
        root.put("storeId", batch.storeId());
        root.put("apSerial", batch.apSerial());
        root.put("sentAt", batch.sentAt().toString());
        ArrayNode results = root.putArray("results");
        for (JobResult r : batch.results()) {
            ObjectNode o = results.addObject();
            o.put("jobId", r.jobId());
            o.put("taskId", r.taskId());
            o.put("tagId", r.tagId());
            o.put("state", r.state().name());
            o.put("at", r.at().toString());
            o.put("attempts", r.attempts());
            if (r.reason() != null) {
                o.put("reason", r.reason());
            }
            if (r.errorCode() != null) {
                o.put("errorCode", r.errorCode());
            }
            if (r.traceId() != null) {
                o.put("traceId", r.traceId());
            }
        }
        return bytes(root);
    }

    public static ResultBatch readResultBatch(byte[] bytes) throws InvalidMessageException {
        try {
            Fields f = Fields.root(parse(bytes));
            f.schema();
            f.expect("type", "results");
            JsonNode array = f.get("results");
            if (!array.isArray()) {
                throw new ContractViolation("results: not an array");
            }
            List<JobResult> results = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                results.add(readResult(new Fields(array.get(i), "results[" + i + "]")));
            }
            return new ResultBatch(f.serial("storeId"), f.serial("apSerial"), f.instant("sentAt"),
                    List.copyOf(results));
        } catch (ContractViolation e) {
            throw new InvalidMessageException("invalid result batch: " + e.getMessage(), List.of());
        }
    }

    /** One result as a JSON object; the journal keeps results in this form. */
    public static byte[] write(JobResult result) {
        byte[] batch = write(new ResultBatch("x", "x", result.at(), List.of(result)));
        try {
            return bytes((ObjectNode) JSON.readTree(batch).get("results").get(0));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JobResult readResult(byte[] bytes) throws InvalidMessageException {
        try {
            return readResult(Fields.root(parse(bytes)));
        } catch (ContractViolation e) {
            throw new InvalidMessageException("invalid result: " + e.getMessage(), List.of());
        }
    }

    private static JobResult readResult(Fields f) throws ContractViolation {
        return new JobResult(f.string("jobId"), f.string("taskId"), f.tagId("tagId"),
                JobState.valueOf(f.oneOf("state", STATES)), f.instant("at"), f.integer("attempts", 0, 1_000_000),
                f.optionalString("reason"), f.optionalInteger("errorCode", 0, 255), f.optionalString("traceId"));
    }

    // ---- status and telemetry ----

    public static byte[] write(ApStatus s) {
        ObjectNode root = header("status");
        root.put("storeId", s.storeId());
        root.put("apSerial", s.apSerial());
        root.put("state", s.state());
        if (s.radio() != null) {
            root.put("radio", s.radio());
        }
        if (s.firmware() != null) {
            root.put("firmware", s.firmware());
        }
        if (s.dongle() != null) {
            root.put("dongle", s.dongle());
        }
        if (s.tags() != null) {
            root.put("tags", s.tags());
        }
        if (s.pendingJobs() != null) {
            root.put("pendingJobs", s.pendingJobs());
        }
        root.put("version", s.version());
        root.put("at", s.at().toString());
        return bytes(root);
    }

    public static ApStatus readApStatus(byte[] bytes) throws InvalidMessageException {
        try {
            Fields f = Fields.root(parse(bytes));
            f.schema();
            f.expect("type", "status");
            return new ApStatus(f.serial("storeId"), f.serial("apSerial"), f.oneOf("state", Set.of("online", "offline")),
                    f.optionalString("radio"), f.optionalString("firmware"),
                    f.has("dongle") ? f.oneOf("dongle", Set.of("ok", "missing", "resetting")) : null,
                    f.optionalInteger("tags", 0, Integer.MAX_VALUE),
                    f.optionalInteger("pendingJobs", 0, Integer.MAX_VALUE), f.string("version"), f.instant("at"));
        } catch (ContractViolation e) {
            throw new InvalidMessageException("invalid status: " + e.getMessage(), List.of());
        }
    }

    public static byte[] write(TelemetryReport report) {
        ObjectNode root = header("telemetry");
        root.put("storeId", report.storeId());
        root.put("apSerial", report.apSerial());
        root.put("sentAt", report.sentAt().toString());
        ArrayNode tags = root.putArray("tags");
        for (TagTelemetry t : report.tags()) {
            ObjectNode o = tags.addObject();
            o.put("tagId", t.tagId());
            o.put("batteryMv", t.batteryMv());
            o.put("temperatureC", t.temperatureC());
            if (t.rssi() != null) {
                o.put("rssi", t.rssi());
            }
            if (t.lqi() != null) {
                o.put("lqi", t.lqi());
            }
            o.put("firmware", t.firmware());
            o.put("imageHash", t.imageHash());
            o.put("seenAt", t.seenAt().toString());
            if (t.width() != null) {
                o.put("width", t.width());
                o.put("height", t.height());
                o.put("colors", t.colors());
            }
        }
        return bytes(root);
    }

    public static TelemetryReport readTelemetry(byte[] bytes) throws InvalidMessageException {
        try {
            Fields f = Fields.root(parse(bytes));
            f.schema();
            f.expect("type", "telemetry");
            JsonNode array = f.get("tags");
            if (!array.isArray()) {
                throw new ContractViolation("tags: not an array");
            }
            List<TagTelemetry> tags = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                Fields t = new Fields(array.get(i), "tags[" + i + "]");
                tags.add(new TagTelemetry(t.tagId("tagId"), t.integer("batteryMv", 0, 65535), t.number("temperatureC"),
                        t.optionalInteger("rssi", -128, 127), t.optionalInteger("lqi", 0, 255), t.string("firmware"),
                        t.hash("imageHash"), t.instant("seenAt"), t.optionalInteger("width", 1, 4096),
                        t.optionalInteger("height", 1, 4096), t.has("colors") ? t.oneOf("colors", COLORS) : null));
            }
            return new TelemetryReport(f.serial("storeId"), f.serial("apSerial"), f.instant("sentAt"),
                    List.copyOf(tags));
        } catch (ContractViolation e) {
            throw new InvalidMessageException("invalid telemetry: " + e.getMessage(), List.of());
        }
    }

    private static ObjectNode header(String type) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", 1);
        root.put("type", type);
        return root;
    }

    private static JsonNode parse(byte[] bytes) throws InvalidMessageException {
        try {
            JsonNode tree = JSON.readTree(bytes);
            if (tree == null || tree.isMissingNode()) {
                throw new InvalidMessageException("empty message", List.of());
            }
            return tree;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidMessageException("not JSON: " + e.getOriginalMessage(), List.of());
        } catch (IOException e) {
            throw new InvalidMessageException("not JSON: " + e.getMessage(), List.of());
        }
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
