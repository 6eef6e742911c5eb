package dev.esl.tagmanager.dispatch;

import dev.esl.tagmanager.task.JobMapper;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Expires jobs whose deadline passed before they finished. */
@Component
class DeadlineSweeper {
    private static final Logger log = LoggerFactory.getLogger(DeadlineSweeper.class);
    private static final int PER_STATEMENT = 5_000;

    private final JobMapper jobs;
    private final Clock clock;

    DeadlineSweeper(JobMapper jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${esl.dispatch.sweep-interval:5s}", initialDelayString = "2s")
    void sweep() {
        try {
            Instant now = clock.instant();
            long total = 0;
            for (long taskId : jobs.tasksPastDeadline(now)) {
                int n;
                do {
                    n = jobs.expire(taskId, now, PER_STATEMENT);
                    total += n;
                } while (n == PER_STATEMENT);
            }
            if (total > 0) {
                log.info("{} jobs expired: their deadline passed", total);
            }
        } catch (RuntimeException e) {
            log.error("Expiring jobs failed: {}", e.getMessage(), e);
        }
    }
}
