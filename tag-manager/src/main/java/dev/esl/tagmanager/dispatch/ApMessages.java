package dev.esl.tagmanager.dispatch;

import dev.esl.tagmanager.ap.Ap;
import dev.esl.tagmanager.tag.TagTelemetry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads what APs publish: result batches, status and telemetry, as docs/mqtt-contract.md defines them. */
final class ApMessages {
    private static final Pattern WIRE_JOB_ID = Pattern.compile("(\\d{1,18})\\.(\\d{1,9})");
    private static final Pattern TAG_ID = Pattern.compile("[0-9A-Fa-f]{16}");
    private static final Set<String> STATES = Set.of("ACCEPTED", "DISPLAYED", "SKIPPED", "FAILED");

    private ApMessages() {
    }

    /** The AP a batch came from, and its results. */
    record Results(String storeId, String apSerial, List<ApResult> results, List<String> skipped) {
    }

    static Results results(byte[] payload) throws InvalidMessageException {
        MessageFields f = header(payload, "results");
        List<ApResult> results = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (MessageFields r : f.array("results")) {
            String wireId = r.string("jobId");
            var m = WIRE_JOB_ID.matcher(wireId);
            if (!m.matches()) {
                skipped.add(wireId); // not a job of ours: reported, the rest of the batch still counts
                continue;
            }
            String state = r.string("state");
            if (!STATES.contains(state)) {
                throw new InvalidMessageException("result " + wireId + ": unknown state '" + state + "'");
            }
            results.add(new ApResult(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)), tagId(r),
                    state, r.instant("at"), r.optionalString("reason"), r.optionalInteger("errorCode"),
                    r.optionalString("traceId")));
        }
        return new Results(f.string("storeId"), f.string("apSerial"), results, skipped);
    }

    static Ap status(byte[] payload) throws InvalidMessageException {
        MessageFields f = header(payload, "status");
        String state = f.string("state");
        if (!state.equals("online") && !state.equals("offline")) {
            throw new InvalidMessageException("state: expected online or offline, got '" + state + "'");
        }
        return new Ap(f.string("apSerial"), f.string("storeId"), state, f.optionalString("radio"),
                f.optionalString("firmware"), f.optionalString("dongle"), f.optionalInteger("tags"),
                f.optionalInteger("pendingJobs"), f.optionalString("version"), f.instant("at"));
    }

    static List<TagTelemetry> telemetry(byte[] payload) throws InvalidMessageException {
        MessageFields f = header(payload, "telemetry");
        String storeId = f.string("storeId");
        String apSerial = f.string("apSerial");
        List<TagTelemetry> tags = new ArrayList<>();
        for (MessageFields t : f.array("tags")) {
            Double temperature = t.optionalNumber("temperatureC");
            tags.add(new TagTelemetry(tagId(t), storeId, apSerial, t.optionalInteger("width"),
                    t.optionalInteger("height"), t.optionalString("colors"), t.integer("batteryMv"),
                    temperature == null ? null : BigDecimal.valueOf(temperature).setScale(1, RoundingMode.HALF_UP),
                    t.optionalInteger("rssi"), t.optionalInteger("lqi"), t.optionalString("firmware"),
                    t.optionalString("imageHash"), t.instant("seenAt")));
        }
        return tags;
    }

    private static MessageFields header(byte[] payload, String type) throws InvalidMessageException {
        MessageFields f = MessageFields.root(payload);
        if (f.integer("schema") != Contract.SCHEMA) {
            throw new InvalidMessageException("schema: this tag manager reads schema " + Contract.SCHEMA);
        }
        f.expect("type", type);
        return f;
    }

    private static String tagId(MessageFields f) throws InvalidMessageException {
        String id = f.string("tagId");
        if (!TAG_ID.matcher(id).matches()) {
            throw new InvalidMessageException("tagId: not 16 hex digits: " + id);
        }
        return id.toUpperCase(java.util.Locale.ROOT);
    }
}
