package dev.esl.tagmanager.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.esl.broker.Broker;
import dev.esl.gateway.simulator.SimulatedTag;
import dev.esl.gateway.simulator.SimulatorSettings;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The tag manager stops in the middle of a price change, with results on their way, and while a scheduled
 * change waits for its time; it starts again on the same database: both tasks finish and every tag ends up
 * showing the image of the latest change, each job displayed once.
 */
class RestartIT {
    private static final int TAGS = 300;
    private static final Map<String, Object> SMALL_BATCHES = Map.of("esl.dispatch.batch-max-jobs", "20");

    @TempDir
    Path dir;
    private Broker broker;
    private RunningTagManager app;
    private SimulatedStore store;

    @AfterEach
    void stop() {
        if (store != null) {
            store.close();
        }
        if (app != null) {
            app.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aTaskResumesAfterTheServiceRestartsMidway() throws Exception {
        broker = TestBrokers.durable(java.nio.file.Files.createDirectories(dir.resolve("broker")));
        TestDatabase.Schema schema = TestDatabase.newSchema();
        app = RunningTagManager.start(schema, broker.port(), SMALL_BATCHES);
        Api api = app.api();
        api.createStore("s1");
        api.post("/api/v1/products", Map.of("sku", "P1", "name", "Pasta 500 g", "price", new BigDecimal("0.99"))).ok();
        api.post("/api/v1/products", Map.of("sku", "P2", "name", "Rice 1 kg", "price", new BigDecimal("1.89"))).ok();
        store = new SimulatedStore("s1", 1, SimulatorSettings.defaults().withTags(TAGS)
                .withWakeInterval(Duration.ofSeconds(2)).withRadio(Duration.ofMillis(2), 0)
                .withDisplayTime(Duration.ofMillis(100)), dir, broker.port());
        await().atMost(Duration.ofSeconds(60)).until(() -> schema.count("SELECT COUNT(*) FROM tag") == TAGS);
        List<Map<String, String>> bindings = new ArrayList<>();
        for (SimulatedTag t : store.tags()) {
            bindings.add(Map.of("tagId", t.id().toString(), "sku", bindings.size() % 2 == 0 ? "P1" : "P2"));
        }
        api.post("/api/v1/bindings", bindings).ok();
        JsonNode created = api.post("/api/v1/price-changes", Map.of("rows", List.of(
                Map.of("sku", "P1", "price", new BigDecimal("0.89")), Map.of("sku", "P2", "price", new BigDecimal("1.79")))))
                .ok();
        long taskId = created.get("taskId").asLong();
        await().atMost(Duration.ofSeconds(90)).until(() -> counts(api, taskId).get("DISPLAYED").asLong() >= 20);
        Instant effective = Instant.now().plusSeconds(12);
        long scheduled = api.post("/api/v1/price-changes", Map.of("effectiveAt", effective.toString(), "rows",
                List.of(Map.of("sku", "P1", "price", new BigDecimal("0.79"))))).ok().get("taskId").asLong();
        JsonNode before = counts(api, taskId);
        app.close();
        app = null;
        assertThat(before.get("DISPLAYED").asLong()).as("displayed before the restart").isLessThan(TAGS);
        Thread.sleep(3_000); // the gateway goes on: its results wait in our session at the broker

        app = RunningTagManager.start(schema, broker.port(), SMALL_BATCHES);
        Api again = app.api();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(() -> again.get("/api/v1/tasks/" + taskId).ok().get("done").asBoolean());
        JsonNode status = again.get("/api/v1/tasks/" + taskId).ok();
        assertThat(status.get("jobs").asLong()).isEqualTo(TAGS);
        // A P1 tag still waiting at the AP when the scheduled change arrives gets the newer image instead.
        assertThat(status.get("counts").get("DISPLAYED").asLong() + status.get("counts").get("CANCELLED").asLong())
                .isEqualTo(TAGS);
        assertThat(status.get("failed").asLong()).isZero();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2))
                .until(() -> again.get("/api/v1/tasks/" + scheduled).ok().get("done").asBoolean());
        assertThat(again.get("/api/v1/tasks/" + scheduled).ok().get("counts").get("DISPLAYED").asLong()).isEqualTo(TAGS / 2);
        assertThat(again.get("/api/v1/products/P1").ok().get("price").decimalValue()).isEqualByComparingTo("0.79");
        Map<String, String> expected = new HashMap<>();
        try (Connection c = schema.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT tag_id, image_hash, attempt, sent_at, task_id FROM job"
                     + " ORDER BY task_id")) {
            while (rs.next()) {
                expected.put(rs.getString(1), rs.getString(2)); // the later task's image wins
                assertThat(rs.getInt(3)).as("no job needed a second attempt").isEqualTo(1);
                if (rs.getLong(5) == scheduled) {
                    assertThat(rs.getTimestamp(4).toInstant()).as("sent once effective").isAfterOrEqualTo(effective);
                }
            }
        }
        assertThat(store.tags()).allSatisfy(t -> assertThat(t.imageHash()).isEqualTo(expected.get(t.id().toString())));
    }

    private static JsonNode counts(Api api, long taskId) {
        return api.get("/api/v1/tasks/" + taskId).ok().get("counts");
    }

}
