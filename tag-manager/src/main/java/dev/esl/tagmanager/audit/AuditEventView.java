package dev.esl.tagmanager.audit;

import dev.esl.audit.event.AuditEvent;
import dev.esl.audit.event.ChainedEvent;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An audit event as the API answers it: the stored event with its before and after values as JSON. */
record AuditEventView(String stream, long seq, Instant at, Actor actor, String action, Target target, String store,
        JsonNode before, JsonNode after, String outcome, String traceId, String node, String prevHash, String hash) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Actor(String kind, String id) {
    }

    record Target(String type, String id) {
    }

    static AuditEventView of(ChainedEvent e) {
        AuditEvent ev = e.event();
        return new AuditEventView(e.stream(), e.seq(), ev.at(), new Actor(ev.actor().kind().name(), ev.actor().id()),
                ev.action(), new Target(ev.target().type(), ev.target().id()), ev.store(), tree(ev.before()),
                tree(ev.after()), ev.outcome().name(), ev.traceId(), ev.node(), e.prevHash(), e.hash());
    }

    private static JsonNode tree(String json) {
        return json == null ? null : JSON.readTree(json);
    }
}
