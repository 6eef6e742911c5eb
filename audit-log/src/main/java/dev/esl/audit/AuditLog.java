package dev.esl.audit;

import dev.esl.audit.chain.VerificationReport;
import dev.esl.audit.event.AuditEvent;
import dev.esl.audit.event.ChainedEvent;
import dev.esl.audit.query.AuditPage;
import dev.esl.audit.query.AuditQuery;
import dev.esl.audit.query.Trace;
import dev.esl.audit.sink.AuditEventMapper;
import dev.esl.audit.sink.StoredChains;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The audit log over its MySQL tables: appends events to their chains, answers queries and traces, verifies chains.
 * It runs in the transaction of the session its mapper comes from: {@link #append} in the caller's, so an event is
 * committed with the change it records or not at all.
 */
public final class AuditLog {
    /** A trace longer than this is cut (a million-tag change is a few thousand events, not a million). */
    public static final int TRACE_LIMIT = 100_000;

    private final AuditEventMapper mapper;
    private final StoredChains chains;

    public AuditLog(AuditEventMapper mapper) {
        this.mapper = mapper;
        this.chains = new StoredChains(mapper);
    }

    /**
     * Links and inserts the events. Each stream's head row is locked, in stream-name order (so two writers never
     * wait for each other in a circle), and stays locked until the caller's transaction ends: call this as late in
     * the transaction as possible, right before it commits.
     */
    public List<ChainedEvent> append(List<AuditEvent> events) {
        Map<String, List<AuditEvent>> byStream = new TreeMap<>();
        for (AuditEvent e : events) {
            byStream.computeIfAbsent(e.stream(), s -> new ArrayList<>()).add(e);
        }
        List<ChainedEvent> linked = new ArrayList<>(events.size());
        for (Map.Entry<String, List<AuditEvent>> s : byStream.entrySet()) {
            linked.addAll(chains.append(s.getKey(), s.getValue()));
        }
        return linked;
    }

    public AuditPage query(AuditQuery q) {
        List<ChainedEvent> events = mapper.find(q).stream().map(r -> r.toEvent()).toList();
        long total = events.size() < q.size() && q.page() == 0 ? events.size() : mapper.count(q);
        return new AuditPage(q.page(), q.size(), total, events);
    }

    /** Every event of one trace in order, and each tag's path through them. */
    public Trace trace(String traceId) {
        return Trace.of(traceId, mapper.trace(traceId, TRACE_LIMIT).stream().map(r -> r.toEvent()).toList());
    }

    public VerificationReport verify(String stream) {
        return chains.verify(stream);
    }

    /** Every stream, by name. */
    public List<VerificationReport> verifyAll() {
        return mapper.heads().stream().map(h -> chains.verify(h.stream())).toList();
    }

    /**
     * Each stream's head: a digest to publish or keep elsewhere. A later head must extend it: whoever rewrites a
     * chain from some event on, hashes and all, cannot make it end in a head published before.
     */
    public List<AuditEventMapper.StreamHead> heads() {
        return mapper.heads();
    }
}
