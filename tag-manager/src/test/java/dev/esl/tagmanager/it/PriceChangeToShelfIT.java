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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * A price change from the REST call to the shelf: 10,000 simulated tags behind four real AP gateway daemons,
 * a real broker, the tag manager on MariaDB. Tags register themselves by checking in; every job must end
 * DISPLAYED, and every tag must show exactly the image rendered for it.
 */
class PriceChangeToShelfIT {
    private static final Logger log = LoggerFactory.getLogger(PriceChangeToShelfIT.class);
    private static final int APS = 4;
    private static final int TAGS_PER_AP = 2_500;
    private static final int PRODUCTS = 100;

    @TempDir
    Path dir;
    private Broker broker;
    private TestDatabase.Schema schema;
    private RunningTagManager app;
    private SimulatedStore store;

    @BeforeEach
    void start() throws Exception {
        broker = TestBrokers.inMemory();
        schema = TestDatabase.newSchema();
        app = RunningTagManager.start(schema, broker.port(), Map.of());
        Api api = app.api();
        api.createStore("s1");
        for (int p = 0; p < PRODUCTS; p++) {
            api.post("/api/v1/products", Map.of("sku", sku(p), "name", "Product number " + p,
                    "price", new BigDecimal("1.00").add(BigDecimal.valueOf(p, 2)))).ok();
        }
        SimulatorSettings perAp = SimulatorSettings.defaults().withTags(TAGS_PER_AP)
                .withWakeInterval(Duration.ofSeconds(2)).withRadio(Duration.ofMillis(1), 0.01)
                .withDisplayTime(Duration.ofMillis(20));
        store = new SimulatedStore("s1", APS, perAp, dir, broker.port());
        await().atMost(Duration.ofSeconds(30)).until(store::allConnected);
    }

    @AfterEach
    void stop() {
        if (store != null) {
            store.close();
        }
        if (app != null) {
            app.close();
        }
        broker.close();
    }

    @Test
    void tenThousandTagsShowTheirNewPrice() throws Exception {
        Api api = app.api();
        await("every tag registered by its check-in").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> schema.count("SELECT COUNT(*) FROM tag WHERE store_id = 's1'") == APS * TAGS_PER_AP);
        List<SimulatedTag> tags = store.tags();
        List<Map<String, String>> bindings = new ArrayList<>();
        for (int i = 0; i < tags.size(); i++) {
            bindings.add(Map.of("tagId", tags.get(i).id().toString(), "sku", sku(i % PRODUCTS)));
        }
        assertThat(api.post("/api/v1/bindings", bindings).ok().get("bindings").asInt()).isEqualTo(tags.size());

        List<Map<String, Object>> rows = new ArrayList<>();
        for (int p = 0; p < PRODUCTS; p++) {
            rows.add(Map.of("sku", sku(p), "price", new BigDecimal("2.00").add(BigDecimal.valueOf(p, 2))));
        }
        long started = System.nanoTime();
        JsonNode created = api.post("/api/v1/price-changes", Map.of("description", "autumn prices", "rows", rows)).ok();
        long taskId = created.get("taskId").asLong();
        assertThat(created.get("jobs").asLong()).isEqualTo(tags.size());
        assertThat(created.get("rejected")).isEmpty();

        await("every job final").atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(5)).until(() -> {
            JsonNode status = api.get("/api/v1/tasks/" + taskId).ok();
            log.info("Task {}: {}", taskId, status.get("counts"));
            return status.get("done").asBoolean();
        });
        log.info("10,000 tags updated in {} s", (System.nanoTime() - started) / 1_000_000_000);
        JsonNode status = api.get("/api/v1/tasks/" + taskId).ok();
        assertThat(status.get("counts").get("DISPLAYED").asLong()).isEqualTo(tags.size());
        assertThat(status.get("succeeded").asLong()).isEqualTo(tags.size());

        Map<String, String> expected = imageOfEachTag(taskId);
        assertThat(tags).allSatisfy(t -> assertThat(t.imageHash()).as(t.id().toString())
                .isEqualTo(expected.get(t.id().toString())));
        assertThat(schema.count("SELECT COUNT(*) FROM tag t JOIN job j ON j.tag_id = t.id AND j.task_id = " + taskId
                + " WHERE t.image_hash = j.image_hash")).as("tags recorded as showing their image").isEqualTo(tags.size());
        assertThat(schema.count("SELECT COUNT(DISTINCT image_hash) FROM job WHERE task_id = " + taskId))
                .as("one image per product and panel").isLessThanOrEqualTo(PRODUCTS * 6L);
        assertThat(api.get("/api/v1/products/" + sku(7)).ok().get("price").decimalValue())
                .isEqualByComparingTo("2.07");
    }

    private Map<String, String> imageOfEachTag(long taskId) throws Exception {
        Map<String, String> images = new HashMap<>();
        try (Connection c = schema.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT tag_id, image_hash FROM job WHERE task_id = " + taskId)) {
            while (rs.next()) {
                images.put(rs.getString(1), rs.getString(2));
            }
        }
        return images;
    }


    private static String sku(int p) {
        return "SKU-" + p;
    }
}
