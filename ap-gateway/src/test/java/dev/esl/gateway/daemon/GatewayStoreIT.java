package dev.esl.gateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.esl.broker.Broker;
import dev.esl.broker.config.BrokerConfig;
import dev.esl.broker.config.NamingMode;
import dev.esl.broker.config.StorageKind;
import dev.esl.gateway.contract.ContractJson;
import dev.esl.gateway.contract.ImageContent;
import dev.esl.gateway.contract.Job;
import dev.esl.gateway.contract.JobResult;
import dev.esl.gateway.contract.JobState;
import dev.esl.gateway.contract.LedCommand;
import dev.esl.gateway.contract.PageCommand;
import dev.esl.gateway.serial.JSerialCommLine;
import dev.esl.gateway.serial.PtyPair;
import dev.esl.gateway.simulator.SimulatedDongle;
import dev.esl.gateway.simulator.SimulatedTag;
import dev.esl.gateway.simulator.SimulatorSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated store behind one gateway: the simulator plays the dongle on a real pty pair (socat, through
 * jSerialComm on both ends), the gateway talks to a real broker (RocksDB store), and the test plays the tag
 * manager over MQTT. Every job must end in exactly one final result, whatever is unplugged or restarted.
 */
class GatewayStoreIT {
    private static final String STORE = "store-1";
    private static final String AP = "ap-1";

    @TempDir
    Path dir;
    private Broker broker;
    private int port;
    private PtyPair pty;
    private SimulatedDongle simulator;
    private Gateway gateway;
    private TagManagerClient tagManager;

    @BeforeEach
    void store() throws Exception {
        broker = new Broker(brokerConfig(0)).start();
        port = broker.port();
        pty = PtyPair.create(dir.resolve("pty"));
        tagManager = new TagManagerClient(port);
    }

