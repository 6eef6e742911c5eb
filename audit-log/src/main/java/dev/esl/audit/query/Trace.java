package dev.esl.audit.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.esl.audit.event.ChainedEvent;
import dev.esl.audit.event.EventJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every event of one trace (one price change or other task) in the order they happened, and each tag's path
 * through them. An event that moves jobs lists them in its {@code after} as {@code jobs: [{"tagId", "state", "at",
 * "jobId", "attempt", "ap", "reason"}]}: only {@code tagId} is required; {@code state} and {@code ap} may be given
 * once for all jobs beside the list, {@code at} defaults to the event's time and {@code attempt} to the part of a
 * {@code jobId} after its dot. The paths are read from those lists, so one event per batch or result message is
 * enough to follow every tag.
 */
public record Trace(String traceId, List<ChainedEvent> events, Map<String, List<TagStep>> tags) {
    public Trace {
        events = List.copyOf(events);
        tags = java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    public static Trace of(String traceId, List<ChainedEvent> events) {
        Map<String, List<TagStep>> tags = new TreeMap<>();
        for (ChainedEvent e : events) {
            JsonNode after = EventJson.tree(e.event().after());
            JsonNode jobs = after == null ? null : after.get("jobs");
            if (jobs == null || !jobs.isArray()) {
                continue;
            }
            for (JsonNode j : jobs) {
                String state = text(j, "state") != null ? text(j, "state") : text(after, "state");
                if (!j.hasNonNull("tagId") || state == null) {
                    continue;
                }
                Instant at = j.hasNonNull("at") ? Instant.parse(j.get("at").asText()) : e.event().at();
                String jobId = text(j, "jobId");
                tags.computeIfAbsent(j.get("tagId").asText(), t -> new ArrayList<>()).add(new TagStep(state, at,
                        jobId, j.hasNonNull("attempt") ? Integer.valueOf(j.get("attempt").asInt()) : attemptOf(jobId),
                        text(j, "ap") != null ? text(j, "ap") : text(after, "ap"), text(j, "reason"), e.stream(),
                        e.seq()));
            }
        }
        return new Trace(traceId, events, tags);
    }

    /** The state each tag reached last. */
    public Map<String, String> finalStates() {
        Map<String, String> states = new TreeMap<>();
        tags.forEach((tag, steps) -> states.put(tag, steps.get(steps.size() - 1).state()));
        return states;
    }

    private static Integer attemptOf(String jobId) {
        int dot = jobId == null ? -1 : jobId.indexOf('.');
        try {
            return dot < 0 ? null : Integer.valueOf(jobId.substring(dot + 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }
}
