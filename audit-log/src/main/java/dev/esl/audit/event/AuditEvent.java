package dev.esl.audit.event;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What happened, as the caller tells it: not yet in a chain. {@code before} and {@code after} are JSON texts (or
 * null) in their canonical form, so that what is hashed is what is stored: {@link #of} makes them canonical, the
 * constructor takes them as they are (an event read back from the table or a line, canonical since it was
 * written; canonicalizing every event again on each read, export and verification was most of their CPU). The time
 * is cut to milliseconds, the precision of the table, so an event reads back exactly as it was hashed.
 *
 * @param store   the store it concerns, or null for a chain-wide event (it then goes to the {@code chain} stream)
 * @param traceId the price change (task) it belongs to, when it belongs to one
 * @param node    where it happened: a tag-manager node, or the device that reported it
 */
public record AuditEvent(Instant at, Actor actor, String action, Target target, String store, String before,
        String after, Outcome outcome, String traceId, String node) {

    /** What the operation acted on: a type ({@code product}, {@code task}, {@code ap}...) and its id. */
    public record Target(String type, String id) {
        public Target {
            Objects.requireNonNull(type, "target type");
            Objects.requireNonNull(id, "target id");
        }
    }

    public AuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(node, "node");
        if (action == null || !ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("action: lower-case words joined by '.', got " + action);
        }
        at = at.truncatedTo(ChronoUnit.MILLIS);
    }

    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

    /** A new event, its {@code before} and {@code after} made canonical (any JSON text, or null). */
    public static AuditEvent of(Instant at, Actor actor, String action, Target target, String store, String before,
            String after, Outcome outcome, String traceId, String node) {
        return new AuditEvent(at, actor, action, target, store, CanonicalJson.canonical(before),
                CanonicalJson.canonical(after), outcome, traceId, node);
    }

    /** The stream whose chain it joins: one per store, and {@code chain} for chain-wide events. */
    public String stream() {
        return Streams.of(store);
    }
}
