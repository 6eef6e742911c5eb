package dev.esl.audit.cli;

import dev.esl.audit.event.AuditEvent;
import dev.esl.audit.event.ChainedEvent;
import dev.esl.audit.event.EventJson;
import java.io.PrintWriter;
import java.util.List;

/** Prints events one per line: a readable table, or JSON lines ({@code --json}) exactly as the JSON-lines sink. */
final class EventTable {
    private EventTable() {
    }

    static void print(PrintWriter out, List<ChainedEvent> events, boolean json, boolean withValues) {
        for (ChainedEvent e : events) {
            if (json) {
                out.println(EventJson.line(e));
                continue;
            }
            AuditEvent ev = e.event();
            out.printf("%-24s %-18s %5d  %-20s %-20s %s:%s%s%s%n", ev.at(), e.stream(), e.seq(),
                    ev.actor().kind().name().toLowerCase(java.util.Locale.ROOT) + ":" + ev.actor().id(), ev.action(),
                    ev.target().type(), ev.target().id(), ev.outcome() == dev.esl.audit.event.Outcome.SUCCESS ? ""
                            : " " + ev.outcome(), ev.traceId() == null ? "" : "  trace " + ev.traceId());
            if (withValues) {
                if (ev.before() != null) {
                    out.println("    before " + abbreviate(ev.before()));
                }
                if (ev.after() != null) {
                    out.println("    after  " + abbreviate(ev.after()));
                }
            }
        }
        out.flush();
    }

    private static String abbreviate(String json) {
        return json.length() <= 200 ? json : json.substring(0, 197) + "...";
    }
}
