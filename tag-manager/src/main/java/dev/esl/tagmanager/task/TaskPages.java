package dev.esl.tagmanager.task;

import dev.esl.tagmanager.console.ConsoleController;
import dev.esl.tagmanager.console.StorePage;
import dev.esl.tagmanager.security.SignedInUser;
import dev.esl.tagmanager.security.StoreAccess;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A store's tasks, and one task: live progress, per-state counts, each tag's job and why it failed. */
@ConsoleController
class TaskPages {
    private static final int JOBS_SHOWN = 200;

    private final StorePage page;
    private final TaskMapper taskMapper;
    private final TaskService tasks;
    private final StoreAccess access;
    private final TaskProgressStream progress;

    TaskPages(StorePage page, TaskMapper taskMapper, TaskService tasks, StoreAccess access, TaskProgressStream progress) {
        this.page = page;
        this.taskMapper = taskMapper;
        this.tasks = tasks;
        this.access = access;
        this.progress = progress;
    }

    @GetMapping("/console/stores/{storeId}/tasks")
    String list(@PathVariable String storeId, @RequestParam(defaultValue = "" + Long.MAX_VALUE) long before,
            Model model) {
        page.open(storeId, model);
        List<Task> shown = StoreAccess.onlyStore().isPresent() ? taskMapper.pageOfStore(storeId, before, 50)
                : taskMapper.pageTouchingStore(storeId, before, 50);
        model.addAttribute("tasks", shown.stream().map(t -> TaskStatus.of(t, taskMapper.counts(t.id()))).toList());
        return "tasks";
    }

    /** {@code store}: the store whose pages led here, for the navigation. */
    @GetMapping("/console/tasks/{id}")
    String task(@PathVariable long id, @RequestParam(required = false) String store,
            @RequestParam(required = false) JobState state, Model model) {
        access.task(id);
        String storeId = StoreAccess.onlyStore().orElse(store);
        if (storeId != null && !storeId.isBlank()) {
            page.open(storeId, model);
        }
        model.addAttribute("status", tasks.status(id));
        model.addAttribute("state", state);
        model.addAttribute("states", JobState.values());
        model.addAttribute("jobs", tasks.jobs(id, state, 0, JOBS_SHOWN));
        model.addAttribute("failures", state == null ? tasks.jobs(id, JobState.FAILED, 0, 50) : List.of());
        model.addAttribute("jobsShown", JOBS_SHOWN);
        return "task";
    }

    @GetMapping(path = "/console/tasks/{id}/progress", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter progress(@PathVariable long id) {
        access.task(id);
        tasks.status(id);
        return progress.follow(id);
    }

    @PostMapping("/console/tasks/{id}/cancel")
    String cancel(@PathVariable long id, @RequestParam(required = false) String store, RedirectAttributes flash) {
        access.task(id);
        TaskStatus after = tasks.cancel(id, SignedInUser.nameOr("console"));
        flash.addFlashAttribute("message", "Task #" + id + " cancelled: " + after.counts().get(JobState.CANCELLED)
                + " jobs that had not been sent are cancelled.");
        return "redirect:/console/tasks/" + id + (store == null ? "" : "?store=" + store);
    }
}