    @AfterEach
    void close() {
        if (tagManager != null) {
            tagManager.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (simulator != null) {
            simulator.close();
        }
        pty.close();
        broker.close();
    }

    @Test
    void twoHundredTagsReceiveImagesLedFlashesAndPageSwitches() throws Exception {
        startSimulator(SimulatorSettings.defaults().withTags(200).withWakeInterval(Duration.ofSeconds(2))
                .withRadio(Duration.ofMillis(1), 0.02).withFaults(0.03, 0).withDisplayTime(Duration.ofMillis(50)));
        startGateway();

        List<Job> jobs = new ArrayList<>();
        Map<String, SimulatedTag> tagOfJob = new HashMap<>();
        Map<String, ImageContent> images = new HashMap<>();
        int n = 0;
        for (SimulatedTag tag : simulator.tags()) {
            ImageContent image = Images.forPanel(tag.panel(), n);
            Job job = imageJob("img-" + n, tag, image);
            jobs.add(job);
            tagOfJob.put(job.jobId(), tag);
            images.put(job.jobId(), image);
            if (n % 10 == 0) {
                Job led = new Job("led-" + n, "task-led", tag.id().toString(), Job.Action.LED, deadline(), "trace-led",
                        null, new LedCommand("green", "blink", 3, 2000), null);
                // Page 0 holds the image the tag shows (a page without an image: see the test below).
                Job page = new Job("page-" + n, "task-page", tag.id().toString(), Job.Action.PAGE, deadline(),
                        "trace-page", null, null, new PageCommand(0, 0));
                jobs.add(led);
                jobs.add(page);
                tagOfJob.put(led.jobId(), tag);
                tagOfJob.put(page.jobId(), tag);
            }
            n++;
        }
        tagManager.send(STORE, AP, jobs);

        awaitFinal(jobs.size(), Duration.ofSeconds(90));
        Map<String, JobResult> finals = tagManager.finals();
        for (Job job : jobs) {
            SimulatedTag tag = tagOfJob.get(job.jobId());
            JobResult result = finals.get(job.jobId());
            assertThat(tagManager.results().get(job.jobId())).extracting(JobResult::state).contains(JobState.ACCEPTED);
            assertThat(result.traceId()).isEqualTo(job.traceId());
            if (tag.lowBattery()) {
                assertThat(result.state()).as(job.jobId()).isEqualTo(JobState.FAILED);
                assertThat(result.errorCode()).isEqualTo(0x08);
                assertThat(result.reason()).isEqualTo("insufficient battery");
                assertThat(result.attempts()).isEqualTo(3);
            } else if (job.action() == Job.Action.IMAGE) {
                assertThat(result.state()).as(job.jobId()).isEqualTo(JobState.DISPLAYED);
                assertThat(tag.imageHash()).isEqualTo(images.get(job.jobId()).hash());
            } else {
                assertThat(result.state()).as(job.jobId()).isEqualTo(JobState.DISPLAYED);
            }
        }
        long lowBattery = simulator.tags().stream().filter(SimulatedTag::lowBattery).count();
        assertThat(lowBattery).as("some tags have a low battery").isPositive();
        List<SimulatedTag> all = simulator.tags();
        assertThat(all.stream().filter(t -> !t.lowBattery() && all.indexOf(t) % 10 == 0))
                .isNotEmpty()
                .allSatisfy(t -> {
                    assertThat(t.ledFlashes()).isEqualTo(1);
                    assertThat(t.pageSwitches()).isEqualTo(1);
                    assertThat(t.page()).isZero();
                });
        assertThat(simulator.blocksLost()).as("blocks lost on the radio and sent again").isPositive();

        // The same content again: the tag already shows it.
        SimulatedTag first = simulator.tags().stream().filter(t -> !t.lowBattery()).findFirst().orElseThrow();
        int index = simulator.tags().indexOf(first);
        tagManager.send(STORE, AP, List.of(imageJob("again", first, images.get("img-" + index))));
        await().atMost(Duration.ofSeconds(20)).until(() -> tagManager.finals().containsKey("again"));
        assertThat(tagManager.finals().get("again").state()).isEqualTo(JobState.SKIPPED);
        assertThat(gateway.pendingJobs()).isZero();
    }

    @Test
    void newerContentSupersedesOlderAndDeadlinesEndJobsForTagsThatVanished() throws Exception {
        startSimulator(SimulatorSettings.defaults().withTags(20).withWakeInterval(Duration.ofSeconds(3))
                .withRadio(Duration.ofMillis(1), 0).withFaults(0, 0.3));
        startGateway();
        List<SimulatedTag> tags = simulator.tags();
        await().atMost(Duration.ofSeconds(15)).until(() -> tags.stream().filter(t -> t.vanished(System.currentTimeMillis())).count() > 0);

        List<Job> jobs = new ArrayList<>();
        Map<String, ImageContent> images = new HashMap<>();
        for (int i = 0; i < tags.size(); i++) {
            SimulatedTag tag = tags.get(i);
            Instant soon = Instant.now().plusSeconds(8);
            images.put("new-" + i, Images.forPanel(tag.panel(), 2000 + i));
            jobs.add(new Job("old-" + i, "task-old", tag.id().toString(), Job.Action.IMAGE, soon, "trace-old",
                    Images.forPanel(tag.panel(), 1000 + i), null, null));
            jobs.add(new Job("new-" + i, "task-new", tag.id().toString(), Job.Action.IMAGE, soon, "trace-new",
                    Images.forPanel(tag.panel(), 2000 + i), null, null));
        }
        tagManager.send(STORE, AP, jobs);
        awaitFinal(jobs.size(), Duration.ofSeconds(30));

        Map<String, JobResult> finals = tagManager.finals();
        for (int i = 0; i < tags.size(); i++) {
            JobResult old = finals.get("old-" + i);
            JobResult newer = finals.get("new-" + i);
            if (newer.state() == JobState.DISPLAYED) {
                assertThat(tags.get(i).imageHash()).isEqualTo(images.get("new-" + i).hash());
            } else {
                // Only a tag that vanished fails its newest image: unreachable, or gone mid-transfer.
                assertThat(tags.get(i).vanished(System.currentTimeMillis())).as("new-" + i).isTrue();
                assertThat(newer.errorCode()).isIn(0x80, 0x81);
            }
            // The older image either was already on its way (and displayed) or was superseded.
            assertThat(old.state()).isIn(JobState.DISPLAYED, JobState.FAILED);
            if (old.state() == JobState.FAILED && !tags.get(i).vanished(System.currentTimeMillis())) {
                assertThat(old.errorCode()).isEqualTo(0x82);
            }
        }
        assertThat(finals.values()).extracting(JobResult::errorCode).contains(0x82);
        assertThat(finals.values()).extracting(JobResult::errorCode).contains(0x80);
    }

    @Test
    void aPageSwitchToAPageWithoutAnImageFailsWithImageNotAvailable() throws Exception {
        startSimulator(SimulatorSettings.defaults().withTags(2).withWakeInterval(Duration.ofSeconds(1)));
        startGateway();
        SimulatedTag tag = simulator.tags().get(0);
        Job empty = new Job("page-empty", "task-page", tag.id().toString(), Job.Action.PAGE, deadline(), "trace-p",
                null, null, new PageCommand(2, 0));
        Job missing = new Job("page-missing", "task-page", tag.id().toString(), Job.Action.PAGE, deadline(),
                "trace-p", null, null, new PageCommand(9, 0));
        tagManager.send(STORE, AP, List.of(empty, missing));

        awaitFinal(2, Duration.ofSeconds(30));
        JobResult notAvailable = tagManager.finals().get("page-empty");
        assertThat(notAvailable.state()).isEqualTo(JobState.FAILED);
        assertThat(notAvailable.errorCode()).isEqualTo(0x05);
        assertThat(notAvailable.reason()).isEqualTo("image not available");
        JobResult noSuchPage = tagManager.finals().get("page-missing");
        assertThat(noSuchPage.state()).isEqualTo(JobState.FAILED);
        assertThat(noSuchPage.errorCode()).isEqualTo(0x04);
        assertThat(noSuchPage.reason()).isEqualTo("invalid image index");
        assertThat(tag.page()).isZero();
        assertThat(tag.pageSwitches()).isZero();
    }

    @Test
    void aDongleWithLessRoomThanItAnnouncedPushesBackWithoutCostingTheJobsAttempts() throws Exception {
        // HELLO says 8 transfers at once, the dongle runs 1: the others are refused with 0x0B queue full.
        startSimulator(SimulatorSettings.defaults().withTags(20).withWakeInterval(Duration.ofSeconds(1))
                .withRadio(Duration.ofMillis(20), 0).withDisplayTime(Duration.ofMillis(50)).withTransfers(8, 1));
        startGateway(1);
        List<Job> jobs = imageJobsForAllTags("q");
        tagManager.send(STORE, AP, jobs);

        awaitFinal(jobs.size(), Duration.ofSeconds(90));
        assertThat(simulator.queueFullRefusals()).as("transfers refused for want of room").isPositive();
        // With maxAttempts 1 a single counted failure would have failed the job.
        assertThat(tagManager.finals().values()).allSatisfy(r -> {
            assertThat(r.state()).isEqualTo(JobState.DISPLAYED);
            assertThat(r.attempts()).isEqualTo(1);
        });
        assertThat(simulator.tags()).allSatisfy(t -> assertThat(t.imagesShown()).isEqualTo(1));
    }

    @Test
    void invalidAndMisaddressedBatchesAreAnsweredWithFailures() throws Exception {
        startSimulator(SimulatorSettings.defaults().withTags(2));
        startGateway();
        String bad = "{\"schema\":1,\"type\":\"jobs\",\"batchId\":\"b-bad\",\"storeId\":\"store-1\",\"apSerial\":\"ap-1\","
                + "\"sentAt\":\"2026-11-25T07:00:00Z\",\"traceId\":\"t\",\"jobs\":[{\"jobId\":\"bad-1\",\"taskId\":\"t1\","
                + "\"tagId\":\"0A1B2C3D4E5F6071\",\"action\":\"dance\",\"traceId\":\"tr\"}]}";
        tagManager.sendRaw(AP, bad.getBytes());
        SimulatedTag tag = simulator.tags().get(0);
        Job elsewhere = imageJob("misaddressed", tag, Images.forPanel(tag.panel(), 1));
        tagManager.sendRaw(AP, ContractJson.write(new dev.esl.gateway.contract.JobBatch("b-x", "store-9", "ap-7",
                Instant.now(), "t", List.of(elsewhere))));
        tagManager.sendRaw(AP, "not json at all".getBytes());

        await().atMost(Duration.ofSeconds(20)).until(() -> tagManager.finals().size() == 2);
        JobResult invalid = tagManager.finals().get("bad-1");
        assertThat(invalid.state()).isEqualTo(JobState.FAILED);
        assertThat(invalid.errorCode()).isEqualTo(0x83);
        assertThat(invalid.reason()).contains("jobs[0].action");
        assertThat(tagManager.finals().get("misaddressed").reason()).contains("is for AP ap-7 of store store-9");
        assertThat(gateway.connected()).isTrue();
    }

    @Test
    void aDongleUnpluggedMidTransferAndPluggedBackLosesNoJob() throws Exception {
        startSimulator(SimulatorSettings.defaults().withTags(60).withWakeInterval(Duration.ofSeconds(2))
                .withRadio(Duration.ofMillis(4), 0));
        startGateway();
        List<Job> jobs = imageJobsForAllTags("u");
        tagManager.send(STORE, AP, jobs);

        await().atMost(Duration.ofSeconds(30)).until(() -> simulator.imagesShown() >= 5);
        assertThat(tagManager.finals()).hasSizeLessThan(jobs.size());
        pty.unplug();
        await().atMost(Duration.ofSeconds(10)).until(() -> !gateway.dongleUp());
        Thread.sleep(1500);
        pty.plug();

        awaitFinal(jobs.size(), Duration.ofSeconds(90));
        assertThat(tagManager.finals().values()).extracting(JobResult::state).containsOnly(JobState.DISPLAYED);
        assertThat(simulator.hellos()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aBrokerRestartMidBatchLosesNoResult() throws Exception {
        startSimulator(SimulatorSettings.defaults().withTags(60).withWakeInterval(Duration.ofSeconds(2))
                .withRadio(Duration.ofMillis(4), 0));
        startGateway();
        List<Job> jobs = imageJobsForAllTags("b");
        tagManager.send(STORE, AP, jobs);

        await().atMost(Duration.ofSeconds(30)).until(() -> tagManager.finals().size() >= 5);
        broker.close();
        long shownWhileDown = simulator.imagesShown();
        await().atMost(Duration.ofSeconds(30)).until(() -> simulator.imagesShown() > shownWhileDown + 5);
        broker = new Broker(brokerConfig(port)).start();

        awaitFinal(jobs.size(), Duration.ofSeconds(90));
        assertThat(tagManager.finals().values()).extracting(JobResult::state).containsOnly(JobState.DISPLAYED);
    }

    @Test
    void aDaemonRestartWithJobsPendingFinishesEveryJobOnce() throws Exception {
        startSimulator(SimulatorSettings.defaults().withTags(60).withWakeInterval(Duration.ofSeconds(3))
                .withRadio(Duration.ofMillis(4), 0));
        startGateway();
        List<Job> jobs = imageJobsForAllTags("d");
        tagManager.send(STORE, AP, jobs);

        await().atMost(Duration.ofSeconds(30)).until(() -> simulator.imagesShown() >= 5);
        gateway.close();
        gateway = null;
        int finishedBefore = tagManager.finals().size();
        assertThat(finishedBefore).isLessThan(jobs.size());
        Thread.sleep(1000);
        startGateway();

        awaitFinal(jobs.size(), Duration.ofSeconds(90));
        // Jobs the old process had sent to a tag may have been displayed before it stopped: those are
        // displayed again or skipped (same hash) by the new process, never lost or doubled.
        assertThat(tagManager.finals().values()).extracting(JobResult::state)
                .containsOnly(JobState.DISPLAYED, JobState.SKIPPED);
    }

    private List<Job> imageJobsForAllTags(String prefix) {
        List<Job> jobs = new ArrayList<>();
        int n = 0;
        for (SimulatedTag tag : simulator.tags()) {
            jobs.add(imageJob(prefix + "-" + n, tag, Images.forPanel(tag.panel(), prefix.hashCode() + n)));
            n++;
        }
        return jobs;
    }

    private static Job imageJob(String id, SimulatedTag tag, ImageContent image) {
        return new Job(id, "task-" + id, tag.id().toString(), Job.Action.IMAGE, deadline(), "trace-" + id, image,
                null, null);
    }

    private static Instant deadline() {
        return Instant.now().plus(Duration.ofMinutes(10));
    }

    private void awaitFinal(int jobs, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(tagManager.finals()).as(() -> "final results so far: " + tagManager.finals().values()
                        .stream().collect(Collectors.groupingBy(r -> r.state() + (r.reason() == null ? "" : " " + r.reason()),
                                Collectors.counting()))).hasSize(jobs));
    }

    private void startSimulator(SimulatorSettings settings) {
        simulator = new SimulatedDongle(settings, () -> JSerialCommLine.open(pty.dongleEnd().toString(), 115200))
                .start();
    }

    private void startGateway() {
        startGateway(null);
    }

    private void startGateway(Integer maxAttempts) {
        GatewayConfig config = new GatewayConfig(AP, STORE, dir.resolve("gateway"), "127.0.0.1", port, null, null,
                null, 2, 5, 2, pty.hostEnd().toString(), 115200, null, maxAttempts);
        gateway = new Gateway(config, () -> JSerialCommLine.open(pty.hostEnd().toString(), 115200),
                Clock.systemUTC()).start();
        await().atMost(Duration.ofSeconds(15)).until(() -> gateway.connected() && gateway.dongleUp());
    }

    private BrokerConfig brokerConfig(int brokerPort) {
        return brokerConfig(dir, brokerPort);
    }

    /** The store's broker: seed naming, RocksDB under {@code dir/broker}; port 0 for any. */
    static BrokerConfig brokerConfig(Path dir, int brokerPort) {
        try {
            Path store = java.nio.file.Files.createDirectories(dir.resolve("broker")); // the broker creates no missing store dir
            return BrokerConfig.builder().naming(NamingMode.SEED).groups("GID_AP", "GID_TAGMGR").parentTopics("esl")
                    .storage(StorageKind.ROCKSDB).dataDir(store.toString()).port(brokerPort).build();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
