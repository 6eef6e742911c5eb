package dev.esl.gateway.dongle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.esl.gateway.link.LinkSettings;
import dev.esl.gateway.serial.JSerialCommLine;
import dev.esl.gateway.serial.PtyPair;
import dev.esl.gateway.simulator.PanelMix;
import dev.esl.gateway.simulator.SimulatedDongle;
import dev.esl.gateway.simulator.SimulatedTag;
import dev.esl.gateway.simulator.SimulatorSettings;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host side against the simulator over a pty: a silent dongle, a dongle that resets itself, a noisy line. */
class DongleClientIT {
    private static final DongleSettings FAST = new DongleSettings(480, 8, 16, Duration.ofMillis(800),
            Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofSeconds(1),
            new LinkSettings(7, Duration.ofMillis(300), Duration.ofMillis(100), Duration.ofMillis(600), 4,
                    Duration.ofMillis(500), 3));

    @TempDir
    Path dir;
    private PtyPair pty;
    private SimulatedDongle simulator;
    private DongleClient host;
    private final Events events = new Events();

    @BeforeEach
    void plug() throws Exception {
        pty = PtyPair.create(dir);
    }

    @AfterEach
    void unplug() {
        if (host != null) {
            host.close();
        }
        if (simulator != null) {
            simulator.close();
        }
        pty.close();
    }

    @Test
    void aSilentDongleIsNoticedAndPickedUpWhenItTalksAgain() {
        start(SimulatorSettings.defaults().withTags(4), line -> line);
        simulator.silent(true);
        await().atMost(Duration.ofSeconds(20)).until(() -> !host.isUp());
        assertThat(events.downs).isNotEmpty();
        simulator.silent(false);
        await().atMost(Duration.ofSeconds(20)).until(host::isUp);
        assertThat(events.ups.size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aDongleThatResetsItselfMidTransferIsReportedAndTheImageGoesAgain() {
        start(SimulatorSettings.defaults().withTags(1).withWakeInterval(Duration.ofMillis(500))
                .withRadio(Duration.ofMillis(20), 0), line -> line);
        SimulatedTag tag = simulator.tags().get(0);
        byte[] image = new byte[20_000];
        new Random(5).nextBytes(image);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.checkIns.containsKey(tag.id()));
        int ref = host.sendImage(tag.id(), image, hash(image), HostCommand.Compression.NONE, 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.blocksReceived() >= 3);
        simulator.resetItself();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.downs.size() == 1 && host.isUp());
        assertThat(events.results).doesNotContainKey(ref);

        events.checkIns.clear();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.checkIns.containsKey(tag.id()));
        int again = host.sendImage(tag.id(), image, hash(image), HostCommand.Compression.NONE, 0);
        await().atMost(Duration.ofSeconds(20)).until(() -> events.results.containsKey(again));
        assertThat(events.results.get(again)).isEqualTo(EslStatus.DONE);
        assertThat(tag.imageHash()).isEqualTo(hash(image));
    }

    @Test
    void imagesGetThroughALineThatCorruptsAndDropsBytes() {
        Random noise = new Random(11);
        start(SimulatorSettings.defaults().withTags(6).withWakeInterval(Duration.ofMillis(500))
                .withRadio(Duration.ofMillis(1), 0.05), line -> new dev.esl.gateway.link.NoisyLine(line, noise, 0.0005));
        List<SimulatedTag> tags = simulator.tags();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.checkIns.size() == tags.size());
        Map<Integer, String> sent = new ConcurrentHashMap<>();
        for (SimulatedTag tag : tags) {
            byte[] image = new byte[8000];
            noise.nextBytes(image);
            sent.put(host.sendImage(tag.id(), image, hash(image), HostCommand.Compression.NONE, 0), hash(image));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> events.results.keySet().containsAll(sent.keySet()));
        assertThat(sent.keySet()).allSatisfy(ref -> assertThat(events.results.get(ref)).isEqualTo(EslStatus.DONE));
        assertThat(tags).extracting(SimulatedTag::imageHash).containsExactlyInAnyOrderElementsOf(sent.values());
        assertThat(simulator.blocksLost()).as("blocks lost on the radio, asked for again").isPositive();
        assertThat(host.linkStats().badFrames() + host.linkStats().retransmissions()).isPositive();
    }

    @Test
    void tagsCheckInWithThePanelsTheSimulatorWasToldToGiveThem() {
        start(SimulatorSettings.defaults().withTags(6).withWakeInterval(Duration.ofMillis(500))
                .withPanels(PanelMix.parse("2.13bw:3,2.9bwr:2,4.2bwr:1")), line -> line);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.checkIns.size() == 6);

        Map<String, Long> reported = events.checkIns.values().stream().collect(Collectors.groupingBy(
                c -> c.width() + "x" + c.height() + " " + c.colors(), Collectors.counting()));
        assertThat(reported).containsExactlyInAnyOrderEntriesOf(
                Map.of("250x122 BW", 3L, "296x128 BWR", 2L, "400x300 BWR", 1L));
        for (SimulatedTag tag : simulator.tags()) {
            DongleMessage.CheckIn c = events.checkIns.get(tag.id());
            assertThat(new int[] {c.width(), c.height()}).containsExactly(tag.panel().width, tag.panel().height);
            assertThat(c.colors()).isEqualTo(tag.panel().colors);
        }
    }

    private void start(SimulatorSettings settings, java.util.function.UnaryOperator<dev.esl.gateway.serial.SerialLine> wrap) {
        simulator = new SimulatedDongle(settings, () -> wrap.apply(JSerialCommLine.open(pty.dongleEnd().toString(), 115200)))
                .start();
        host = new DongleClient("test", () -> wrap.apply(JSerialCommLine.open(pty.hostEnd().toString(), 115200)), FAST,
                events);
        host.start();
        await().atMost(Duration.ofSeconds(10)).until(host::isUp);
    }

    private static String hash(byte[] image) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image), 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Events implements DongleListener {
        final List<DongleMessage.Hello> ups = new CopyOnWriteArrayList<>();
        final List<String> downs = new CopyOnWriteArrayList<>();
        final Map<TagId, DongleMessage.CheckIn> checkIns = new ConcurrentHashMap<>();
        final Map<Integer, EslStatus> results = new ConcurrentHashMap<>();

        @Override
        public void dongleUp(DongleMessage.Hello hello) {
            ups.add(hello);
        }

        @Override
        public void dongleDown(String reason) {
            downs.add(reason);
        }

        @Override
        public void checkIn(DongleMessage.CheckIn checkIn) {
            checkIns.put(checkIn.tag(), checkIn);
        }

        @Override
        public void result(int ref, TagId tag, EslStatus status) {
            results.put(ref, status);
        }
    }
}
