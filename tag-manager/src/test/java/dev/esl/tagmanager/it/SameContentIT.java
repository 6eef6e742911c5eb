package dev.esl.tagmanager.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.esl.broker.Broker;
import dev.esl.gateway.simulator.SimulatedTag;
import dev.esl.gateway.simulator.SimulatorSettings;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Content a tag already shows, end to end through the real AP gateway and simulated tags: a second price change to
 * the same price renders the same image (same hash), the gateway sees each tag already shows it and reports
 * SKIPPED, and no tag is rewritten.
 */
class SameContentIT {
    private static final int TAGS = 4;

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
    void contentATagAlreadyShowsIsSkippedNotSentAgain() throws Exception {
        broker = TestBrokers.inMemory();
        TestDatabase.Schema schema = TestDatabase.newSchema();
        app = RunningTagManager.start(schema, broker.port(), Map.of());
        Api api = app.api();
        api.createStore("s1");
        api.post("/api/v1/products", Map.of("sku", "FLOUR", "name", "Flour 1 kg", "price", new BigDecimal("0.99"))).ok();
        store = new SimulatedStore("s1", 1, SimulatorSettings.defaults().withTags(TAGS)
                .withWakeInterval(Duration.ofSeconds(1)).withRadio(Duration.ofMillis(1), 0)
                .withDisplayTime(Duration.ofMillis(20)), dir, broker.port());
        await().atMost(Duration.ofSeconds(30)).until(() -> schema.count("SELECT COUNT(*) FROM tag") == TAGS);
        List<SimulatedTag> tags = store.tags();
        api.post("/api/v1/bindings", tags.stream().map(t -> Map.of("tagId", t.id().toString(), "sku", "FLOUR")).toList())
                .ok();
        assertThat(tags).as("battery reported by each tag's check-in").allSatisfy(t -> assertThat(
                api.get("/api/v1/tags/" + t.id()).ok().get("batteryMv").asInt()).isEqualTo(t.batteryMv()));

        TaskProbe first = priceChange(api, "1.09").awaitDone(Duration.ofSeconds(60));
        assertThat(first.count("DISPLAYED")).isEqualTo(TAGS);
        Map<String, Integer> shown = new HashMap<>();
        tags.forEach(t -> shown.put(t.id().toString(), t.imagesShown()));

        TaskProbe second = priceChange(api, "1.09").awaitDone(Duration.ofSeconds(60));
        assertThat(second.count("SKIPPED")).isEqualTo(TAGS);
        assertThat(second.status().get("succeeded").asLong()).isEqualTo(TAGS);
        for (JsonNode job : second.jobs()) {
            assertThat(job.get("attempt").asInt()).isEqualTo(1);
        }
        assertThat(schema.count("SELECT COUNT(*) FROM job a JOIN job b ON b.tag_id = a.tag_id AND b.task_id = "
                + second.id() + " WHERE a.task_id = " + first.id() + " AND a.image_hash = b.image_hash"))
                .as("each tag's job had the same image both times").isEqualTo(TAGS);
        assertThat(tags).allSatisfy(t -> {
            assertThat(t.imagesShown()).as("not rewritten").isEqualTo(shown.get(t.id().toString()));
            assertThat(api.get("/api/v1/tags/" + t.id()).ok().get("imageHash").asString()).isEqualTo(t.imageHash());
        });
    }

    private static TaskProbe priceChange(Api api, String price) {
        return TaskProbe.created(api, api.post("/api/v1/price-changes", Map.of("rows",
                List.of(Map.of("sku", "FLOUR", "price", new BigDecimal(price))))));
    }
}
