package dev.esl.audit.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * An event as one line of JSON: what the JSON-lines sink and the archives write and the CLI prints. The hash covers
 * the same object without its {@code hash} member, in canonical form ({@link CanonicalJson}).
 */
public final class EventJson {
    private EventJson() {
    }

    /** The whole event, hash included, canonical. */
    public static String line(ChainedEvent e) {
        ObjectNode n = unhashed(e);
        n.put("hash", e.hash());
        return CanonicalJson.write(n);
    }

    /** What the hash is computed over. */
    public static String hashInput(ChainedEvent e) {
        return CanonicalJson.write(unhashed(e));
    }

    private static ObjectNode unhashed(ChainedEvent e) {
        AuditEvent ev = e.event();
        ObjectNode n = CanonicalJson.JSON.createObjectNode();
        n.put("schema", e.schema());
        n.put("stream", e.stream());
        n.put("seq", e.seq());
        n.put("at", ev.at().toString());
        ObjectNode actor = n.putObject("actor");
        actor.put("kind", ev.actor().kind().name());
        actor.put("id", ev.actor().id());
        n.put("action", ev.action());
        ObjectNode target = n.putObject("target");
        target.put("type", ev.target().type());
        target.put("id", ev.target().id());
        n.put("store", ev.store());
        n.set("before", tree(ev.before()));
        n.set("after", tree(ev.after()));
        n.put("outcome", ev.outcome().name());
        n.put("traceId", ev.traceId());
        n.put("node", ev.node());
        n.put("prevHash", e.prevHash());
        return n;
    }

    /** Reads a line {@link #line} wrote. */
    public static ChainedEvent read(String line) {
        try {
            JsonNode n = CanonicalJson.JSON.readTree(line);
            AuditEvent ev = new AuditEvent(Instant.parse(n.get("at").asText()),
                    new Actor(Actor.Kind.valueOf(n.get("actor").get("kind").asText()), n.get("actor").get("id").asText()),
                    n.get("action").asText(),
                    new AuditEvent.Target(n.get("target").get("type").asText(), n.get("target").get("id").asText()),
                    text(n, "store"), json(n, "before"), json(n, "after"), Outcome.valueOf(n.get("outcome").asText()),
                    text(n, "traceId"), n.get("node").asText());
            return new ChainedEvent(0, n.get("schema").asInt(), n.get("stream").asText(), n.get("seq").asLong(), ev,
                    n.get("prevHash").asText(), n.get("hash").asText());
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not an audit event line: " + e.getMessage(), e);
        }
    }

    /** A JSON text as a tree, for callers that print events inside a larger document. */
    public static JsonNode tree(String json) {
        if (json == null) {
            return null;
        }
        try {
            return CanonicalJson.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String json(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : CanonicalJson.write(v);
    }
}
