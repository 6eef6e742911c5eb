package dev.esl.tagmanager.it;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * An AP played by the test over a real MQTT connection, speaking the contract by hand: it announces itself,
 * receives job batches in its P2P inbox and publishes whatever results the test wants, in any order.
 */
final class FakeAp implements AutoCloseable {
    private final String storeId;
    private final String serial;
    private final Mqtt5BlockingClient client;
    private final LinkedBlockingQueue<JsonNode> batches = new LinkedBlockingQueue<>();

    FakeAp(int brokerPort, String storeId, String serial) {
        this.storeId = storeId;
        this.serial = serial;
        this.client = Mqtt5Client.builder().identifier("GID_AP@@@" + serial).serverHost("127.0.0.1")
                .serverPort(brokerPort).buildBlocking();
        client.toAsync().publishes(MqttGlobalPublishFilter.ALL, p -> batches.add(Api.JSON.readTree(p.getPayloadAsBytes())));
        client.connectWith().cleanStart(true).send();
    }

    void online() {
        status("online");
    }

    void offline() {
        status("offline");
    }

    private void status(String state) {
        publish("status", Map.ofEntries(Map.entry("schema", 1), Map.entry("type", "status"),
                Map.entry("storeId", storeId), Map.entry("apSerial", serial), Map.entry("state", state),
                Map.entry("radio", "BLE"), Map.entry("firmware", "1.0"), Map.entry("dongle", "ok"), Map.entry("tags", 1),
                Map.entry("pendingJobs", 0), Map.entry("version", "test"), Map.entry("at", Instant.now().toString())),
                true);
    }

    /** Check-ins of many 2.13" black-and-white tags in one telemetry message. */
    void checkIn(List<String> tagIds) {
        List<Map<String, Object>> tags = new java.util.ArrayList<>();
        for (String tagId : tagIds) {
            tags.add(Map.ofEntries(Map.entry("tagId", tagId), Map.entry("batteryMv", 2900),
                    Map.entry("temperatureC", 21.5), Map.entry("rssi", -60), Map.entry("firmware", "2.0"),
                    Map.entry("imageHash", "00000000000000000000000000000000"),
                    Map.entry("seenAt", Instant.now().toString()), Map.entry("width", 250), Map.entry("height", 122),
                    Map.entry("colors", "bw")));
        }
        publish("telemetry", Map.of("schema", 1, "type", "telemetry", "storeId", storeId, "apSerial", serial,
                "sentAt", Instant.now().toString(), "tags", tags), false);
    }

    void checkIn(String tagId, int width, int height, String colors) {
        publish("telemetry", Map.of("schema", 1, "type", "telemetry", "storeId", storeId, "apSerial", serial,
                "sentAt", Instant.now().toString(), "tags", List.of(Map.ofEntries(Map.entry("tagId", tagId),
                        Map.entry("batteryMv", 2900), Map.entry("temperatureC", 21.5), Map.entry("rssi", -60),
                        Map.entry("firmware", "2.0"), Map.entry("imageHash", "00000000000000000000000000000000"),
                        Map.entry("seenAt", Instant.now().toString()), Map.entry("width", width),
                        Map.entry("height", height), Map.entry("colors", colors)))), false);
    }

    /** Check-ins exactly as given (the contract's telemetry entries), e.g. with a battery level or an old seenAt. */
    void telemetry(List<Map<String, Object>> tags) {
        publish("telemetry", Map.of("schema", 1, "type", "telemetry", "storeId", storeId, "apSerial", serial,
                "sentAt", Instant.now().toString(), "tags", tags), false);
    }

    /** The next batch, or null when none comes within {@code seconds}. */
    JsonNode pollBatch(int seconds) throws InterruptedException {
        return batches.poll(seconds, TimeUnit.SECONDS);
    }

    JsonNode nextBatch() throws InterruptedException {
        JsonNode batch = batches.poll(30, TimeUnit.SECONDS);
        if (batch == null) {
            throw new AssertionError("no job batch reached " + serial + " within 30 s");
        }
        return batch;
    }

    /** The next {@code n} jobs, from as many batches as they come in. */
    List<JsonNode> nextJobs(int n) throws InterruptedException {
        List<JsonNode> jobs = new java.util.ArrayList<>();
        while (jobs.size() < n) {
            nextBatch().get("jobs").forEach(jobs::add);
        }
        if (jobs.size() > n) {
            throw new AssertionError(serial + " received " + jobs.size() + " jobs, expected " + n);
        }
        return jobs;
    }

    /** A result as the contract writes it; {@code errorCode} and {@code reason} only for failures. */
    static Map<String, Object> result(JsonNode job, String state, Integer errorCode, String reason) {
        Map<String, Object> r = new java.util.HashMap<>();
        r.put("jobId", job.get("jobId").asString());
        r.put("taskId", job.get("taskId").asString());
        r.put("tagId", job.get("tagId").asString());
        r.put("state", state);
        r.put("at", Instant.now().toString());
        r.put("attempts", 1);
        r.put("traceId", job.get("traceId").asString());
        if (errorCode != null) {
            r.put("errorCode", errorCode);
            r.put("reason", reason);
        }
        return r;
    }

    void results(List<Map<String, Object>> results) {
        publish("result", Map.of("schema", 1, "type", "results", "storeId", storeId, "apSerial", serial,
                "sentAt", Instant.now().toString(), "results", results), false);
    }

    void publishRaw(String kind, byte[] payload) {
        client.publishWith().topic("esl/store/" + storeId + "/ap/" + serial + "/" + kind).qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload).send();
    }

    private void publish(String kind, Object message, boolean retain) {
        client.publishWith().topic("esl/store/" + storeId + "/ap/" + serial + "/" + kind).qos(MqttQos.AT_LEAST_ONCE)
                .retain(retain).payload(Api.JSON.writeValueAsBytes(message)).send();
    }

    @Override
    public void close() {
        client.disconnect();
    }
}
