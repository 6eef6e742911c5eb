package dev.esl.gateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import dev.esl.broker.Broker;
import dev.esl.broker.config.BrokerConfig;
import dev.esl.broker.config.NamingMode;
import dev.esl.broker.config.StorageKind;
import dev.esl.gateway.contract.ApStatus;
import dev.esl.gateway.contract.ContractJson;
import dev.esl.gateway.contract.Job;
import dev.esl.gateway.contract.JobResult;
import dev.esl.gateway.contract.JobState;
import dev.esl.gateway.serial.JSerialCommLine;
import dev.esl.gateway.serial.PtyPair;
import dev.esl.gateway.simulator.SimulatedDongle;
import dev.esl.gateway.simulator.SimulatedTag;
import dev.esl.gateway.simulator.SimulatorSettings;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as operators run it: the shaded jar with {@code --config}, in its own process, on a pty to the
 * simulator. Killed with SIGKILL mid-work, it leaves its will (offline, retained) and, restarted, finishes
 * every pending job exactly once.
 */
class GatewayProcessIT {
    private static final Path JAR = Path.of("target", "ap-gateway-0.1.0-SNAPSHOT-all.jar");

    @TempDir
    Path dir;
    private Broker broker;
    private PtyPair pty;
    private SimulatedDongle simulator;
    private TagManagerClient tagManager;
    private Mqtt5BlockingClient watcher;
    private final AtomicReference<ApStatus> status = new AtomicReference<>();
    private Process gateway;

    @BeforeEach
    void start() throws Exception {
        broker = new Broker(BrokerConfig.builder().naming(NamingMode.SEED).groups("GID_AP", "GID_TAGMGR")
                .parentTopics("esl").storage(StorageKind.ROCKSDB).dataDir(java.nio.file.Files.createDirectories(dir.resolve("broker")).toString()).build())
                .start();
        pty = PtyPair.create(dir.resolve("pty"));
        tagManager = new TagManagerClient(broker.port());
        watcher = Mqtt5Client.builder().identifier("GID_TAGMGR@@@watcher").serverHost("127.0.0.1")
                .serverPort(broker.port()).buildBlocking();
        watcher.toAsync().publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL, p -> {
            try {
                status.set(ContractJson.readApStatus(p.getPayloadAsBytes()));
            } catch (Exception e) {
                throw new IllegalStateException("status breaks the contract", e);
            }
        });
        watcher.connect();
        watcher.subscribeWith().topicFilter("esl/store/store-1/ap/ap-1/status").qos(MqttQos.AT_LEAST_ONCE).send();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.destroyForcibly();
        }
        watcher.disconnect();
        tagManager.close();
        if (simulator != null) {
            simulator.close();
        }
        pty.close();
        broker.close();
    }

    @Test
    void versionAndHelpAndABadConfig() throws Exception {
        assertThat(run("--version")).contains("ap-gateway");
        assertThat(run("--help")).contains("--config");
        Path bad = Files.writeString(dir.resolve("bad.yml"), "apSerial: 'not valid!'\nstoreId: s\n");
        ProcessResult r = runForExit("--config", bad.toString());
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.output).contains("apSerial must be 1 to 16 letters");
    }

    @Test
    void killedMidWorkItLeavesItsWillAndOnRestartFinishesEveryJobOnce() throws Exception {
        simulator = new SimulatedDongle(SimulatorSettings.defaults().withTags(40).withWakeInterval(Duration.ofSeconds(3))
                .withRadio(Duration.ofMillis(8), 0), () -> JSerialCommLine.open(pty.dongleEnd().toString(), 115200))
                .start();
        Path config = Files.writeString(dir.resolve("gateway.yml"), String.join("\n",
                "apSerial: ap-1", "storeId: store-1", "dataDir: " + dir.resolve("gw"), "mqttHost: 127.0.0.1",
                "mqttPort: " + broker.port(), "serialPort: " + pty.hostEnd(), "statusIntervalSeconds: 2",
                "reconnectMaxSeconds: 2", ""));
        gateway = daemon(config);
        await().atMost(Duration.ofSeconds(30)).until(() -> status.get() != null && "online".equals(status.get().state())
                && "ok".equals(status.get().dongle()));
        assertThat(status.get().radio()).isEqualTo("BLE");
        assertThat(status.get().firmware()).isEqualTo("1.4.2");

        List<Job> jobs = new ArrayList<>();
        int n = 0;
        for (SimulatedTag tag : simulator.tags()) {
            jobs.add(new Job("p-" + n, "task-p", tag.id().toString(), Job.Action.IMAGE,
                    Instant.now().plus(Duration.ofMinutes(10)), "trace-p", Images.forPanel(tag.panel(), 500 + n), null,
                    null));
            n++;
        }
        tagManager.send("store-1", "ap-1", jobs);
        await().atMost(Duration.ofSeconds(60)).until(() -> simulator.imagesShown() >= 5);

        gateway.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertThat(tagManager.finals().size()).isLessThan(jobs.size());
        // The broker notices the dead connection (keep-alive) and publishes the will: offline, retained.
        await().atMost(Duration.ofSeconds(60)).until(() -> "offline".equals(status.get().state()));

        gateway = daemon(config);
        await().atMost(Duration.ofSeconds(30)).until(() -> "online".equals(status.get().state()));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> tagManager.finals().size() == jobs.size());
        assertThat(tagManager.finals().values()).extracting(JobResult::state)
                .containsOnly(JobState.DISPLAYED, JobState.SKIPPED);
        for (SimulatedTag tag : simulator.tags()) {
            assertThat(tag.imageHash()).isNotEqualTo(SimulatedTag.BLANK);
        }
    }

    private Process daemon(Path config) throws Exception {
        return new ProcessBuilder(javaBin(), "-jar", JAR.toString(), "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("gateway.log").toFile()))
                .start();
    }

    private String run(String... args) throws Exception {
        return runForExit(args).output;
    }

    private ProcessResult runForExit(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaBin(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new ProcessResult(p.exitValue(), out);
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : ""))
                .toString();
    }

    private record ProcessResult(int exit, String output) {
    }
}
