package dev.esl.tagmanager.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Results as an AP may really send them: twice (QoS 1 redelivery), late, out of order, about an attempt that was
 * already retried, or broken. A job's state only ever moves forward and ends once.
 */
class ResultsIT {
    private static TagManagerFixture fixture;
    private static Api api;
    private static FakeAp ap;
    private static int nextTag = 1;

    @BeforeAll
    static void start() throws Exception {
        fixture = TagManagerFixture.start(Map.of("esl.tasks.retry-backoff", "1s", "esl.tasks.max-attempts", "3"));
        api = fixture.api;
        ap = fixture.storeWithAp("s1", "ap-1");
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void duplicateAndOutOfOrderResultsDoNotMoveAJobBack() throws Exception {
        JsonNode job = priceChangeForOneTag("MILK");
        long jobId = Long.parseLong(job.get("jobId").asString().split("\\.")[0]);
        assertThat(job.get("action").asString()).isEqualTo("image");
        assertThat(job.get("image").get("data").asString()).isNotEmpty();
        awaitState(jobId, "SENT");

        ap.results(List.of(FakeAp.result(job, "DISPLAYED", null, null)));
        awaitState(jobId, "DISPLAYED");
        // The ACCEPTED that was overtaken, the DISPLAYED again, then a FAILED: none changes anything.
        ap.results(List.of(FakeAp.result(job, "ACCEPTED", null, null), FakeAp.result(job, "DISPLAYED", null, null),
                FakeAp.result(job, "FAILED", 0x08, "insufficient battery")));
        Thread.sleep(1500);
        JsonNode view = jobView(jobId);
        assertThat(view.get("state").asString()).isEqualTo("DISPLAYED");
        assertThat(view.get("reason").isNull()).isTrue();
        assertThat(view.get("acceptedAt").isNull()).as("the late ACCEPTED kept the time DISPLAYED set").isFalse();
        String tagId = job.get("tagId").asString();
        assertThat(api.get("/api/v1/tags/" + tagId).ok().get("imageHash").asString())
                .isEqualTo(job.get("image").get("hash").asString());
    }

    @Test
    void aRetryableFailureStartsAnotherAttemptAndResultsOfTheOldOneAreIgnored() throws Exception {
        JsonNode first = priceChangeForOneTag("TEA");
        long jobId = Long.parseLong(first.get("jobId").asString().split("\\.")[0]);
        awaitState(jobId, "SENT");
        ap.results(List.of(FakeAp.result(first, "FAILED", 0x0B, "queue full")));
        JsonNode second = ap.nextBatch().get("jobs").get(0);
        assertThat(second.get("jobId").asString()).isEqualTo(jobId + ".2");
        // The first attempt's result arrives late: it is about an attempt that is over.
        ap.results(List.of(FakeAp.result(first, "DISPLAYED", null, null)));
        Thread.sleep(1000);
        assertThat(jobView(jobId).get("state").asString()).isEqualTo("SENT");
        ap.results(List.of(FakeAp.result(second, "DISPLAYED", null, null)));
        awaitState(jobId, "DISPLAYED");
        assertThat(jobView(jobId).get("attempt").asInt()).isEqualTo(2);
    }

    @Test
    void aFailureTheTagCannotGetOverIsFinalWithItsReason() throws Exception {
        JsonNode job = priceChangeForOneTag("SOAP");
        long jobId = Long.parseLong(job.get("jobId").asString().split("\\.")[0]);
        awaitState(jobId, "SENT");
        ap.results(List.of(FakeAp.result(job, "FAILED", 0x08, "insufficient battery")));
        awaitState(jobId, "FAILED");
        JsonNode view = jobView(jobId);
        assertThat(view.get("reason").asString()).isEqualTo("insufficient battery");
        assertThat(view.get("errorCode").asInt()).isEqualTo(8);
        JsonNode status = api.get("/api/v1/tasks/" + view.get("taskId").asLong()).ok();
        assertThat(status.get("failed").asLong()).isEqualTo(1);
        assertThat(status.get("done").asBoolean()).isTrue();
    }

    @Test
    void brokenResultMessagesAreDroppedAndTheNextOnesStillApply() throws Exception {
        JsonNode job = priceChangeForOneTag("RICE");
        long jobId = Long.parseLong(job.get("jobId").asString().split("\\.")[0]);
        awaitState(jobId, "SENT");
        ap.publishRaw("result", "{not json".getBytes());
        ap.publishRaw("result", "{\"schema\":1,\"type\":\"results\",\"storeId\":\"s1\",\"apSerial\":\"ap-1\"}".getBytes());
        ap.results(List.of(FakeAp.result(job, "DISPLAYED", null, null)));
        awaitState(jobId, "DISPLAYED");
    }

    @Test
    void ledFlashesByProductReachEveryBoundTagAndCountSuccessesAndFailures() throws Exception {
        String sku = "FLASH";
        api.post("/api/v1/products", Map.of("sku", sku, "name", "Product " + sku, "price", new BigDecimal("4.00"))).ok();
        List<String> tagIds = List.of(newTag(), newTag(), newTag());
        for (String tagId : tagIds) {
            api.put("/api/v1/tags/" + tagId + "/product", Map.of("sku", sku)).ok();
        }
        JsonNode created = api.post("/api/v1/led-flashes", Map.of("sku", sku, "led",
                Map.of("color", "green", "pattern", "blink", "count", 3, "durationMs", 2000))).ok();
        assertThat(created.get("jobs").asInt()).isEqualTo(3);
        JsonNode jobs = ap.nextBatch().get("jobs");
        assertThat(jobs).hasSize(3);
        assertThat(jobs).allSatisfy(j -> {
            assertThat(j.get("action").asString()).isEqualTo("led");
            assertThat(j.get("led").get("color").asString()).isEqualTo("green");
            assertThat(j.get("led").get("count").asInt()).isEqualTo(3);
        });
        ap.results(List.of(FakeAp.result(jobs.get(0), "DISPLAYED", null, null),
                FakeAp.result(jobs.get(1), "DISPLAYED", null, null),
                FakeAp.result(jobs.get(2), "FAILED", 0x08, "insufficient battery")));
        long taskId = created.get("taskId").asLong();
        await().atMost(Duration.ofSeconds(15)).until(() -> api.get("/api/v1/tasks/" + taskId).ok().get("done").asBoolean());
        JsonNode status = api.get("/api/v1/tasks/" + taskId).ok();
        assertThat(status.get("succeeded").asInt()).isEqualTo(2);
        assertThat(status.get("failed").asInt()).isEqualTo(1);
        assertThat(status.get("task").get("kind").asString()).isEqualTo("LED_FLASH");
        assertThat(api.post("/api/v1/page-switches", Map.of("tags", List.of("0A1B0000000FFFFF"), "page",
                Map.of("page", 1, "durationSeconds", 0))).status()).as("an unknown tag").isEqualTo(400);
    }

    @Test
    void aJobGoesToAnotherApThatHeardTheTagWhenTheLastOneIsOfflineOrFailed() throws Exception {
        try (FakeAp second = new FakeAp(fixture.broker.port(), "s1", "ap-2")) {
            second.online();
            String tagId = newTag(); // heard by ap-1
            second.checkIn(tagId, 250, 122, "bw"); // then by ap-2, the last to hear it
            await().atMost(Duration.ofSeconds(10)).until(() -> "ap-2".equals(api.get("/api/v1/tags/" + tagId).ok()
                    .get("lastAp").asString()));
            api.post("/api/v1/products", Map.of("sku", "ROUTE", "name", "Routed", "price", new BigDecimal("1.00"))).ok();
            api.put("/api/v1/tags/" + tagId + "/product", Map.of("sku", "ROUTE")).ok();

            second.offline();
            await().atMost(Duration.ofSeconds(10)).until(() -> "offline".equals(api.get("/api/v1/aps/ap-2").ok()
                    .get("state").asString()));
            api.post("/api/v1/price-changes", Map.of("rows", List.of(Map.of("sku", "ROUTE", "price", new BigDecimal("1.10")))))
                    .ok();
            JsonNode first = ap.nextBatch().get("jobs").get(0);
            assertThat(first.get("tagId").asString()).isEqualTo(tagId);

            second.online();
            await().atMost(Duration.ofSeconds(10)).until(() -> "online".equals(api.get("/api/v1/aps/ap-2").ok()
                    .get("state").asString()));
            ap.results(List.of(FakeAp.result(first, "FAILED", 0x80, "tag unreachable")));
            JsonNode retry = second.nextBatch().get("jobs").get(0);
            assertThat(retry.get("jobId").asString()).endsWith(".2");
            assertThat(ap.pollBatch(2)).as("the retry goes to the other AP only").isNull();
        }
    }

    private static String newTag() {
        String tagId = String.format("0A1B0000000%05X", nextTag++);
        ap.checkIn(tagId, 296, 128, "bwr");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/tags/" + tagId).status() == 200);
        return tagId;
    }

    /** A product on a new tag heard by the AP, and a price change for it: the job batch the AP receives. */
    private static JsonNode priceChangeForOneTag(String sku) throws Exception {
        String tagId = newTag();
        api.post("/api/v1/products", Map.of("sku", sku, "name", "Product " + sku, "price", new BigDecimal("1.50"))).ok();
        api.put("/api/v1/tags/" + tagId + "/product", Map.of("sku", sku)).ok();
        api.post("/api/v1/price-changes", Map.of("rows", List.of(Map.of("sku", sku, "price", new BigDecimal("1.79")))))
                .ok();
        JsonNode batch = ap.nextBatch();
        assertThat(batch.get("apSerial").asString()).isEqualTo("ap-1");
        assertThat(batch.get("jobs")).hasSize(1);
        return batch.get("jobs").get(0);
    }

    private static void awaitState(long jobId, String state) {
        await().atMost(Duration.ofSeconds(15)).until(() -> state.equals(jobView(jobId).get("state").asString()));
    }

    private static JsonNode jobView(long jobId) {
        JsonNode task = api.get("/api/v1/tasks?limit=500").ok();
        for (JsonNode t : task) {
            for (JsonNode j : api.get("/api/v1/tasks/" + t.get("id").asLong() + "/jobs").ok()) {
                if (j.get("id").asLong() == jobId) {
                    return j;
                }
            }
        }
        throw new AssertionError("job " + jobId + " not found");
    }
}
