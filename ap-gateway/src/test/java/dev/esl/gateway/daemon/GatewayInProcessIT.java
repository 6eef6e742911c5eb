package dev.esl.gateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.esl.broker.Broker;
import dev.esl.gateway.contract.ImageContent;
import dev.esl.gateway.contract.Job;
import dev.esl.gateway.contract.JobResult;
import dev.esl.gateway.contract.JobState;
import dev.esl.gateway.contract.TagTelemetry;
import dev.esl.gateway.simulator.Panel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo set-up: the daemon configured with {@code simulator}, so its dongle and tags run in its own process
 * over an in-process line (no pty, no second process), against the real broker. The test plays the tag
 * manager over MQTT only: it learns the tags from their check-ins and sends them images.
 */
class GatewayInProcessIT {
    private static final String STORE = "store-1";
    private static final String AP = "ap-demo";

    @TempDir
    Path dir;
    private Broker broker;
    private Gateway gateway;
    private TagManagerClient tagManager;

    @AfterEach
    void close() {
        if (tagManager != null) {
            tagManager.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theDaemonWithItsSimulatorInProcessDisplaysImagesForItsTags() throws Exception {
        broker = new Broker(GatewayStoreIT.brokerConfig(dir, 0)).start();
        tagManager = new TagManagerClient(broker.port());
        tagManager.watchTelemetry();
        Path file = Files.writeString(dir.resolve("gateway.yml"), String.join("\n",
                "apSerial: " + AP,
                "storeId: " + STORE,
                "dataDir: " + dir.resolve("gateway"),
                "mqttHost: 127.0.0.1",
                "mqttPort: " + broker.port(),
                "telemetryIntervalSeconds: 1",
                "serialPort: /dev/no-such-dongle",
                "simulator:",
                "  tags: 12",
                "  panels: 2.13bw:2,2.9bwr:1,4.2bwr:1",
                ""));
        GatewayConfig config = new GatewayConfigLoader(Map.of("ESL_GATEWAY_SIMULATOR_WAKE_INTERVAL_MS", "1000"))
                .load(file);
        gateway = new Gateway(config, Clock.systemUTC()).start();
        await().atMost(Duration.ofSeconds(15)).until(() -> gateway.connected() && gateway.dongleUp());

        // The tags, as the tag manager learns them: from the check-ins in the AP's telemetry.
        await().atMost(Duration.ofSeconds(15)).until(() -> tagManager.telemetry().size() == 12);
        Map<String, TagTelemetry> tags = Map.copyOf(tagManager.telemetry());
        assertThat(tags.values().stream().collect(Collectors.groupingBy(t -> t.width() + "x" + t.height() + " "
                + t.colors(), Collectors.counting())))
                .containsExactlyInAnyOrderEntriesOf(Map.of("250x122 bw", 6L, "296x128 bwr", 3L, "400x300 bwr", 3L));

        List<Job> jobs = new ArrayList<>();
        Map<String, String> hashOfTag = new HashMap<>();
        int n = 0;
        for (TagTelemetry tag : tags.values()) {
            ImageContent image = Images.forPanel(panelOf(tag), n++);
            hashOfTag.put(tag.tagId(), image.hash());
            jobs.add(new Job("demo-" + n, "task-demo", tag.tagId(), Job.Action.IMAGE,
                    Instant.now().plus(Duration.ofMinutes(5)), "trace-demo-" + n, image, null, null));
        }
        tagManager.send(STORE, AP, jobs);

        await().atMost(Duration.ofSeconds(60)).until(() -> tagManager.finals().size() == jobs.size());
        assertThat(tagManager.finals().values()).extracting(JobResult::state).containsOnly(JobState.DISPLAYED);
        // The tags say so themselves: their next check-ins report the new images' hashes.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(hashOfTag).allSatisfy(
                (tagId, hash) -> assertThat(tagManager.telemetry().get(tagId).imageHash()).isEqualTo(hash)));
        assertThat(gateway.status().dongle()).isEqualTo("ok");
    }

    private static Panel panelOf(TagTelemetry tag) {
        return Arrays.stream(Panel.values())
                .filter(p -> p.width == tag.width() && p.height == tag.height()
                        && p.colors.name().equalsIgnoreCase(tag.colors()))
                .findFirst().orElseThrow();
    }
}
