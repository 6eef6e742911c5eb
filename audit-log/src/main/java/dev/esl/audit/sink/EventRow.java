package dev.esl.audit.sink;

import dev.esl.audit.event.Actor;
import dev.esl.audit.event.AuditEvent;
import dev.esl.audit.event.ChainedEvent;
import dev.esl.audit.event.Outcome;
import java.time.Instant;

/** A row of {@code audit_event}, column for column. */
public record EventRow(long id, String stream, long seq, int schemaVersion, Instant at, String actorKind,
        String actorId, String action, String targetType, String targetId, String storeId, String beforeJson,
        String afterJson, String outcome, String traceId, String node, String prevHash, String hash) {

    static EventRow of(ChainedEvent e) {
        AuditEvent ev = e.event();
        return new EventRow(e.id(), e.stream(), e.seq(), e.schema(), ev.at(), ev.actor().kind().name(),
                ev.actor().id(), ev.action(), ev.target().type(), ev.target().id(), ev.store(), ev.before(),
                ev.after(), ev.outcome().name(), ev.traceId(), ev.node(), e.prevHash(), e.hash());
    }

    public ChainedEvent toEvent() {
        AuditEvent ev = new AuditEvent(at, new Actor(Actor.Kind.valueOf(actorKind), actorId), action,
                new AuditEvent.Target(targetType, targetId), storeId, beforeJson, afterJson,
                Outcome.valueOf(outcome), traceId, node);
        return new ChainedEvent(id, schemaVersion, stream, seq, ev, prevHash, hash);
    }
}
