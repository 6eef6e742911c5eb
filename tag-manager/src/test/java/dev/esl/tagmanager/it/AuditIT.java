package dev.esl.tagmanager.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.esl.broker.Broker;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The audit log of the running tag manager, over its REST API: one event per change with before and after, a price
 * change traced to DISPLAYED tag by tag, tampering found by the verifier, and both sinks' outages for real: the
 * audit table gone (the change fails and is rolled back) and the JSON-lines file's directory unusable (nothing lost).
 */
class AuditIT {
    private static final Path JSONL_DIR = tmp().resolve("logs");
    private static Broker broker;
    private static TestDatabase.Schema schema;
    private static RunningTagManager app;
    private static Api api;
    private static FakeAp ap;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(JSONL_DIR, "a file where the JSON-lines sink wants a directory");
        broker = TestBrokers.inMemory();
        schema = TestDatabase.newSchema();
        app = RunningTagManager.start(schema, broker.port(), Map.of("esl.audit.jsonl.file",
                JSONL_DIR.resolve("audit.jsonl"), "esl.audit.jsonl.interval", "200ms"));
        api = app.api();
        api.createStore("s1");
        ap = new FakeAp(broker.port(), "s1", "ap-1");
        ap.online();
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/aps/ap-1").status() == 200);
    }

    @AfterAll
    static void stop() {
        if (ap != null) {
            ap.close();
        }
        if (app != null) {
            app.close();
        }
        broker.close();
    }

    private static Path tmp() {
        try {
            return Files.createTempDirectory("audit-it");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The events of one action on one target: there must be exactly one. */
    private static JsonNode one(String action, String targetId) {
        JsonNode page = api.get("/api/v1/audit/events?action=" + action + "&targetId=" + targetId).ok();
        assertThat(page.get("total").asLong()).as("%s events on %s", action, targetId).isEqualTo(1);
        return page.get("events").get(0);
    }

    private static long count(String query) {
        return api.get("/api/v1/audit/events?" + query).ok().get("total").asLong();
    }

    @Test
    void everyChangeLeavesExactlyOneEventWithBeforeAndAfter() {
        assertThat(one("chain.create", "acme").get("after").get("name").asString()).isEqualTo("ACME Markets");
        api.post("/api/v1/chains", Map.of("id", "tmp", "name", "Short-lived")).ok();
        assertThat(api.delete("/api/v1/chains/tmp").status()).isEqualTo(204);
        assertThat(one("chain.delete", "tmp").get("before").get("name").asString()).isEqualTo("Short-lived");
        api.put("/api/v1/chains/acme", Map.of("id", "acme", "name", "ACME Group")).ok();
        JsonNode chain = one("chain.update", "acme");
        assertThat(chain.get("before").get("name").asString()).isEqualTo("ACME Markets");
        assertThat(chain.get("after").get("name").asString()).isEqualTo("ACME Group");
        assertThat(chain.get("actor").get("kind").asString()).isEqualTo("API_CLIENT");
        assertThat(chain.get("actor").get("id").asString()).as("the user of the HTTP Basic credentials")
                .isEqualTo(RunningTagManager.ADMIN);
        assertThat(chain.get("stream").asString()).isEqualTo("chain");

        api.post("/api/v1/stores", Map.of("id", "s2", "chainId", "acme", "name", "Two", "currency", "EUR")).ok();
        assertThat(one("store.create", "s2").get("before").isNull()).isTrue();
        api.put("/api/v1/stores/s2", Map.of("id", "s2", "chainId", "acme", "name", "Two bis", "currency", "EUR")).ok();
        JsonNode store = one("store.update", "s2");
        assertThat(store.get("stream").asString()).isEqualTo("store:s2");
        assertThat(store.get("after").get("name").asString()).isEqualTo("Two bis");

        api.post("/api/v1/aps", Map.of("serial", "ap-9", "storeId", "s2")).ok();
        api.put("/api/v1/aps/ap-9", Map.of("serial", "ap-9", "storeId", "s1")).ok();
        JsonNode moved = one("ap.update", "ap-9");
        assertThat(moved.get("before").get("storeId").asString()).isEqualTo("s2");
        assertThat(moved.get("after").get("storeId").asString()).isEqualTo("s1");
        assertThat(api.delete("/api/v1/aps/ap-9").status()).isEqualTo(204);
        JsonNode apGone = one("ap.delete", "ap-9");
        assertThat(apGone.get("after").isNull()).isTrue();
        one("ap.create", "ap-9");

        api.post("/api/v1/products", Map.of("sku", "SOAP", "name", "Soap", "price", new BigDecimal("2.50"))).ok();
        assertThat(one("product.create", "SOAP").get("after").get("price").decimalValue()).isEqualByComparingTo("2.50");
        api.put("/api/v1/products/SOAP", Map.of("sku", "SOAP", "name", "Soap", "price", new BigDecimal("2.70"))).ok();
        JsonNode product = one("product.update", "SOAP");
        assertThat(product.get("before").get("price").decimalValue()).isEqualByComparingTo("2.50");
        assertThat(product.get("after").get("price").decimalValue()).isEqualByComparingTo("2.70");

        String tag = "0A1B00000000A001";
        api.post("/api/v1/tags", Map.of("id", tag, "storeId", "s2", "width", 250, "height", 122, "colors", "bw")).ok();
        assertThat(one("tag.create", tag).get("store").asString()).isEqualTo("s2");
        api.put("/api/v1/tags/" + tag, Map.of("id", tag, "storeId", "s2", "width", 296, "height", 128, "colors", "bwr")).ok();
        assertThat(one("tag.update", tag).get("after").get("width").asInt()).isEqualTo(296);
        api.put("/api/v1/tags/" + tag + "/product", Map.of("sku", "SOAP")).ok();
        assertThat(one("tag.bind", tag).get("after").get("sku").asString()).isEqualTo("SOAP");
        assertThat(api.delete("/api/v1/tags/" + tag + "/product").status()).isEqualTo(204);
        assertThat(one("tag.unbind", tag).get("before").get("sku").asString()).isEqualTo("SOAP");
        api.post("/api/v1/bindings", List.of(Map.of("tagId", tag, "sku", "SOAP"))).ok();
        JsonNode bulk = api.get("/api/v1/audit/events?action=binding.bulk").ok().get("events").get(0);
        assertThat(bulk.get("before").get("bindings")).isEmpty();
        assertThat(bulk.get("after").get("bindings").get(0).get("tagId").asString()).isEqualTo(tag);

        api.post("/api/v1/templates", Map.of("id", "big", "name", "Big", "showPromo", false)).ok();
        one("template.create", "big");
        api.put("/api/v1/templates/big", Map.of("id", "big", "name", "Bigger", "showPromo", false)).ok();
        assertThat(one("template.update", "big").get("after").get("name").asString()).isEqualTo("Bigger");
        api.put("/api/v1/stores/s2/template", Map.of("templateId", "big")).ok();
        assertThat(one("template.assign-store", "s2").get("after").get("templateId").asString()).isEqualTo("big");
        api.put("/api/v1/tags/" + tag + "/template", Map.of("templateId", "big")).ok();
        assertThat(one("template.assign-tag", tag).get("stream").asString()).isEqualTo("store:s2");
        assertThat(api.delete("/api/v1/tags/" + tag + "/template").status()).isEqualTo(204);
        one("template.clear-tag", tag);
        assertThat(api.delete("/api/v1/stores/s2/template").status()).isEqualTo(204);
        assertThat(one("template.clear-store", "s2").get("before").get("templateId").asString()).isEqualTo("big");
        assertThat(api.delete("/api/v1/templates/big").status()).isEqualTo(204);
        one("template.delete", "big");

        // Tasks on a store without an AP: their jobs wait, and each task is one event.
        String page = api.post("/api/v1/page-switches", Map.of("tags", List.of(tag), "page",
                Map.of("page", 1, "durationSeconds", 0))).ok().get("taskId").asString();
        assertThat(one("page-switch.create", page).get("after").get("jobs").asInt()).isEqualTo(1);
        String refresh = api.post("/api/v1/image-refreshes", Map.of("storeId", "s2")).ok().get("taskId").asString();
        assertThat(one("image-refresh.create", refresh).get("store").asString()).isEqualTo("s2");

        assertThat(api.delete("/api/v1/tags/" + tag).status()).isEqualTo(204);
        assertThat(one("tag.delete", tag).get("before").get("storeId").asString()).isEqualTo("s2");
        assertThat(api.delete("/api/v1/products/SOAP").status()).isEqualTo(204);
        one("product.delete", "SOAP");
        assertThat(api.delete("/api/v1/stores/s2").status()).isEqualTo(204);
        one("store.delete", "s2");

        // What was refused changed nothing, and left no event.
        assertThat(api.delete("/api/v1/products/NOPE").status()).isEqualTo(404);
        assertThat(api.post("/api/v1/products", Map.of("sku", "SOAP2", "name", "x", "price", new BigDecimal("-1")))
                .status()).isEqualTo(400);
        assertThat(count("targetId=NOPE") + count("targetId=SOAP2")).isZero();
        assertThat(api.get("/api/v1/audit/verify?store=chain").ok().get("intact").asBoolean()).isTrue();
    }

    @Test
    void aPriceChangeIsTracedTagByTagToDisplayed() throws Exception {
        List<String> tags = List.of("0A1B00000000B001", "0A1B00000000B002", "0A1B00000000B003");
        api.post("/api/v1/products", Map.of("sku", "MILK", "name", "Milk", "price", new BigDecimal("1.09"))).ok();
        for (String t : tags) {
            api.post("/api/v1/tags", Map.of("id", t, "storeId", "s1", "width", 250, "height", 122, "colors", "bw")).ok();
            api.put("/api/v1/tags/" + t + "/product", Map.of("sku", "MILK")).ok();
        }
        JsonNode created = api.post("/api/v1/price-changes",
                Map.of("rows", List.of(Map.of("sku", "MILK", "price", new BigDecimal("1.19"))))).ok();
        String traceId = created.get("traceId").asString();
        List<JsonNode> jobs = ap.nextJobs(3);
        List<Map<String, Object>> accepted = new ArrayList<>();
        jobs.forEach(j -> accepted.add(FakeAp.result(j, "ACCEPTED", null, null)));
        ap.results(accepted);
        List<Map<String, Object>> shown = new ArrayList<>();
        jobs.forEach(j -> shown.add(FakeAp.result(j, "DISPLAYED", null, null)));
        ap.results(shown);

        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/audit/traces/" + traceId).ok()
                .get("finalStates").size() == 3 && api.get("/api/v1/audit/traces/" + traceId).ok().get("finalStates")
                .valueStream().allMatch(s -> s.asString().equals("DISPLAYED")));
        JsonNode trace = api.get("/api/v1/audit/traces/" + traceId).ok();
        List<String> actions = trace.get("events").valueStream().map(e -> e.get("action").asString()).toList();
        assertThat(actions).containsExactly("price-change.create", "jobs.sent", "jobs.results", "jobs.results");
        JsonNode task = trace.get("events").get(0);
        assertThat(task.get("before").get("prices").get(0).get("price").decimalValue()).isEqualByComparingTo("1.09");
        assertThat(task.get("after").get("prices").get(0).get("price").decimalValue()).isEqualByComparingTo("1.19");
        assertThat(task.get("after").get("jobs").asLong()).isEqualTo(3);
        JsonNode results = trace.get("events").get(3);
        assertThat(results.get("actor").get("kind").asString()).isEqualTo("DEVICE");
        assertThat(results.get("actor").get("id").asString()).isEqualTo("ap-1");
        assertThat(results.get("stream").asString()).isEqualTo("store:s1");
        for (String t : tags) {
            List<String> path = trace.get("tags").get(t).valueStream().map(s -> s.get("state").asString()).toList();
            assertThat(path).as("tag %s", t).containsExactly("SENT", "ACCEPTED_BY_AP", "DISPLAYED");
            assertThat(trace.get("tags").get(t).get(2).get("ap").asString()).isEqualTo("ap-1");
        }
        assertThat(count("action=ap.online&targetId=ap-1")).as("the AP's connect, once").isEqualTo(1);
    }

    @Test
    void cancellingAndExpiryAreEventsOfTheTrace() throws Exception {
        String tag = "0A1B00000000C001";
        api.post("/api/v1/products", Map.of("sku", "TEA", "name", "Tea", "price", new BigDecimal("3.00"))).ok();
        api.post("/api/v1/tags", Map.of("id", tag, "storeId", "s1", "width", 250, "height", 122, "colors", "bw")).ok();
        api.put("/api/v1/tags/" + tag + "/product", Map.of("sku", "TEA")).ok();
        JsonNode later = api.post("/api/v1/price-changes", Map.of("effectiveAt", Instant.now().plusSeconds(3600).toString(),
                "rows", List.of(Map.of("sku", "TEA", "price", new BigDecimal("3.10"))))).ok();
        api.post("/api/v1/tasks/" + later.get("taskId").asLong() + "/cancel", Map.of()).ok();
        JsonNode cancel = one("task.cancel", later.get("taskId").asString());
        assertThat(cancel.get("traceId").asString()).isEqualTo(later.get("traceId").asString());
        assertThat(cancel.get("after").get("jobsCancelled").asInt()).isEqualTo(1);

        JsonNode soon = api.post("/api/v1/led-flashes", Map.of("tags", List.of(tag), "deadline",
                Instant.now().plusSeconds(2).toString(), "led", Map.of("color", "red", "pattern", "blink", "count", 1,
                        "durationMs", 500))).ok();
        ap.nextJobs(1); // sent, never answered
        String traceId = soon.get("traceId").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> "EXPIRED".equals(api.get("/api/v1/audit/traces/" + traceId)
                .ok().get("finalStates").path(tag).asString("")));
        List<String> actions = api.get("/api/v1/audit/traces/" + traceId).ok().get("events").valueStream()
                .map(e -> e.get("action").asString()).toList();
        assertThat(actions).containsExactly("led-flash.create", "jobs.sent", "jobs.expired");
    }

    @Test
    void editingOrDeletingAnAuditRowIsFoundAtItsSequenceNumber() throws Exception {
        api.createStore("s7");
        for (int i = 1; i <= 3; i++) {
            api.put("/api/v1/stores/s7", Map.of("id", "s7", "chainId", "acme", "name", "Seven " + i, "currency", "EUR"))
                    .ok();
        }
        assertThat(api.get("/api/v1/audit/verify?store=s7").ok().get("intact").asBoolean()).isTrue();
        try (Connection c = schema.connect(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE audit_event SET after_json = REPLACE(after_json, 'Seven 2', 'Seven 9')"
                    + " WHERE stream = 'store:s7' AND seq = 3");
            JsonNode edited = api.get("/api/v1/audit/verify?store=s7").ok();
            assertThat(edited.get("intact").asBoolean()).isFalse();
            assertThat(edited.get("streams").get(0).get("firstBad").asLong()).isEqualTo(3);
            assertThat(api.get("/api/v1/audit/verify").ok().get("intact").asBoolean()).as("all streams").isFalse();

            st.executeUpdate("UPDATE audit_event SET after_json = REPLACE(after_json, 'Seven 9', 'Seven 2')"
                    + " WHERE stream = 'store:s7' AND seq = 3");
            st.executeUpdate("DELETE FROM audit_event WHERE stream = 'store:s7' AND seq = 2");
            JsonNode deleted = api.get("/api/v1/audit/verify?store=s7").ok().get("streams").get(0);
            assertThat(deleted.get("firstBad").asLong()).isEqualTo(2);
            assertThat(deleted.get("problem").asString()).startsWith("missing");
        }
        assertThat(api.get("/api/v1/audit/verify?store=s1").ok().get("intact").asBoolean()).isTrue();
    }

    @Test
    void withoutTheAuditTableAChangeFailsAndIsRolledBack() throws Exception {
        try (Connection c = schema.connect(); Statement st = c.createStatement()) {
            st.execute("RENAME TABLE audit_event TO audit_event_away");
            try {
                assertThat(api.post("/api/v1/products", Map.of("sku", "GONE", "name", "Gone",
                        "price", new BigDecimal("1.00"))).status()).isEqualTo(500);
                assertThat(api.get("/api/v1/products/GONE").status()).as("rolled back").isEqualTo(404);
            } finally {
                st.execute("RENAME TABLE audit_event_away TO audit_event");
            }
        }
        api.post("/api/v1/products", Map.of("sku", "GONE", "name", "Gone", "price", new BigDecimal("1.00"))).ok();
        one("product.create", "GONE");
        assertThat(api.get("/api/v1/audit/verify?store=chain").ok().get("intact").asBoolean()).isTrue();
    }

    @Test
    void anUnwritableJsonLinesFileLosesNoEvent() throws Exception {
        assertThat(Files.isRegularFile(JSONL_DIR)).as("the sink's directory is blocked from the start").isTrue();
        api.post("/api/v1/products", Map.of("sku", "JAM", "name", "Jam", "price", new BigDecimal("2.00"))).ok();
        Thread.sleep(1000); // several export rounds fail meanwhile
        Files.delete(JSONL_DIR);
        Files.createDirectories(JSONL_DIR);
        Path file = JSONL_DIR.resolve("audit.jsonl");
        await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(file)
                && Files.readAllLines(file).size() >= schema.count("SELECT COUNT(*) FROM audit_event"));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).anyMatch(l -> l.contains("\"action\":\"product.create\"") && l.contains("\"id\":\"JAM\""));
        assertThat(lines).as("each event once").doesNotHaveDuplicates();
    }
}
