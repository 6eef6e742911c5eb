package dev.esl.bench.brokers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Mosquitto (the Debian package) with a generated config: persistence on, the in-flight window matched to ours,
 * no connection limit. It runs as root here ({@code user root}) so it can write its persistence file into the
 * work dir; its open-files limit is the one it inherits from the benchmark.
 *
 * <p>{@code max_queued_messages} is set far above anything a run queues: Mosquitto 2.0.11 stops delivering
 * QoS 1/2 to a subscriber ("Outgoing messages are being dropped") once roughly that many messages have passed
 * through it, although the benchmark never has more than a few hundred outstanding per subscriber (seen with
 * 1,000 and 10,000, with max_inflight_messages 20, 32 and 64). With our own limit (10,000) it would stall
 * after a few seconds and the comparison would measure that instead.
 */
record MosquittoTarget(String name, Path binary) implements BrokerTarget {
    private static final int QUEUED = 10_000_000;

    @Override
    public String describe() {
        return "persistence true (snapshot every autosave_interval 1800 s and at exit, no fsync per message), "
                + "max_inflight_messages " + Targets.MAX_INFLIGHT + ", max_queued_messages " + QUEUED
                + " (see docs/benchmarks.md), max_connections -1, connection log on (default)";
    }

    @Override
    public RunningBroker start(int port, Path dir) throws IOException, InterruptedException {
        if (!Files.isExecutable(binary)) {
            throw new IOException(binary + " not found: apt-get install mosquitto");
        }
        Path data = Files.createDirectories(dir.resolve(name + "-data"));
        Path config = dir.resolve(name + ".conf");
        Files.write(config, conf(port, data));
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "-c", config.toAbsolutePath().toString());
        return RunningBroker.launch(name, pb, port, dir.resolve(name + ".log"));
    }

    List<String> conf(int port, Path data) {
        return List.of(
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "user root",
                "persistence true",
                "persistence_location " + data.toAbsolutePath() + "/",
                "max_inflight_messages " + Targets.MAX_INFLIGHT,
                "max_queued_messages " + QUEUED,
                "max_connections -1",
                "log_dest stdout");
    }
}
