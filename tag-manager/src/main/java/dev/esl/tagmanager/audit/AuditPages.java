package dev.esl.tagmanager.audit;

import dev.esl.audit.AuditLog;
import dev.esl.audit.query.AuditPage;
import dev.esl.audit.query.AuditQuery;
import dev.esl.audit.query.Trace;
import dev.esl.tagmanager.console.ConsoleController;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Auditors' pages: events by who, what, target, store and time (UTC), newest first; and one trace in order. */
@ConsoleController
class AuditPages {
    private static final int SIZE = 50;

    private final AuditLog audit;

    AuditPages(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/console/audit")
    String events(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
            @RequestParam(required = false) String targetId, @RequestParam(required = false) String store,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime to,
            @RequestParam(defaultValue = "0") int page, Model model) {
        AuditPage found = audit.query(new AuditQuery(blank(actor), blank(action), null, blank(targetId), blank(store),
                null, utc(from), utc(to), Math.max(0, page), SIZE));
        model.addAttribute("events", found.events().stream().map(AuditEventView::of).toList());
        model.addAttribute("page", found.page());
        model.addAttribute("total", found.total());
        model.addAttribute("size", SIZE);
        model.addAttribute("q", new Criteria(actor, action, targetId, store, from, to));
        return "audit";
    }

    @GetMapping("/console/audit/traces/{traceId}")
    String trace(@PathVariable String traceId, Model model) {
        Trace trace = audit.trace(traceId);
        model.addAttribute("traceId", traceId);
        model.addAttribute("events", trace.events().stream().map(AuditEventView::of).toList());
        model.addAttribute("finalStates", trace.finalStates());
        return "audit-trace";
    }

    record Criteria(String actor, String action, String targetId, String store, LocalDateTime from, LocalDateTime to) {
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Instant utc(LocalDateTime t) {
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
