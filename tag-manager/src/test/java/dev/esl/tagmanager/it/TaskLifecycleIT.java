package dev.esl.tagmanager.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * How jobs end, other than displayed: expired by their deadline, cancelled before they were sent, skipped by the
 * AP, failed after their last attempt; and the counts of each task. Store s1 has an AP played by the test; store
 * noap has none, so its jobs stay PENDING.
 */
class TaskLifecycleIT {
    private static final Map<String, Object> LED = Map.of("color", "red", "pattern", "blink", "count", 2,
            "durationMs", 1000);
    private static TagManagerFixture fixture;
    private static Api api;
    private static FakeAp ap;
    private static int nextTag = 1;

    @BeforeAll
    static void start() throws Exception {
        fixture = TagManagerFixture.start(Map.of("esl.tasks.retry-backoff", "2s", "esl.tasks.max-attempts", "3"));
        api = fixture.api;
        api.createStore("noap");
        ap = fixture.storeWithAp("s1", "ap-1");
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void jobsNotFinishedByTheirDeadlineExpireSentOrNot() throws Exception {
        String sent = heardTag();
        String unsent = tagWithoutAp();
        Instant deadline = Instant.now().plusSeconds(3);
        TaskProbe task = TaskProbe.created(api, api.post("/api/v1/led-flashes", Map.of("tags", List.of(sent, unsent),
                "led", LED, "deadline", deadline.toString())));
        JsonNode job = ap.nextJobs(1).get(0); // the AP never answers
        task.awaitDone();
        assertThat(task.jobs()).allSatisfy(j -> {
            assertThat(j.get("state").asString()).isEqualTo("EXPIRED");
            assertThat(j.get("reason").asString()).isEqualTo("deadline passed");
            assertThat(Instant.parse(j.get("finishedAt").asString())).isAfterOrEqualTo(deadline.minusMillis(1));
        });
        assertThat(task.jobOf(sent).get("sentAt").isNull()).isFalse();
        assertThat(task.jobOf(unsent).get("sentAt").isNull()).isTrue();
        assertThat(task.status().get("failed").asLong()).isEqualTo(2);
        assertThat(task.status().get("succeeded").asLong()).isZero();

        ap.results(List.of(FakeAp.result(job, "DISPLAYED", null, null))); // too late
        Thread.sleep(1000);
        assertThat(task.count("EXPIRED")).isEqualTo(2);
    }

    @Test
    void theGatewaysDeadlinePassedResultExpiresTheJob() throws Exception {
        TaskProbe task = TaskProbe.created(api, api.post("/api/v1/led-flashes", Map.of("tags", List.of(heardTag()),
                "led", LED)));
        JsonNode job = ap.nextJobs(1).get(0);
        task.awaitCount("SENT", 1);
        ap.results(List.of(FakeAp.result(job, "FAILED", 0x81, "deadline passed")));
        task.awaitDone();
        JsonNode view = task.jobs().get(0);
        assertThat(view.get("state").asString()).isEqualTo("EXPIRED");
        assertThat(view.get("errorCode").asInt()).isEqualTo(0x81);
        assertThat(view.get("attempt").asInt()).as("not retried").isEqualTo(1);
        assertThat(task.status().get("failed").asLong()).isEqualTo(1);
    }

    @Test
    void cancellingATaskCancelsOnlyTheJobsNotSentYet() throws Exception {
        String sku = product("CANCEL", "3.00");
        List<String> heard = List.of(heardTag(), heardTag());
        List<String> waiting = List.of(tagWithoutAp(), tagWithoutAp());
        for (String tagId : List.of(heard.get(0), heard.get(1), waiting.get(0), waiting.get(1))) {
            api.put("/api/v1/tags/" + tagId + "/product", Map.of("sku", sku)).ok();
        }
        TaskProbe task = TaskProbe.created(api, api.post("/api/v1/price-changes", Map.of("rows",
                List.of(Map.of("sku", sku, "price", new BigDecimal("2.80"))))));
        List<JsonNode> jobs = ap.nextJobs(2);
        task.awaitCount("SENT", 2);

        JsonNode cancelled = api.post("/api/v1/tasks/" + task.id() + "/cancel", Map.of()).ok();
        assertThat(cancelled.get("counts").get("CANCELLED").asLong()).isEqualTo(2);
        assertThat(cancelled.get("counts").get("SENT").asLong()).isEqualTo(2);
        assertThat(cancelled.get("done").asBoolean()).isFalse();
        String cancelledAt = cancelled.get("task").get("cancelledAt").asString();
        assertThat(cancelledAt).isNotEmpty();
        for (String tagId : waiting) {
            JsonNode job = task.jobOf(tagId);
            assertThat(job.get("state").asString()).isEqualTo("CANCELLED");
            assertThat(job.get("reason").asString()).isEqualTo("cancelled");
            assertThat(job.get("sentAt").isNull()).isTrue();
        }

        // What was at the AP finishes there and is counted.
        ap.results(List.of(FakeAp.result(jobs.get(0), "DISPLAYED", null, null),
                FakeAp.result(jobs.get(1), "FAILED", 0x08, "insufficient battery")));
        task.awaitDone();
        JsonNode status = task.status();
        assertThat(status.get("jobs").asLong()).isEqualTo(4);
        assertThat(status.get("counts").get("DISPLAYED").asLong()).isEqualTo(1);
        assertThat(status.get("counts").get("FAILED").asLong()).isEqualTo(1);
        assertThat(status.get("counts").get("CANCELLED").asLong()).isEqualTo(2);
        assertThat(status.get("succeeded").asLong()).isEqualTo(1);
        assertThat(status.get("failed").asLong()).isEqualTo(1);

        JsonNode again = api.post("/api/v1/tasks/" + task.id() + "/cancel", Map.of()).ok();
        assertThat(again.get("counts")).isEqualTo(status.get("counts"));
        assertThat(again.get("task").get("cancelledAt").asString()).isEqualTo(cancelledAt);
        assertThat(api.post("/api/v1/tasks/999999/cancel", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void aBatchWrittenWithItsTaskButNeverTakenByTheBrokerIsPublishedAgainWithItsId() throws Exception {
        String sku = product("AGAIN", "4.00");
        String tagId = heardTag();
        api.put("/api/v1/tags/" + tagId + "/product", Map.of("sku", sku)).ok();
        TaskProbe task = TaskProbe.created(api, api.post("/api/v1/price-changes", Map.of("rows",
                List.of(Map.of("sku", sku, "price", new BigDecimal("3.80"))))));
        JsonNode first = ap.nextBatch();
        String batchId = first.get("batchId").asString();
        assertThat(task.jobOf(tagId).get("state").asString()).as("written SENT with its task").isEqualTo("SENT");
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.schema.count(
                "SELECT COUNT(*) FROM job_batch WHERE published_at IS NOT NULL AND id = '" + batchId + "'") == 1);

        // As if its node had stopped before the broker took it, a while ago.
        try (java.sql.Connection c = fixture.schema.connect(); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE job_batch SET published_at = NULL, created_at = created_at - INTERVAL 2 MINUTE"
                    + " WHERE id = '" + batchId + "'");
        }
        JsonNode again = ap.nextBatch();
        assertThat(again.get("batchId").asString()).isEqualTo(batchId);
        assertThat(again.get("jobs")).hasSize(1);
        assertThat(again.get("jobs").get(0).get("jobId")).isEqualTo(first.get("jobs").get(0).get("jobId"));
        assertThat(again.get("jobs").get(0).get("image")).isEqualTo(first.get("jobs").get(0).get("image"));
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.schema.count(
                "SELECT COUNT(*) FROM job_batch WHERE published_at IS NOT NULL AND id = '" + batchId + "'") == 1);

        ap.results(List.of(FakeAp.result(first.get("jobs").get(0), "DISPLAYED", null, null)));
        task.awaitDone();
        assertThat(task.count("DISPLAYED")).isEqualTo(1);
    }

    @Test
    void aCancelledScheduledPriceChangeSendsNothingAndLeavesThePrice() throws Exception {
        String sku = product("LATER", "2.00");
        api.put("/api/v1/tags/" + heardTag() + "/product", Map.of("sku", sku)).ok();
        Instant effective = Instant.now().plusSeconds(3);
        TaskProbe task = TaskProbe.created(api, api.post("/api/v1/price-changes", Map.of("effectiveAt",
                effective.toString(), "rows", List.of(Map.of("sku", sku, "price", new BigDecimal("2.50"))))));
        JsonNode cancelled = api.post("/api/v1/tasks/" + task.id() + "/cancel", Map.of()).ok();
        assertThat(cancelled.get("counts").get("CANCELLED").asLong()).isEqualTo(1);
        assertThat(cancelled.get("done").asBoolean()).isTrue();

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), effective).toMillis()) + 2_500);
        assertThat(ap.pollBatch(1)).as("nothing sent").isNull();
        assertThat(api.get("/api/v1/products/" + sku).ok().get("price").decimalValue()).isEqualByComparingTo("2.00");
    }

    @Test
    void aJobTheApSkipsCountsAsASuccessAndTheTagShowsItsImage() throws Exception {
        String tagId = heardTag();
        api.put("/api/v1/tags/" + tagId + "/product", Map.of("sku", product("SAME", "1.00"))).ok();
        TaskProbe task = TaskProbe.created(api, api.post("/api/v1/price-changes", Map.of("rows",
                List.of(Map.of("sku", "SAME", "price", new BigDecimal("1.00"))))));
        JsonNode job = ap.nextJobs(1).get(0);
        task.awaitCount("SENT", 1);
        ap.results(List.of(FakeAp.result(job, "SKIPPED", null, null)));
        task.awaitDone();
        assertThat(task.jobs().get(0).get("state").asString()).isEqualTo("SKIPPED");
        assertThat(task.status().get("succeeded").asLong()).isEqualTo(1);
        assertThat(api.get("/api/v1/tags/" + tagId).ok().get("imageHash").asString())
                .isEqualTo(job.get("image").get("hash").asString());
    }

    @Test
    void retriesWaitLongerEachTimeAndTheLastFailureIsFinalWithTheTagsReason() throws Exception {
        String tagId = heardTag();
        TaskProbe task = TaskProbe.created(api, api.post("/api/v1/led-flashes", Map.of("tags", List.of(tagId),
                "led", LED)));
        JsonNode first = ap.nextJobs(1).get(0);
        task.awaitCount("SENT", 1);
        long failed1 = System.nanoTime();
        ap.results(List.of(FakeAp.result(first, "FAILED", 0x0B, "queue full")));
        JsonNode second = ap.nextJobs(1).get(0);
        Duration wait1 = Duration.ofNanos(System.nanoTime() - failed1);
        assertThat(second.get("jobId").asString()).endsWith(".2");
        task.awaitCount("SENT", 1);
        ap.results(List.of(FakeAp.result(second, "ACCEPTED", null, null)));
        task.awaitCount("ACCEPTED_BY_AP", 1);
        long failed2 = System.nanoTime();
        ap.results(List.of(FakeAp.result(second, "FAILED", 0x0A, "retry")));
        JsonNode third = ap.nextJobs(1).get(0);
        Duration wait2 = Duration.ofNanos(System.nanoTime() - failed2);
        assertThat(third.get("jobId").asString()).endsWith(".3");
        // retry-backoff 2s before the second attempt, doubled before the third
        assertThat(wait1).isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(Duration.ofSeconds(4));
        assertThat(wait2).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
        task.awaitCount("SENT", 1);
        ap.results(List.of(FakeAp.result(third, "FAILED", 0x09, "insufficient resources")));
        task.awaitDone();

        JsonNode job = task.jobs().get(0);
        assertThat(job.get("state").asString()).isEqualTo("FAILED");
        assertThat(job.get("attempt").asInt()).isEqualTo(3);
        assertThat(job.get("reason").asString()).isEqualTo("insufficient resources");
        assertThat(job.get("errorCode").asInt()).isEqualTo(0x09);
        assertThat(task.status().get("failed").asLong()).isEqualTo(1);

        // Each earlier attempt kept with its AP, times and failure; the job row shows the last one.
        JsonNode history = job.get("history");
        assertThat(history).hasSize(2);
        JsonNode h1 = history.get(0);
        JsonNode h2 = history.get(1);
        assertThat(h1.get("attempt").asInt()).isEqualTo(1);
        assertThat(h1.get("apSerial").asString()).isEqualTo("ap-1");
        assertThat(h1.get("outcome").asString()).isEqualTo("FAILED");
        assertThat(h1.get("reason").asString()).isEqualTo("queue full");
        assertThat(h1.get("errorCode").asInt()).isEqualTo(0x0B);
        assertThat(h1.get("acceptedAt").isNull()).isTrue();
        assertThat(h2.get("attempt").asInt()).isEqualTo(2);
        assertThat(h2.get("reason").asString()).isEqualTo("retry");
        assertThat(h2.get("acceptedAt").isNull()).isFalse();
        assertThat(Duration.between(instant(h1, "endedAt"), instant(h2, "sentAt"))).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(Duration.between(instant(h2, "endedAt"), instant(job, "sentAt"))).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
        assertThat(instant(h1, "sentAt")).isBefore(instant(h1, "endedAt"));
        assertThat(instant(job, "finishedAt")).isAfter(instant(h2, "endedAt"));
    }

    @Test
    void pageSwitchesAndLedFlashesByTagCountSuccessesAndFailures() throws Exception {
        List<String> tags = List.of(heardTag(), heardTag(), heardTag());
        TaskProbe pages = TaskProbe.created(api, api.post("/api/v1/page-switches", Map.of("tags",
                tags.stream().map(String::toLowerCase).toList(), "page", Map.of("page", 2, "durationSeconds", 30))));
        assertThat(pages.status().get("jobs").asLong()).isEqualTo(3);
        List<JsonNode> jobs = ap.nextJobs(3);
        assertThat(jobs).allSatisfy(j -> {
            assertThat(j.get("action").asString()).isEqualTo("page");
            assertThat(j.get("page").get("page").asInt()).isEqualTo(2);
            assertThat(j.get("page").get("durationSeconds").asInt()).isEqualTo(30);
        });
        assertThat(jobs.stream().map(j -> j.get("tagId").asString())).containsExactlyInAnyOrderElementsOf(tags);
        pages.awaitCount("SENT", 3);
        ap.results(List.of(FakeAp.result(jobs.get(0), "DISPLAYED", null, null),
                FakeAp.result(jobs.get(1), "DISPLAYED", null, null),
                FakeAp.result(jobs.get(2), "FAILED", 0x03, "invalid state")));
        pages.awaitDone();
        assertThat(pages.status().get("task").get("kind").asString()).isEqualTo("PAGE_SWITCH");
        assertThat(pages.status().get("succeeded").asLong()).isEqualTo(2);
        assertThat(pages.status().get("failed").asLong()).isEqualTo(1);

        TaskProbe flash = TaskProbe.created(api, api.post("/api/v1/led-flashes", Map.of("tags", tags.subList(0, 2),
                "led", LED)));
        List<JsonNode> flashes = ap.nextJobs(2);
        assertThat(flashes).allSatisfy(j -> assertThat(j.get("led").get("color").asString()).isEqualTo("red"));
        flash.awaitCount("SENT", 2);
        ap.results(List.of(FakeAp.result(flashes.get(0), "DISPLAYED", null, null),
                FakeAp.result(flashes.get(1), "FAILED", 0x08, "insufficient battery")));
        flash.awaitDone();
        assertThat(flash.status().get("task").get("kind").asString()).isEqualTo("LED_FLASH");
        assertThat(flash.status().get("succeeded").asLong()).isEqualTo(1);
        assertThat(flash.status().get("failed").asLong()).isEqualTo(1);
        assertThat(flash.jobOf(flashes.get(1).get("tagId").asString()).get("reason").asString())
                .isEqualTo("insufficient battery");
    }

    /** A new tag that checked in at ap-1. */
    private static String heardTag() {
        String tagId = String.format("0A1B0000001%05X", nextTag++);
        ap.checkIn(tagId, 250, 122, "bw");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/tags/" + tagId).status() == 200);
        return tagId;
    }

    /** A new tag of the store without AP. */
    private static String tagWithoutAp() {
        String tagId = String.format("0A1B0000002%05X", nextTag++);
        api.post("/api/v1/tags", Map.of("id", tagId, "storeId", "noap", "width", 250, "height", 122, "colors", "bw"))
                .ok();
        return tagId;
    }

    private static String product(String sku, String price) {
        api.post("/api/v1/products", Map.of("sku", sku, "name", "Product " + sku, "price", new BigDecimal(price))).ok();
        return sku;
    }

    private static Instant instant(JsonNode node, String field) {
        return Instant.parse(node.get(field).asString());
    }
}
