package dev.esl.audit.query;

import java.time.Instant;

/**
 * Which events to find; every criterion left null matches all. Pages are newest first, {@code page} counting from 0.
 *
 * @param from inclusive
 * @param to   exclusive
 */
public record AuditQuery(String actor, String action, String targetType, String targetId, String store,
        String traceId, Instant from, Instant to, int page, int size) {
    public static final int MAX_SIZE = 1000;

    public AuditQuery {
        if (page < 0) {
            throw new IllegalArgumentException("page: 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size: 1 to " + MAX_SIZE);
        }
        actor = blankToNull(actor);
        action = blankToNull(action);
        targetType = blankToNull(targetType);
        targetId = blankToNull(targetId);
        store = blankToNull(store);
        traceId = blankToNull(traceId);
    }

    public long offset() {
        return (long) page * size;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
