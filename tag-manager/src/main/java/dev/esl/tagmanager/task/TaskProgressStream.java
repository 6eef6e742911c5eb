package dev.esl.tagmanager.task;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A task's per-state counts as server-sent events ({@code status}), once a second while they change and until every
 * job is final: what the console's progress bars follow. The counts come from one indexed query per task per second,
 * whoever watches.
 */
@Component
class TaskProgressStream {
    private static final Logger log = LoggerFactory.getLogger(TaskProgressStream.class);
    private static final Duration LONGEST = Duration.ofMinutes(30);

    private final TaskService tasks;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "task-progress");
        t.setDaemon(true);
        return t;
    });

    TaskProgressStream(TaskService tasks) {
        this.tasks = tasks;
    }

    SseEmitter follow(long taskId) {
        SseEmitter emitter = new SseEmitter(LONGEST.toMillis());
        AtomicReference<ScheduledFuture<?>> job = new AtomicReference<>();
        AtomicReference<TaskStatus> last = new AtomicReference<>();
        Runnable send = () -> {
            try {
                TaskStatus status = tasks.status(taskId);
                if (!status.equals(last.get())) {
                    last.set(status);
                    emitter.send(SseEmitter.event().name("status").data(new Progress(status)));
                }
                if (status.done()) {
                    emitter.complete();
                    job.get().cancel(false);
                }
            } catch (IOException | IllegalStateException e) {
                job.get().cancel(false); // the page was closed
            } catch (RuntimeException e) {
                log.warn("Progress of task {} not sent: {}", taskId, e.getMessage());
                emitter.completeWithError(e);
                job.get().cancel(false);
            }
        };
        job.set(timer.scheduleWithFixedDelay(send, 0, 1, TimeUnit.SECONDS));
        emitter.onCompletion(() -> job.get().cancel(false));
        emitter.onTimeout(() -> job.get().cancel(false));
        return emitter;
    }

    /** What an event carries. */
    record Progress(java.util.Map<JobState, Long> counts, long jobs, long succeeded, long failed, boolean done) {
        Progress(TaskStatus s) {
            this(s.counts(), s.jobs(), s.succeeded(), s.failed(), s.done());
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
