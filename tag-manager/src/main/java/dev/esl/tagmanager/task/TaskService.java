package dev.esl.tagmanager.task;

import dev.esl.tagmanager.api.BadRequestException;
import dev.esl.tagmanager.api.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** LED flash and page switch tasks, task status and cancellation. */
@Service
public class TaskService {
    private static final Logger log = LoggerFactory.getLogger(TaskService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TaskWriter writer;
    private final TaskMapper tasks;
    private final JobMapper jobs;
    private final JobAttemptMapper attempts;
    private final BindingMapper bindings;
    private final BoundTagReader reader;
    private final dev.esl.tagmanager.tag.TagMapper tags;
    private final TaskSettings settings;
    private final Clock clock;
    private final TaskEvents events;

    TaskService(TaskWriter writer, TaskMapper tasks, JobMapper jobs, JobAttemptMapper attempts, BindingMapper bindings,
            BoundTagReader reader, dev.esl.tagmanager.tag.TagMapper tags, TaskSettings settings, Clock clock,
            TaskEvents events) {
        this.events = events;
        this.writer = writer;
        this.tasks = tasks;
        this.jobs = jobs;
        this.attempts = attempts;
        this.bindings = bindings;
        this.reader = reader;
        this.tags = tags;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional
    public TaskCreated flash(TagActionRequest request, String actor) {
        if (request.led() == null) {
            throw new BadRequestException("led", "required for an LED flash");
        }
        return create(TaskKind.LED_FLASH, "led", JSON.writeValueAsString(request.led()), request, actor);
    }

    @Transactional
    public TaskCreated switchPage(TagActionRequest request, String actor) {
        if (request.page() == null) {
            throw new BadRequestException("page", "required for a page switch");
        }
        return create(TaskKind.PAGE_SWITCH, "page", JSON.writeValueAsString(request.page()), request, actor);
    }

    private TaskCreated create(TaskKind kind, String action, String params, TagActionRequest request, String actor) {
        Instant now = clock.instant();
        Instant deadline = settings.deadlineFrom(now, request.deadline());
        List<BoundTag> targets = targets(request);
        String description = request.description() != null ? request.description()
                : kind == TaskKind.LED_FLASH ? "LED flash on " + targets.size() + " tags"
                : "page switch on " + targets.size() + " tags";
        NewTask task = writer.insert(kind, description, actor, now, deadline);
        JobInserter inserter = writer.jobs();
        for (BoundTag t : targets) {
            inserter.add(new NewJob(task.id, t.tagId(), t.storeId(), action, null, params, now, deadline));
        }
        long created = inserter.finish();
        events.tagAction(task, created, request, null);
        log.info("Task {} ({}): {} on {} tags, trace {}", task.id, actor, kind, created, task.traceId);
        return new TaskCreated(task.id, task.traceId, 0, created, List.of());
    }

    private List<BoundTag> targets(TagActionRequest request) {
        if (request.sku() != null && !request.sku().isBlank()) {
            List<BoundTag> bound = new ArrayList<>();
            reader.boundTo(List.of(request.sku()), bound::add);
            if (bound.isEmpty()) {
                throw new BadRequestException("sku", "no tag is bound to product " + request.sku());
            }
            return bound;
        }
        Set<String> ids = request.tags().stream().map(t -> t.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
        List<BoundTag> found = new ArrayList<>();
        List<String> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += 1000) {
            found.addAll(bindings.tags(all.subList(i, Math.min(all.size(), i + 1000))));
        }
        if (found.size() < ids.size()) {
            Set<String> known = found.stream().map(BoundTag::tagId).collect(Collectors.toSet());
            List<String> unknown = all.stream().filter(id -> !known.contains(id)).sorted().limit(20).toList();
            throw new BadRequestException("tags", "unknown tags: " + unknown);
        }
        return found;
    }

    public TaskStatus status(long taskId) {
        Task task = tasks.find(taskId).orElseThrow(() -> new NotFoundException("task", taskId));
        return TaskStatus.of(task, tasks.counts(taskId));
    }

    /**
     * A page of a task's jobs with their earlier attempts. The history is read only for jobs past their first
     * attempt, in one query per page.
     */
    public List<JobView> jobs(long taskId, JobState state, long after, int limit) {
        tasks.find(taskId).orElseThrow(() -> new NotFoundException("task", taskId));
        List<JobRow> rows = jobs.ofTask(taskId, state, after, limit);
        List<Long> retried = rows.stream().filter(j -> j.attempt() > 1).map(JobRow::id).toList();
        Map<Long, List<JobAttempt>> history = retried.isEmpty() ? Map.of()
                : attempts.ofJobs(retried).stream().collect(Collectors.groupingBy(JobAttempt::jobId));
        return rows.stream().map(j -> JobView.of(j, history.getOrDefault(j.id(), List.of()))).toList();
    }

    /** Cancels what has not been sent yet; jobs already at an AP finish there. */
    @Transactional
    public TaskStatus cancel(long taskId, String actor) {
        Task before = tasks.find(taskId).orElseThrow(() -> new NotFoundException("task", taskId));
        Instant now = clock.instant();
        tasks.markCancelled(taskId, now);
        int cancelled = jobs.cancelPending(taskId, now);
        events.cancelled(before, tasks.find(taskId).orElseThrow(), cancelled);
        log.info("Task {} cancelled by {}: {} pending jobs cancelled", taskId, actor, cancelled);
        return status(taskId);
    }
}
