package dev.esl.tagmanager.it;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A task and its jobs as the API reports them, and waits on them: what the task tests assert on. */
final class TaskProbe {
    private final Api api;
    private final long taskId;

    TaskProbe(Api api, long taskId) {
        this.api = api;
        this.taskId = taskId;
    }

    /** The task a creating request answered with (201, its body naming the task). */
    static TaskProbe created(Api api, Api.Response created) {
        return new TaskProbe(api, created.ok().get("taskId").asLong());
    }

    long id() {
        return taskId;
    }

    JsonNode status() {
        return api.get("/api/v1/tasks/" + taskId).ok();
    }

    long count(String state) {
        return status().get("counts").get(state).asLong();
    }

    List<JsonNode> jobs() {
        List<JsonNode> jobs = new ArrayList<>();
        api.get("/api/v1/tasks/" + taskId + "/jobs?limit=1000").ok().forEach(jobs::add);
        return jobs;
    }

    JsonNode jobOf(String tagId) {
        return jobs().stream().filter(j -> j.get("tagId").asString().equals(tagId)).findFirst()
                .orElseThrow(() -> new AssertionError("task " + taskId + " has no job for tag " + tagId));
    }

    TaskProbe awaitCount(String state, long n) {
        await().atMost(Duration.ofSeconds(20)).until(() -> count(state) == n);
        return this;
    }

    TaskProbe awaitDone() {
        return awaitDone(Duration.ofSeconds(30));
    }

    TaskProbe awaitDone(Duration atMost) {
        await().atMost(atMost).until(() -> status().get("done").asBoolean());
        return this;
    }
}
