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
 * {@code jobId} after its dot. Jobs with nothing of their own but a tag and a job id may instead be listed as two
 * parallel lists, {@code tagIds} and {@code jobIds} (a sent batch). The paths are read from those lists, so one event per batch or result message is
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
            if (after == null) {
                continue;
            }
            JsonNode jobs = after.get("jobs");
            if (jobs != null && jobs.isArray()) {
                for (JsonNode j : jobs) {
                    step(tags, e, after, text(j, "tagId"), text(j, "jobId"), j);
                }
            }
            JsonNode tagIds = after.get("tagIds");
            JsonNode jobIds = after.get("jobIds");
            if (tagIds != null && tagIds.isArray()) {
                for (int i = 0; i < tagIds.size(); i++) {
                    JsonNode jobId = jobIds == null ? null : jobIds.get(i);
                    step(tags, e, after, tagIds.get(i).asText(), jobId == null ? null : jobId.asText(), null);
                }
            }
        }
        return new Trace(traceId, events, tags);
    }

    /** One job of an event: {@code own} holds its own fields (null: none), {@code after} those said once for all. */
    private static void step(Map<String, List<TagStep>> tags, ChainedEvent e, JsonNode after, String tagId,
            String jobId, JsonNode own) {
        String state = own != null && text(own, "state") != null ? text(own, "state") : text(after, "state");
        if (tagId == null || state == null) {
            return;
        }
        Instant at = own != null && own.hasNonNull("at") ? Instant.parse(own.get("at").asText()) : e.event().at();
        Integer attempt = own != null && own.hasNonNull("attempt") ? Integer.valueOf(own.get("attempt").asInt())
                : attemptOf(jobId);
        String ap = own != null && text(own, "ap") != null ? text(own, "ap") : text(after, "ap");
        tags.computeIfAbsent(tagId, t -> new ArrayList<>()).add(new TagStep(state, at, jobId, attempt, ap,
                own == null ? null : text(own, "reason"), e.stream(), e.seq()));
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
