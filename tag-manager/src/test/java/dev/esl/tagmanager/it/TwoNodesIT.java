package dev.esl.tagmanager.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.esl.broker.Broker;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two tag-manager nodes on one database and one broker share a task: each job is claimed and sent by one node
 * only (SKIP LOCKED), and results reach either node through the shared subscription and are applied once.
 */
class TwoNodesIT {
    private static final int TAGS = 400;
    private final List<RunningTagManager> nodes = new ArrayList<>();
    private Broker broker;
    private FakeAp ap;

    @AfterEach
    void stop() {
        if (ap != null) {
            ap.close();
        }
        nodes.forEach(RunningTagManager::close);
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void twoNodesSplitTheJobsAndTheResultsWithoutDoingAnyTwice() throws Exception {
        broker = TestBrokers.inMemory();
        TestDatabase.Schema schema = TestDatabase.newSchema();
        Map<String, Object> small = Map.of("esl.dispatch.claim-size", "5", "esl.dispatch.batch-max-jobs", "10",
                "esl.dispatch.poll-interval", "100ms");
        Map<String, Object> n1 = new HashMap<>(small);
        n1.put("esl.mqtt.node", "n1");
        Map<String, Object> n2 = new HashMap<>(small);
        n2.put("esl.mqtt.node", "n2");
        nodes.add(RunningTagManager.start(schema, broker.port(), n1));
        Api api = nodes.get(0).api();
        api.createStore("s1");
        api.post("/api/v1/products", Map.of("sku", "P", "name", "Salt 1 kg", "price", new BigDecimal("0.59"))).ok();
        ap = new FakeAp(broker.port(), "s1", "ap-1");
        ap.online();
        List<String> tagIds = new ArrayList<>();
        for (int i = 0; i < TAGS; i++) {
            tagIds.add(String.format("0A1B00000100%04X", i));
        }
        ap.checkIn(tagIds);
        await().atMost(Duration.ofSeconds(20)).until(() -> schema.count("SELECT COUNT(*) FROM tag") == TAGS);
        api.post("/api/v1/bindings", tagIds.stream().map(t -> Map.of("tagId", t, "sku", "P")).toList()).ok();
        nodes.add(RunningTagManager.start(schema, broker.port(), n2));

        // Effective a little later, so that both nodes are polling when the jobs fall due: a node still starting
        // its dispatcher would leave the whole task to the other.
        long taskId = api.post("/api/v1/price-changes", Map.of("effectiveAt", Instant.now().plusSeconds(3).toString(),
                "rows", List.of(Map.of("sku", "P", "price", new BigDecimal("0.55"))))).ok().get("taskId").asLong();
        Set<String> seen = new HashSet<>();
        Set<String> senders = new HashSet<>();
        List<Map<String, Object>> results = new ArrayList<>();
        while (seen.size() < TAGS) {
            JsonNode batch = ap.nextBatch();
            senders.add(batch.get("batchId").asString().split("-")[0]);
            for (JsonNode job : batch.get("jobs")) {
                assertThat(seen.add(job.get("jobId").asString())).as("job %s sent once", job.get("jobId")).isTrue();
                results.add(FakeAp.result(job, "DISPLAYED", null, null));
            }
        }
        assertThat(senders).as("both nodes sent batches").containsExactlyInAnyOrder("n1", "n2");
        for (int i = 0; i < results.size(); i += 50) {
            ap.results(results.subList(i, Math.min(results.size(), i + 50)));
            ap.results(results.subList(i, Math.min(results.size(), i + 50))); // and each batch again
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/tasks/" + taskId).ok().get("done").asBoolean());
        assertThat(api.get("/api/v1/tasks/" + taskId).ok().get("counts").get("DISPLAYED").asInt()).isEqualTo(TAGS);
        assertThat(ap.pollBatch(2)).as("nothing sent twice").isNull();
    }

}
