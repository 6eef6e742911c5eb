package dev.esl.tagmanager.dispatch;

import dev.esl.tagmanager.ap.Ap;
import dev.esl.tagmanager.audit.AuditTrail;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * The audit events of dispatch and of what APs report: one per batch sent (per task in it), one per result message
 * (per trace in it), one per task's expiry sweep, one per AP going online or offline; each in the transaction of the
 * change it records, each listing its jobs by tag ({@code jobs[]}), so a trace follows every tag without an audit
 * row per job.
 */
@Component
class DispatchEvents {
    private final AuditTrail audit;

    DispatchEvents(AuditTrail audit) {
        this.audit = audit;
    }

    /** One job as an event lists it: the state it reached, and for results when and why. */
    record JobStep(String jobId, String tagId, String state, Integer attempt, String ap, Instant at, String reason,
            Integer errorCode) {
    }

    record Jobs(String batchId, List<JobStep> jobs) {
    }

    /**
     * A sent batch: what its jobs have in common (state, AP) said once, and its jobs as two parallel lists, wire ids
     * (job and attempt) and tags: a million-job change lists a million jobs, and the lists take half the bytes of an
     * object per job (each written, hashed and stored in the task's transaction). The trace reads both forms.
     */
    record Sent(String batchId, String state, String ap, List<String> jobIds, List<String> tagIds) {
    }

    /** A batch the broker acknowledged, its jobs now SENT to the AP. */
    void sent(String apSerial, String batchId, List<JobBatchWriter.Outgoing> batch) {
        Map<String, SentJobs> byTrace = new LinkedHashMap<>();
        for (JobBatchWriter.Outgoing o : batch) {
            byTrace.computeIfAbsent(o.traceId(), t -> new SentJobs(new ArrayList<>(), new ArrayList<>()))
                    .add(o.job().wireId(), o.job().tagId());
        }
        String store = batch.get(0).job().storeId();
        byTrace.forEach((trace, jobs) -> sent(apSerial, store, batchId, trace, jobs));
    }

    /** A batch of one trace's jobs now SENT to the AP: acknowledged, or written with its task (ReadyBatches). */
    void sent(String apSerial, String storeId, String batchId, String traceId, SentJobs jobs) {
        audit.system("jobs.sent", "ap", apSerial, storeId, traceId, null,
                new Sent(batchId, "SENT", apSerial, jobs.jobIds(), jobs.tagIds()));
    }

    /** The jobs of a sent batch: wire ids and tags, in the same order. */
    record SentJobs(List<String> jobIds, List<String> tagIds) {
        void add(String jobId, String tagId) {
            jobIds.add(jobId);
            tagIds.add(tagId);
        }
    }

    /** The results of one message from an AP that changed a job, with the state each job reached. */
    void results(String storeId, String apSerial, List<JobStep> applied, Map<String, String> traceOfJob) {
        Map<String, List<JobStep>> byTrace = new LinkedHashMap<>();
        for (JobStep s : applied) {
            byTrace.computeIfAbsent(Objects.toString(traceOfJob.get(s.jobId()), ""), t -> new ArrayList<>()).add(s);
        }
        byTrace.forEach((trace, jobs) -> audit.reported(apSerial, "jobs.results", "ap", apSerial, storeId,
                trace.isEmpty() ? null : trace, null, new Jobs(null, jobs)));
    }

    record Expired(long taskId, Instant deadlinePassedAt, List<JobStep> jobs) {
    }

    void expired(long taskId, String traceId, Instant now, List<JobStep> jobs) {
        audit.system("jobs.expired", "task", Long.toString(taskId), null, traceId, null,
                new Expired(taskId, now, jobs));
    }

    record Status(String state, String dongle, String firmware, Instant at) {
        static Status of(Ap ap) {
            return ap == null ? null : new Status(ap.state(), ap.dongle(), ap.firmware(), ap.statusAt());
        }
    }

    /** An AP's status when its state changed (connect, disconnect, first seen); the periodic repeats are not events. */
    void status(Ap before, Ap now) {
        if (before != null && Objects.equals(before.state(), now.state())) {
            return;
        }
        audit.reported(now.serial(), "ap." + now.state(), "ap", now.serial(), now.storeId(), null,
                Status.of(before), Status.of(now));
    }
}
