package dev.esl.gateway.bench;

import dev.esl.gateway.dongle.DongleClient;
import dev.esl.gateway.dongle.DongleListener;
import dev.esl.gateway.dongle.DongleMessage;
import dev.esl.gateway.dongle.DongleSettings;
import dev.esl.gateway.dongle.EslStatus;
import dev.esl.gateway.dongle.HostCommand;
import dev.esl.gateway.dongle.TagId;
import dev.esl.gateway.link.LinkStats;
import dev.esl.gateway.serial.JSerialCommLine;
import dev.esl.gateway.serial.PacedLine;
import dev.esl.gateway.serial.PtyPair;
import dev.esl.gateway.simulator.SimulatedDongle;
import dev.esl.gateway.simulator.SimulatorSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Image bytes delivered over the serial link as a fraction of the line rate: the gateway's real host code
 * (DongleClient) on one end of a socat pty pair, the simulator on the other, holding its side of the line
 * to the baud rate (a pty has none). The radio is made fast, and 8 transfers run at once, so the serial
 * line is the bottleneck. Not a test: run it with scripts/bench-serial.sh.
 */
public final class SerialLinkBenchmark {
    private static final int IMAGE_BYTES = 6000;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int[] bauds = {115200, 921600};
        StringBuilder table = new StringBuilder();
        table.append("| baud | line rate (bytes/s) | image bytes delivered | seconds | images | share of line rate "
                + "| link retransmissions | bad frames |\n|---|---|---|---|---|---|---|---|\n");
        for (int baud : bauds) {
            table.append(run(baud, seconds)).append('\n');
        }
        System.out.println();
        System.out.println(table);
    }

    private static String run(int baud, int seconds) throws Exception {
        Path dir = Files.createTempDirectory("bench-serial");
        try (PtyPair pty = PtyPair.create(dir)) {
            SimulatorSettings sim = SimulatorSettings.defaults().withTags(16).withWakeInterval(Duration.ofMillis(500))
                    .withRadio(Duration.ZERO, 0).withDisplayTime(Duration.ZERO);
            SimulatedDongle dongle = new SimulatedDongle(sim, () -> new PacedLine(
                    JSerialCommLine.open(pty.dongleEnd().toString(), baud), baud)).start();
            Driver driver = new Driver();
            DongleClient host = new DongleClient("bench", () -> JSerialCommLine.open(pty.hostEnd().toString(), baud),
                    DongleSettings.defaults(), driver);
            driver.host = host;
            host.start();
            // Warm up until transfers flow, then measure.
            long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < warmupEnd || driver.images.get() < 2) {
                Thread.sleep(100);
            }
            long bytes0 = driver.bytes.get();
            long images0 = driver.images.get();
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long elapsedNanos = System.nanoTime() - t0;
            long bytes = driver.bytes.get() - bytes0;
            long images = driver.images.get() - images0;
            LinkStats stats = host.linkStats();
            host.close();
            dongle.close();
            double secondsElapsed = elapsedNanos / 1e9;
            double lineRate = baud / 10.0;
            double share = bytes / secondsElapsed / lineRate;
            String row = String.format("| %d | %,.0f | %,d | %.1f | %,d | **%.1f %%** | %d | %d |", baud, lineRate,
                    bytes, secondsElapsed, images, share * 100, stats.retransmissions(), stats.badFrames());
            System.out.println(row);
            return row;
        }
    }

    /** Keeps up to the dongle's transfer limit running: a new image for each tag as soon as the last is shown. */
    private static final class Driver implements DongleListener {
        volatile DongleClient host;
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong images = new AtomicLong();
        private final Map<TagId, Integer> busy = new ConcurrentHashMap<>();
        private final Random random = new Random(1);
        private int maxTransfers = 8;

        @Override
        public void dongleUp(DongleMessage.Hello hello) {
            maxTransfers = hello.maxTransfers();
        }

        @Override
        public void dongleDown(String reason) {
            busy.clear();
        }

        @Override
        public void checkIn(DongleMessage.CheckIn checkIn) {
            if (busy.size() < maxTransfers && !busy.containsKey(checkIn.tag())) {
                send(checkIn.tag());
            }
        }

        @Override
        public void result(int ref, TagId tag, EslStatus status) {
            busy.remove(tag);
            if (status == EslStatus.DONE) {
                bytes.addAndGet(IMAGE_BYTES);
                images.incrementAndGet();
            }
            send(tag); // the tag listens on after a RESULT
        }

        private void send(TagId tag) {
            byte[] image = new byte[IMAGE_BYTES];
            random.nextBytes(image);
            try {
                String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image), 0, 16);
                busy.put(tag, host.sendImage(tag, image, hash, HostCommand.Compression.NONE, 0));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
