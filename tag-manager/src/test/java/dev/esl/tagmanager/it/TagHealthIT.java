package dev.esl.tagmanager.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What tags say about themselves when they check in (battery, temperature, signal, firmware), and the health
 * queries built on it and on their jobs: low battery, not seen, failing. Each test has a store of its own, with
 * an AP played by the test.
 */
class TagHealthIT {
    private static TagManagerFixture fixture;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        fixture = TagManagerFixture.start(Map.of());
        api = fixture.api;
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void checkInsUpdateBatteryTemperatureAndSignalAndALateOneChangesNothing() {
        api.createStore("tel");
        String tagId = "0A1B0000000C0001";
        Instant first = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        try (FakeAp ap1 = new FakeAp(fixture.broker.port(), "tel", "tel-ap1"); FakeAp ap2 = new FakeAp(fixture.broker.port(), "tel", "tel-ap2")) {
            ap1.telemetry(List.of(checkIn(tagId, first, 2950, 21.5, "rssi", -60, "2.0")));
            await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/tags/" + tagId).status() == 200);
            JsonNode tag = api.get("/api/v1/tags/" + tagId).ok();
            assertThat(tag.get("batteryMv").asInt()).isEqualTo(2950);
            assertThat(tag.get("temperatureC").decimalValue()).isEqualByComparingTo("21.5");
            assertThat(tag.get("rssi").asInt()).isEqualTo(-60);
            assertThat(tag.get("firmware").asString()).isEqualTo("2.0");
            assertThat(tag.get("lastAp").asString()).isEqualTo("tel-ap1");
            assertThat(Instant.parse(tag.get("lastSeen").asString())).isEqualTo(first);

            Instant second = first.plusSeconds(30);
            ap2.telemetry(List.of(checkIn(tagId, second, 2710, 18.0, "rssi", -75, "2.1")));
            await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/tags/" + tagId).ok()
                    .get("batteryMv").asInt() == 2710);
            tag = api.get("/api/v1/tags/" + tagId).ok();
            assertThat(tag.get("temperatureC").decimalValue()).isEqualByComparingTo("18.0");
            assertThat(tag.get("rssi").asInt()).isEqualTo(-75);
            assertThat(tag.get("firmware").asString()).isEqualTo("2.1");
            assertThat(tag.get("lastAp").asString()).isEqualTo("tel-ap2");

            // Reported late by the first AP: older than what the tag last said, so it changes nothing. Another tag's
            // check-in sent after it on the same connection tells when it has been handled.
            ap1.telemetry(List.of(checkIn(tagId, first.plusSeconds(10), 3000, 25.0, "rssi", -50, "1.9")));
            ap1.telemetry(List.of(checkIn("0A1B0000000C0002", Instant.now(), 2900, 20.0, "rssi", -60, "2.0")));
            await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/tags/0A1B0000000C0002").status() == 200);
            tag = api.get("/api/v1/tags/" + tagId).ok();
            assertThat(tag.get("batteryMv").asInt()).isEqualTo(2710);
            assertThat(tag.get("temperatureC").decimalValue()).isEqualByComparingTo("18.0");
            assertThat(tag.get("firmware").asString()).isEqualTo("2.1");
            assertThat(tag.get("lastAp").asString()).isEqualTo("tel-ap2");

            // A ZigBee AP's check-in: lqi instead of rssi, and no panel (the tag is known).
            Map<String, Object> zigbee = checkIn(tagId, second.plusSeconds(30), 2650, 17.5, "lqi", 180, "2.1");
            zigbee.keySet().removeAll(List.of("width", "height", "colors"));
            ap2.telemetry(List.of(zigbee));
            await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/tags/" + tagId).ok()
                    .get("batteryMv").asInt() == 2650);
            tag = api.get("/api/v1/tags/" + tagId).ok();
            assertThat(tag.get("temperatureC").decimalValue()).isEqualByComparingTo("17.5");
            assertThat(tag.get("lqi").asInt()).isEqualTo(180);
            assertThat(tag.get("rssi").isNull()).isTrue();
            assertThat(tag.get("lastAp").asString()).isEqualTo("tel-ap2");
            assertThat(Instant.parse(tag.get("lastSeen").asString())).isEqualTo(second.plusSeconds(30));
        }
    }

    @Test
    void lowBatteryListsTheStoresTagsBelowTheLimitWeakestFirst() {
        api.createStore("lb");
        api.createStore("lb-other");
        Instant now = Instant.now();
        try (FakeAp ap = new FakeAp(fixture.broker.port(), "lb", "lb-ap"); FakeAp other = new FakeAp(fixture.broker.port(), "lb-other", "lb-ap2")) {
            ap.telemetry(List.of(checkIn("0A1B0000000B0001", now, 2350, 20.0, "rssi", -60, "2.0"),
                    checkIn("0A1B0000000B0002", now, 2300, 20.0, "rssi", -60, "2.0"),
                    checkIn("0A1B0000000B0003", now, 2900, 20.0, "rssi", -60, "2.0")));
            other.telemetry(List.of(checkIn("0A1B0000000B0004", now, 2000, 20.0, "rssi", -60, "2.0")));
            await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/stores/lb/tags").ok().size() == 3
                    && api.get("/api/v1/stores/lb-other/tags").ok().size() == 1);
        }
        assertThat(ids("lb", "low-battery")).containsExactly("0A1B0000000B0002", "0A1B0000000B0001");
        assertThat(ids("lb", "low-battery?belowMv=2320")).containsExactly("0A1B0000000B0002");
        assertThat(ids("lb", "low-battery?belowMv=3000")).hasSize(3);
        assertThat(ids("lb", "low-battery?belowMv=3000&limit=1")).containsExactly("0A1B0000000B0002");
        Api.Response negative = api.get("/api/v1/stores/lb/tags/health/low-battery?belowMv=-1");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.body().get("fields").get(0).get("field").asString()).isEqualTo("belowMv");
    }

    @Test
    void notSeenListsTagsWithoutACheckInForThatLongOrEver() {
        api.createStore("ns");
        api.post("/api/v1/tags", Map.of("id", "0A1B0000000D0001", "storeId", "ns", "width", 250, "height", 122,
                "colors", "bw")).ok(); // registered, never heard
        try (FakeAp ap = new FakeAp(fixture.broker.port(), "ns", "ns-ap")) {
            ap.telemetry(List.of(checkIn("0A1B0000000D0002", Instant.now().minus(Duration.ofHours(2)), 2900, 20.0,
                    "rssi", -60, "2.0"), checkIn("0A1B0000000D0003", Instant.now(), 2900, 20.0, "rssi", -60, "2.0")));
            await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/stores/ns/tags").ok().size() == 3);
        }
        assertThat(ids("ns", "not-seen")).containsExactlyInAnyOrder("0A1B0000000D0001", "0A1B0000000D0002");
        assertThat(ids("ns", "not-seen?forMinutes=180")).containsExactly("0A1B0000000D0001");
        assertThat(api.get("/api/v1/stores/ns/tags/health/sleepy").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/stores/nope/tags/health/not-seen").status()).isEqualTo(404);
    }

    @Test
    void failingListsTagsWhoseLatestJobFailedOrExpired() throws Exception {
        api.createStore("fl");
        List<String> tags = List.of("0A1B0000000E0001", "0A1B0000000E0002", "0A1B0000000E0003", "0A1B0000000E0004");
        try (FakeAp ap = new FakeAp(fixture.broker.port(), "fl", "fl-ap")) {
            ap.online();
            ap.checkIn(tags);
            await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/aps/fl-ap").status() == 200
                    && api.get("/api/v1/stores/fl/tags").ok().size() == 4);
            // Tags 1 and 2 fail, then 2 succeeds; tag 3 expires; tag 4 never had a job.
            TaskProbe first = flash(List.of(tags.get(0), tags.get(1)), null);
            List<JsonNode> jobs = ap.nextJobs(2);
            first.awaitCount("SENT", 2);
            ap.results(jobs.stream().map(j -> FakeAp.result(j, "FAILED", 0x08, "insufficient battery")).toList());
            first.awaitDone();
            TaskProbe second = flash(List.of(tags.get(1)), null);
            JsonNode job = ap.nextJobs(1).get(0);
            second.awaitCount("SENT", 1);
            ap.results(List.of(FakeAp.result(job, "DISPLAYED", null, null)));
            second.awaitDone();
            TaskProbe third = flash(List.of(tags.get(2)), Instant.now().plusSeconds(2));
            ap.nextJobs(1); // never answered
            third.awaitDone();
            assertThat(third.count("EXPIRED")).isEqualTo(1);
        }
        assertThat(ids("fl", "failing")).containsExactly(tags.get(0), tags.get(2));
    }

    private static TaskProbe flash(List<String> tags, Instant deadline) {
        Map<String, Object> request = new HashMap<>(Map.of("tags", tags, "led", Map.of("color", "blue",
                "pattern", "solid", "count", 1, "durationMs", 500)));
        if (deadline != null) {
            request.put("deadline", deadline.toString());
        }
        return TaskProbe.created(api, api.post("/api/v1/led-flashes", request));
    }

    private static List<String> ids(String storeId, String query) {
        return ApiIT.texts(api.get("/api/v1/stores/" + storeId + "/tags/health/" + query).ok(), "id");
    }

    /** A BLE ({@code rssi}) or ZigBee ({@code lqi}) check-in of a 2.13" tag. */
    private static Map<String, Object> checkIn(String tagId, Instant seenAt, int batteryMv, double temperatureC,
            String signal, int strength, String firmware) {
        Map<String, Object> c = new HashMap<>();
        c.put("tagId", tagId);
        c.put("batteryMv", batteryMv);
        c.put("temperatureC", temperatureC);
        c.put(signal, strength);
        c.put("firmware", firmware);
        c.put("imageHash", "00000000000000000000000000000000");
        c.put("seenAt", seenAt.toString());
        c.put("width", 250);
        c.put("height", 122);
        c.put("colors", "bw");
        return c;
    }
}
