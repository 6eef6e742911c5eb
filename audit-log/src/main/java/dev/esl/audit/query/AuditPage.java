package dev.esl.audit.query;

import dev.esl.audit.event.ChainedEvent;
import java.util.List;

/** One page of a query's events, newest first, and how many match in all. */
public record AuditPage(int page, int size, long total, List<ChainedEvent> events) {
    public AuditPage {
        events = List.copyOf(events);
    }
}
