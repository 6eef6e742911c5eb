package dev.esl.bench.brokers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Our broker from its shaded jar with a generated YAML config: plain naming (the load uses ordinary client
 * IDs and topics), and either the RocksDB store with {@code durability: sync} or the memory store. Durable,
 * it runs with its default write-behind (a QoS 1 copy its online subscriber acknowledges within 20 ms is never
 * written) or, with {@code writeAll}, with none: every copy written and synced before the PUBACK.
 */
record OursTarget(String name, Path jar, boolean durable, boolean writeAll) implements BrokerTarget {

    static OursTarget durable(String name, Path jar, boolean writeAll) {
        return new OursTarget(name, jar, true, writeAll);
    }

    static OursTarget inMemory(String name, Path jar) {
        return new OursTarget(name, jar, false, false);
    }

    @Override
    public String describe() {
        String storage = !durable ? "storage memory"
                : writeAll ? "storage rocksdb, durability sync, writeBehindMillis 0 (every copy written, acknowledged after fsync, group commit)"
                : "storage rocksdb, durability sync (acknowledged once each copy is acknowledged by its subscriber or written"
                        + " and fsynced, group commit; write-behind 20 ms)";
        return storage + ", naming plain, maxInflight " + Targets.MAX_INFLIGHT
                + ", maxQueuedMessages " + Targets.MAX_QUEUED + ", " + Targets.HEAP + ", connection log at INFO";
    }

    @Override
    public RunningBroker start(int port, Path dir) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " not found: build it with ./mvnw -DskipTests package -pl broker -am");
        }
        Path config = dir.resolve(name + ".yml");
        Files.write(config, yaml(port, Files.createDirectories(dir.resolve(name + "-data"))));
        ProcessBuilder pb = new ProcessBuilder(Targets.java(), Targets.HEAP, "-jar", jar.toAbsolutePath().toString(),
                "--config", config.toAbsolutePath().toString());
        // ESL_BROKER_* variables of the calling shell would override the config.
        pb.environment().keySet().removeIf(k -> k.startsWith("ESL_BROKER_"));
        return RunningBroker.launch(name, pb, port, dir.resolve(name + ".log"));
    }

    List<String> yaml(int port, Path dataDir) {
        List<String> lines = new ArrayList<>(List.of(
                "host: 127.0.0.1",
                "port: " + port,
                "naming: plain",
                "maxInflight: " + Targets.MAX_INFLIGHT,
                "maxQueuedMessages: " + Targets.MAX_QUEUED));
        if (durable) {
            lines.add("storage: rocksdb");
            lines.add("dataDir: " + dataDir.toAbsolutePath());
            lines.add("durability: sync");
            if (writeAll) {
                lines.add("writeBehindMillis: 0");
            }
        } else {
            lines.add("storage: memory");
        }
        return lines;
    }
}
