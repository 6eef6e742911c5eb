package dev.esl.audit.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
        return write(e, e.hash());
    }

    /** What the hash is computed over. */
    public static String hashInput(ChainedEvent e) {
        return write(e, null);
    }

    /**
     * The event's canonical JSON, written member by member in key order. {@code before} and {@code after} are
     * canonical already ({@link AuditEvent}) and go in as they are: parsing them into a tree to write them out again
     * gave the same text and was most of the cost of hashing a large event (a batch listing a hundred jobs).
     */
    private static String write(ChainedEvent e, String hash) {
        AuditEvent ev = e.event();
        return new SortedMembers()
                .text("action", ev.action())
                .raw("actor", new SortedMembers().text("id", ev.actor().id()).text("kind", ev.actor().kind().name())
                        .end())
                .raw("after", ev.after())
                .text("at", ev.at().toString())
                .raw("before", ev.before())
                .text("hash", hash)
                .text("node", ev.node())
                .text("outcome", ev.outcome().name())
                .text("prevHash", e.prevHash())
                .number("schema", e.schema())
                .number("seq", e.seq())
                .text("store", ev.store())
                .text("stream", e.stream())
                .raw("target", new SortedMembers().text("id", ev.target().id()).text("type", ev.target().type()).end())
                .text("traceId", ev.traceId())
                .end();
    }

    /** A canonical JSON object written by hand: members in key order (checked), null members left out. */
    private static final class SortedMembers {
        private final StringBuilder out = new StringBuilder(256).append('{');
        private String last;

        SortedMembers text(String name, String value) {
            if (value != null) {
                name(name);
                CanonicalJson.string(value, out);
            }
            return this;
        }

        SortedMembers number(String name, long value) {
            name(name);
            out.append(value);
            return this;
        }

        /** A member whose value is canonical JSON text already. */
        SortedMembers raw(String name, String canonicalJson) {
            if (canonicalJson != null) {
                name(name);
                out.append(canonicalJson);
            }
            return this;
        }

        String end() {
            return out.append('}').toString();
        }

        private void name(String name) {
            if (last != null) {
                if (last.compareTo(name) >= 0) {
                    throw new IllegalStateException("canonical JSON needs " + name + " before " + last);
                }
                out.append(',');
            }
            last = name;
            CanonicalJson.string(name, out);
            out.append(':');
        }
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
