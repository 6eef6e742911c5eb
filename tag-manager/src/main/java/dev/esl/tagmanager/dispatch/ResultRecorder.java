package dev.esl.tagmanager.dispatch;

import dev.esl.tagmanager.tag.TagMapper;
import dev.esl.tagmanager.task.DueJob;
import dev.esl.tagmanager.task.JobAttempt;
import dev.esl.tagmanager.task.JobAttemptMapper;
import dev.esl.tagmanager.task.JobMapper;
import dev.esl.tagmanager.task.JobState;
import dev.esl.tagmanager.task.TaskSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import dev.esl.tagmanager.db.Transactions;

/**
 * Applies APs' results to jobs, idempotently: each update names the job's attempt and only raises its state,
 * so a result sent twice, or one about an earlier attempt, changes nothing. A failure the tag may get over
 * (busy, queue full, not reachable this time) starts another attempt after a backoff, up to the limit; the attempt
 * that failed is kept in the job's history ({@code job_attempt}).
 */
@Component
class ResultRecorder {
    private static final Logger log = LoggerFactory.getLogger(ResultRecorder.class);
    /** ESL errors worth another attempt: insufficient resources, retry, queue full, tag unreachable. */
    private static final Set<Integer> RETRYABLE = Set.of(0x09, 0x0A, 0x0B, 0x80);
    private static final int DEADLINE_PASSED = 0x81;
    private static final int SUPERSEDED = 0x82;

    private final JobMapper jobs;
    private final JobAttemptMapper attempts;
    private final TagMapper tags;
    private final TaskSettings settings;
    private final Clock clock;
    private final Transactions transactions;
    private final DispatchEvents events;

    ResultRecorder(JobMapper jobs, JobAttemptMapper attempts, TagMapper tags, TaskSettings settings, Clock clock,
            Transactions transactions, DispatchEvents events) {
        this.events = events;
        this.jobs = jobs;
        this.attempts = attempts;
        this.tags = tags;
        this.settings = settings;
        this.clock = clock;
        this.transactions = transactions;
    }

    public void record(String storeId, String apSerial, List<ApResult> results) {
        int applied = transactions.retrying(results.size() + " results from AP " + apSerial, () -> {
            List<DispatchEvents.JobStep> changed = new java.util.ArrayList<>();
            java.util.Map<String, String> traces = new java.util.HashMap<>();
            for (ApResult r : results) {
                String reached = apply(r);
                if (reached != null) {
                    String wireId = r.jobId() + "." + r.attempt();
                    changed.add(new DispatchEvents.JobStep(wireId, r.tagId(), reached, r.attempt(), apSerial, r.at(),
                            r.reason(), r.errorCode()));
                    traces.put(wireId, r.traceId());
                }
            }
            if (!changed.isEmpty()) {
                events.results(storeId, apSerial, changed, traces);
            }
            return changed.size();
        });
        log.debug("{} of {} results from {} changed a job", applied, results.size(), apSerial);
    }

    /** Applies a result; returns the state the job reached ({@code RETRY}: back to PENDING), null when none. */
    private String apply(ApResult r) {
        return switch (r.state()) {
            case "ACCEPTED" -> jobs.accepted(r.jobId(), r.attempt(), r.at()) == 1 ? "ACCEPTED_BY_AP" : null;
            case "DISPLAYED", "SKIPPED" -> shown(r);
            case "FAILED" -> failed(r);
            default -> null;
        };
    }

    private String shown(ApResult r) {
        JobState state = r.state().equals("DISPLAYED") ? JobState.DISPLAYED : JobState.SKIPPED;
        if (jobs.finished(r.jobId(), r.attempt(), state, r.at(), null, null) == 0) {
            return null;
        }
        DueJob.Shown shown = jobs.shownBy(r.jobId());
        if (shown != null && shown.imageHash() != null) {
            tags.shows(shown.tagId(), shown.imageHash(), r.at());
        }
        return state.name();
    }

    private String failed(ApResult r) {
        String reason = r.reason() == null ? "failed" : r.reason();
        Integer code = r.errorCode();
        if (code != null && code == DEADLINE_PASSED) {
            return finished(r, JobState.EXPIRED, reason, code);
        }
        if (code != null && code == SUPERSEDED) {
            return finished(r, JobState.CANCELLED, reason, code);
        }
        if (code != null && RETRYABLE.contains(code) && r.attempt() < settings.maxAttempts()) {
            JobAttempt current = attempts.current(r.jobId(), r.attempt());
            if (current == null) {
                return null; // about an attempt that is over
            }
            // The retry overwrites the job row's attempt, AP and times: keep the attempt that ends in the history.
            attempts.insert(current.failed(r.at(), reason, code));
            Instant next = clock.instant().plus(backoff(r.attempt()));
            jobs.retry(r.jobId(), r.attempt(), next, reason, code);
            log.debug("Job {} attempt {} failed ({}); attempt {} at {}", r.jobId(), r.attempt(), reason,
                    r.attempt() + 1, next);
            return "RETRY";
        }
        return finished(r, JobState.FAILED, reason, code);
    }

    private String finished(ApResult r, JobState state, String reason, Integer code) {
        return jobs.finished(r.jobId(), r.attempt(), state, r.at(), reason, code) == 1 ? state.name() : null;
    }

    private Duration backoff(int attempt) {
        return settings.retryBackoff().multipliedBy(1L << Math.min(attempt - 1, 10));
    }
}
