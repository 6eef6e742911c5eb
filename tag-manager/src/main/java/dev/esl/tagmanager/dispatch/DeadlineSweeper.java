package dev.esl.tagmanager.dispatch;

import dev.esl.tagmanager.task.JobMapper;
import dev.esl.tagmanager.task.TaskMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Expires jobs whose deadline passed before they finished: per task, a few thousand at a time, each batch in one
 * transaction with its audit event listing the jobs by tag.
 */
@Component
class DeadlineSweeper {
    private static final Logger log = LoggerFactory.getLogger(DeadlineSweeper.class);
    private static final int PER_STATEMENT = 5_000;

    private final JobMapper jobs;
    private final TaskMapper tasks;
    private final TransactionTemplate transaction;
    private final DispatchEvents events;
    private final Clock clock;

    DeadlineSweeper(JobMapper jobs, TaskMapper tasks, TransactionTemplate transaction, DispatchEvents events,
            Clock clock) {
        this.jobs = jobs;
        this.tasks = tasks;
        this.transaction = transaction;
        this.events = events;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${esl.dispatch.sweep-interval:5s}", initialDelayString = "2s")
    void sweep() {
        try {
            Instant now = clock.instant();
            long total = 0;
            for (long taskId : jobs.tasksPastDeadline(now)) {
                String traceId = tasks.traceId(taskId);
                Integer n;
                do {
                    n = transaction.execute(status -> {
                        List<JobMapper.PastDeadline> due = jobs.pastDeadline(taskId, now, PER_STATEMENT);
                        if (due.isEmpty()) {
                            return 0;
                        }
                        jobs.expire(due.stream().map(JobMapper.PastDeadline::id).toList(), now);
                        events.expired(taskId, traceId, now, due.stream().map(j -> new DispatchEvents.JobStep(
                                j.id() + "." + j.attempt(), j.tagId(), "EXPIRED", j.attempt(), j.apSerial(), now,
                                "deadline passed", null)).toList());
                        return due.size();
                    });
                    total += n == null ? 0 : n;
                } while (n != null && n == PER_STATEMENT);
            }
            if (total > 0) {
                log.info("{} jobs expired: their deadline passed", total);
            }
        } catch (RuntimeException e) {
            log.error("Expiring jobs failed: {}", e.getMessage(), e);
        }
    }
}
