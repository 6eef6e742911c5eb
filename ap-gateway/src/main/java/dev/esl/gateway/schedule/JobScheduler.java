package dev.esl.gateway.schedule;

import dev.esl.gateway.contract.ImageContent;
import dev.esl.gateway.contract.Job;
import dev.esl.gateway.contract.JobResult;
import dev.esl.gateway.contract.JobState;
import dev.esl.gateway.dongle.DongleClient;
import dev.esl.gateway.dongle.DongleListener;
import dev.esl.gateway.dongle.DongleMessage;
import dev.esl.gateway.dongle.EslStatus;
import dev.esl.gateway.dongle.HostCommand;
import dev.esl.gateway.dongle.TagId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves tag jobs as tags wake up. Each tag has a queue; when it checks in, its jobs go to the dongle one
 * at a time: an image the tag already shows is skipped, newer content supersedes older pending content, a
 * retryable error from the tag is tried again at a later visit up to a limit, a job past its deadline fails.
 * Every job ends in exactly one final result, handed to {@link JobOutcomes}.
 *
 * <p>All state lives on the scheduler's own thread; dongle events and new jobs are moved onto it.
 */
public final class JobScheduler implements DongleListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);

    private final DongleClient dongle;
    private final JobOutcomes outcomes;
    private final SchedulerSettings settings;
    private final Clock clock;
    private final ScheduledExecutorService thread;

    private final Map<TagId, TagState> tags = new HashMap<>();
    private final Map<String, PendingJob> jobsById = new HashMap<>();
    private final Map<Integer, PendingJob> inFlightByRef = new HashMap<>();
    private DongleMessage.Hello hello;
    private volatile int pendingCount;

    public JobScheduler(DongleClient dongle, JobOutcomes outcomes, SchedulerSettings settings, Clock clock) {
        this.dongle = dongle;
        this.outcomes = outcomes;
        this.settings = settings;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "scheduler");
            t.setDaemon(true);
            return t;
        });
        long period = settings.deadlineCheck().toMillis();
        thread.scheduleWithFixedDelay(() -> run(this::checkDeadlines), period, period, TimeUnit.MILLISECONDS);
    }

    /** Takes jobs already in the journal (new, or from before a restart) with their attempts so far. */
    public void submit(Job job, int attempts) {
        Instant now = clock.instant();
        run(() -> enqueue(job, attempts, now));
    }

    /** Jobs not finished yet; for the AP status. */
    public int pendingJobs() {
        return pendingCount;
    }

    // ---- dongle events ----

    @Override
    public void dongleUp(DongleMessage.Hello h) {
        run(() -> hello = h);
    }

    @Override
    public void dongleDown(String reason) {
        run(() -> {
            hello = null;
            // The dongle forgot everything in progress: those jobs wait for the tag's next check-in. This
            // is not the tag's fault, so no attempt is counted.
            for (PendingJob job : inFlightByRef.values()) {
                TagState tag = tags.get(job.tag);
                tag.inFlight = null;
                tag.queue.addFirst(job);
                tag.awakeUntil = Instant.MIN;
                job.ref = 0;
            }
            if (!inFlightByRef.isEmpty()) {
                log.info("dongle down ({}): {} jobs in progress go back to their tags' queues", reason,
                        inFlightByRef.size());
            }
            inFlightByRef.clear();
        });
    }

    @Override
    public void checkIn(DongleMessage.CheckIn checkIn) {
        run(() -> {
            Instant now = clock.instant();
            TagState tag = tags.computeIfAbsent(checkIn.tag(), TagState::new);
            tag.lastCheckIn = checkIn;
            tag.lastSeen = now;
            tag.awakeUntil = now.plusMillis(checkIn.awakeMs());
            serve(tag, now);
        });
    }

    @Override
    public void result(int ref, TagId tagId, EslStatus status) {
        run(() -> {
            PendingJob job = inFlightByRef.remove(ref);
            if (job == null) {
                return;
            }
            Instant now = clock.instant();
            TagState tag = tags.get(job.tag);
            tag.inFlight = null;
            job.ref = 0;
            int attempts = job.attempts + 1;
            if (status == EslStatus.DONE) {
                finish(job, JobState.DISPLAYED, attempts, null, now);
            } else if (status == EslStatus.QUEUE_FULL) {
                // Back-pressure: the dongle had no room, the tag never heard of the job. Try again at the
                // tag's next visit without spending one of the job's attempts (only the deadline bounds it).
                job.lastFailure = new PendingJob.EslFailure(status.reason(), status.code());
                tag.queue.addFirst(job);
                log.debug("job {} for tag {}: the dongle's queue is full, again at the tag's next visit",
                        job.job.jobId(), job.tag);
            } else if (status.retryable() && attempts < settings.maxAttempts()) {
                job.attempts = attempts;
                job.lastFailure = new PendingJob.EslFailure(status.reason(), status.code());
                outcomes.attempted(job.job.jobId(), attempts);
                tag.queue.addFirst(job);
                log.info("job {} for tag {}: {} (try {} of {}), again at the tag's next visit", job.job.jobId(),
                        job.tag, status.reason(), attempts, settings.maxAttempts());
            } else {
                job.attempts = attempts;
                finish(job, JobState.FAILED, attempts, new PendingJob.EslFailure(status.reason(), status.code()),
                        now);
            }
            // After a RESULT the tag listens for another "awake ms" (docs/serial-protocol.md), unless it is
            // the one that went quiet, or the dongle had no room: then wait for its next check-in.
            boolean listening = status != EslStatus.TAG_UNREACHABLE && status != EslStatus.QUEUE_FULL
                    && tag.lastCheckIn != null;
            tag.awakeUntil = listening ? now.plusMillis(tag.lastCheckIn.awakeMs()) : Instant.MIN;
            serve(tag, now);
            serveAwakeTags(now);
        });
    }

    // ---- scheduling ----

    private void enqueue(Job job, int attempts, Instant now) {
        if (jobsById.containsKey(job.jobId())) {
            return;
        }
        PendingJob pending = new PendingJob(job, attempts, now);
        TagState tag = tags.computeIfAbsent(pending.tag, TagState::new);
        if (job.action() == Job.Action.IMAGE) {
            supersedeOlderImages(tag, pending, now);
        }
        tag.queue.addLast(pending);
        jobsById.put(job.jobId(), pending);
        pendingCount = jobsById.size();
        serve(tag, now);
    }

    /** Newer content for a tag replaces older content that has not started; what is on its way finishes. */
    private void supersedeOlderImages(TagState tag, PendingJob newer, Instant now) {
        for (Iterator<PendingJob> it = tag.queue.iterator(); it.hasNext(); ) {
            PendingJob older = it.next();
            if (older.job.action() == Job.Action.IMAGE) {
                it.remove();
                finish(older, JobState.FAILED, older.attempts, new PendingJob.EslFailure(
                        "superseded by job " + newer.job.jobId(), EslStatus.SUPERSEDED.code()), now);
            }
        }
    }

    private void serve(TagState tag, Instant now) {
        while (tag.inFlight == null && !tag.queue.isEmpty() && tag.awake(now) && hello != null) {
            PendingJob job = tag.queue.peekFirst();
            if (expired(job, now)) {
                tag.queue.removeFirst();
                expire(job, tag, now);
                continue;
            }
            if (job.job.action() == Job.Action.IMAGE && alreadyShown(tag, job.job.image())) {
                tag.queue.removeFirst();
                finish(job, JobState.SKIPPED, job.attempts + 1, null, now);
                continue;
            }
            String misfit = job.job.action() == Job.Action.IMAGE ? misfit(tag, job.job.image()) : null;
            if (misfit != null) {
                tag.queue.removeFirst();
                finish(job, JobState.FAILED, job.attempts + 1,
                        new PendingJob.EslFailure(misfit, EslStatus.INVALID_PARAMETERS.code()), now);
                continue;
            }
            if (inFlightByRef.size() >= hello.maxTransfers()) {
                return; // the dongle is busy; served when a result frees a slot, if the tag is still awake
            }
            tag.queue.removeFirst();
            start(tag, job);
        }
        if (tag.idle() && tag.awake(now) && hello != null) {
            dongle.updateComplete(tag.tag);
            tag.awakeUntil = Instant.MIN;
        }
    }

    private void serveAwakeTags(Instant now) {
        for (TagState tag : tags.values()) {
            if (hello == null || inFlightByRef.size() >= hello.maxTransfers()) {
                return;
            }
            if (tag.inFlight == null && !tag.queue.isEmpty() && tag.awake(now)) {
                serve(tag, now);
            }
        }
    }

    private void start(TagState tag, PendingJob job) {
        Job j = job.job;
        int ref = switch (j.action()) {
            case IMAGE -> {
                ImageContent image = j.image();
                HostCommand.Compression compression = "zlib".equals(image.compression())
                        ? HostCommand.Compression.ZLIB : HostCommand.Compression.NONE;
                yield dongle.sendImage(tag.tag, image.data(), image.hash(), compression, 0);
            }
            case LED -> dongle.sendLed(tag.tag, HostCommand.LedColor.valueOf(j.led().color().toUpperCase()),
                    HostCommand.LedPattern.valueOf(j.led().pattern().toUpperCase()), j.led().count(),
                    j.led().durationMs());
            case PAGE -> dongle.sendPage(tag.tag, j.page().page(), j.page().durationSeconds());
        };
        job.ref = ref;
        tag.inFlight = job;
        inFlightByRef.put(ref, job);
        log.debug("job {} ({}) for tag {} sent to the dongle as ref {}", j.jobId(), j.action(), tag.tag, ref);
    }

    private static boolean alreadyShown(TagState tag, ImageContent image) {
        return tag.lastCheckIn != null && image.hash().equalsIgnoreCase(tag.lastCheckIn.imageHash());
    }

    /** Why an image cannot go to this tag's panel, or null if it fits. */
    private static String misfit(TagState tag, ImageContent image) {
        DongleMessage.CheckIn c = tag.lastCheckIn;
        if (c.width() != image.width() || c.height() != image.height()) {
            return "image is " + image.width() + "x" + image.height() + ", the tag's panel " + c.width() + "x"
                    + c.height();
        }
        if ("bwr".equals(image.colors()) && c.colors() == DongleMessage.Colors.BW) {
            return "image has red, the tag's panel is black and white";
        }
        return null;
    }

    private boolean expired(PendingJob job, Instant now) {
        return job.job.deadline() != null && now.isAfter(job.job.deadline());
    }

    private void checkDeadlines() {
        Instant now = clock.instant();
        for (PendingJob job : new ArrayList<>(jobsById.values())) {
            if (!expired(job, now)) {
                continue;
            }
            TagState tag = tags.get(job.tag);
            if (job.inFlight()) {
                dongle.abort(job.ref);
                inFlightByRef.remove(job.ref);
                tag.inFlight = null;
                job.ref = 0;
            } else {
                tag.queue.remove(job);
            }
            expire(job, tag, now);
        }
    }

    private void expire(PendingJob job, TagState tag, Instant now) {
        PendingJob.EslFailure failure;
        if (!tag.heardSince(job.acceptedAt)) {
            failure = new PendingJob.EslFailure("tag unreachable: no check-in before the deadline",
                    EslStatus.TAG_UNREACHABLE.code());
        } else if (job.lastFailure != null) {
            failure = new PendingJob.EslFailure(EslStatus.DEADLINE_PASSED.reason() + " after " + job.attempts
                    + " tries; last error: " + job.lastFailure.reason(), EslStatus.DEADLINE_PASSED.code());
        } else {
            failure = new PendingJob.EslFailure(EslStatus.DEADLINE_PASSED.reason(), EslStatus.DEADLINE_PASSED.code());
        }
        finish(job, JobState.FAILED, job.attempts, failure, now);
    }

    private void finish(PendingJob job, JobState state, int attempts, PendingJob.EslFailure failure, Instant now) {
        Job j = job.job;
        jobsById.remove(j.jobId());
        pendingCount = jobsById.size();
        JobResult result = new JobResult(j.jobId(), j.taskId(), j.tagId(), state, now, attempts,
                failure == null ? null : failure.reason(), failure == null ? null : failure.code(), j.traceId());
        log.info("job {} for tag {}: {}{} (trace {})", j.jobId(), j.tagId(), state,
                failure == null ? "" : ": " + failure.reason(), j.traceId());
        outcomes.finished(j.jobId(), result);
    }

    private void run(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("scheduler task failed", e);
                }
            });
        } catch (RejectedExecutionException closed) {
            // closed
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
