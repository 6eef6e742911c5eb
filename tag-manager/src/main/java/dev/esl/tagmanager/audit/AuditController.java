package dev.esl.tagmanager.audit;

import dev.esl.audit.AuditLog;
import dev.esl.audit.chain.VerificationReport;
import dev.esl.audit.event.Streams;
import dev.esl.audit.query.AuditPage;
import dev.esl.audit.query.AuditQuery;
import dev.esl.audit.query.TagStep;
import dev.esl.audit.query.Trace;
import dev.esl.audit.sink.AuditEventMapper;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** For auditors: find events, follow a price change to the shelf, check the chains. Read-only. */
@RestController
@Validated
@RequestMapping("/api/v1/audit")
class AuditController {
    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    record EventPage(int page, int size, long total, List<AuditEventView> events) {
    }

    record TraceView(String traceId, int eventCount, List<AuditEventView> events, Map<String, List<TagStep>> tags,
            Map<String, String> finalStates) {
    }

    record Verification(boolean intact, List<VerificationReport> streams) {
    }

    /** Every criterion given must match; newest first. */
    @GetMapping("/events")
    EventPage events(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
            @RequestParam(required = false) String targetType, @RequestParam(required = false) String targetId,
            @RequestParam(required = false) String store, @RequestParam(required = false) String traceId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(AuditQuery.MAX_SIZE) int size) {
        AuditPage p = audit.query(new AuditQuery(actor, action, targetType, targetId, store, traceId, from, to, page,
                size));
        return new EventPage(p.page(), p.size(), p.total(), p.events().stream().map(AuditEventView::of).toList());
    }

    /** Every event of one price change (or other task) in order, and each tag's steps to its final state. */
    @GetMapping("/traces/{traceId}")
    TraceView trace(@PathVariable String traceId) {
        Trace t = audit.trace(traceId);
        return new TraceView(t.traceId(), t.events().size(), t.events().stream().map(AuditEventView::of).toList(),
                t.tags(), t.finalStates());
    }

    /**
     * One store's chain ({@code store=s1}), the chain-wide one ({@code store=chain}), or all. In one read-only
     * transaction, so the chain is read as of one moment.
     */
    @GetMapping("/verify")
    @Transactional(readOnly = true)
    Verification verify(@RequestParam(required = false) String store) {
        List<VerificationReport> reports = store == null || store.isBlank() ? audit.verifyAll()
                : List.of(audit.verify(Streams.named(store)));
        return new Verification(reports.stream().allMatch(VerificationReport::intact), reports);
    }

    /** Each stream's last seq and hash: a digest to keep outside the database and compare later. */
    @GetMapping("/heads")
    List<AuditEventMapper.StreamHead> heads() {
        return audit.heads();
    }
}
