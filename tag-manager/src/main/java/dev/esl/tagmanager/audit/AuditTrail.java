package dev.esl.tagmanager.audit;

import dev.esl.audit.AuditLog;
import dev.esl.audit.event.Actor;
import dev.esl.audit.event.AuditEvent;
import dev.esl.audit.event.Outcome;
import dev.esl.tagmanager.dispatch.MqttSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the tag manager records what it does: in the transaction of the change, always. Events are collected while the
 * transaction runs and appended to their chains just before it commits, so each stream's head row is locked for
 * milliseconds, not for the whole of a long transaction (a million-job task); if the append fails, the transaction
 * rolls back and the change with it. Recording outside a transaction is a programming error, refused.
 */
@Component
public class AuditTrail {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AuditLog log;
    private final AuditActors actors;
    private final Clock clock;
    private final String node;

    AuditTrail(AuditLog log, AuditActors actors, Clock clock, MqttSettings mqtt) {
        this.log = log;
        this.actors = actors;
        this.clock = clock;
        this.node = mqtt.node();
    }

    /**
     * A change made by whoever is acting now (the request's user or API client, else the system).
     *
     * @param store  the store it concerns, null for chain-wide
     * @param before the target before (null when created), any value Jackson writes
     * @param after  the target after (null when deleted)
     */
    public void change(String action, String targetType, String targetId, String store, Object before, Object after) {
        record(actors.current(), action, targetType, targetId, store, null, before, after, node);
    }

    /** The same, as part of a task's trace. */
    public void change(String action, String targetType, String targetId, String store, String traceId, Object before,
            Object after) {
        record(actors.current(), action, targetType, targetId, store, traceId, before, after, node);
    }

    /** What a device reported (an AP's results or status), recorded here with where it came from. */
    public void reported(String device, String action, String targetType, String targetId, String store,
            String traceId, Object before, Object after) {
        record(Actor.device(device), action, targetType, targetId, store, traceId, before, after, device);
    }

    /** What this node did by itself (dispatch, expiry, scheduled prices). */
    public void system(String action, String targetType, String targetId, String store, String traceId, Object before,
            Object after) {
        record(Actor.SYSTEM, action, targetType, targetId, store, traceId, before, after, node);
    }

    /**
     * A sign-in, failed sign-in or sign-out of {@code username}, acting as that user (the name as typed when the
     * sign-in failed, so repeated guesses show up under it).
     */
    public void signIn(String action, String username, String store, Outcome outcome, Object detail) {
        String name = username.length() <= 100 ? username : username.substring(0, 100);
        pending().add(AuditEvent.of(clock.instant(), Actor.user(name), action, new AuditEvent.Target("user", name),
                store, null, json(detail), outcome, null, node));
    }

    private void record(Actor actor, String action, String targetType, String targetId, String store, String traceId,
            Object before, Object after, String source) {
        AuditEvent event = AuditEvent.of(clock.instant(), actor, action, new AuditEvent.Target(targetType, targetId),
                store, json(before), json(after), Outcome.SUCCESS, traceId, source);
        pending().add(event);
    }

    private List<AuditEvent> pending() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("an audit event must be recorded in the transaction of its change");
        }
        @SuppressWarnings("unchecked")
        List<AuditEvent> events = (List<AuditEvent>) TransactionSynchronizationManager.getResource(this);
        if (events == null) {
            List<AuditEvent> created = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(this, created);
            TransactionSynchronizationManager.registerSynchronization(new AppendBeforeCommit(created));
            events = created;
        }
        return events;
    }

    private static String json(Object value) {
        return value == null ? null : JSON.writeValueAsString(value);
    }

    /** Appends the transaction's events as it commits; first of all synchronizations, while MyBatis' session is open. */
    private final class AppendBeforeCommit implements TransactionSynchronization {
        private final List<AuditEvent> events;

        AppendBeforeCommit(List<AuditEvent> events) {
            this.events = events;
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (!events.isEmpty()) {
                log.append(events);
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(AuditTrail.this);
        }
    }
}
