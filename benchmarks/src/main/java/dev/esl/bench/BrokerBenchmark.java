package dev.esl.bench;

import dev.esl.bench.load.Case;
import dev.esl.bench.load.IdleResult;
import dev.esl.bench.load.IdleScenario;
import dev.esl.bench.load.LoadSettings;
import dev.esl.bench.load.Outcome;
import dev.esl.bench.load.Scenario;
import dev.esl.bench.load.ThroughputResult;
import dev.esl.bench.load.ThroughputScenario;
import dev.esl.bench.report.MarkdownReport;
import dev.esl.bench.report.Results;
import dev.esl.bench.brokers.BrokerTarget;
import dev.esl.bench.brokers.FreePort;
import dev.esl.bench.brokers.RunningBroker;
import dev.esl.bench.brokers.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the same MQTT load against several brokers, one at a time and each case on a fresh broker process,
 * and writes a side-by-side Markdown table. Cases are the outer loop so the brokers of one case run close
 * together in time on the same machine state.
 */
@Command(name = "bench-broker", mixinStandardHelpOptions = true,
        description = "Side-by-side MQTT broker benchmark: ours (durable and in memory) vs Mosquitto vs Moquette.")
public final class BrokerBenchmark implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(BrokerBenchmark.class);

    @Option(names = "--brokers", split = ",", defaultValue = "ours,ours-write-all,ours-mem,mosquitto,moquette",
            description = "Brokers to run, in order: ours (RocksDB, sync, write-behind), ours-write-all (RocksDB, sync,"
                    + " every copy written), ours-mem, mosquitto, moquette (default: ${DEFAULT-VALUE}).")
    List<String> brokers;

    @Option(names = "--scenarios", split = ",", defaultValue = "qos0,qos1,qos2,qos1-persistent,qos2-persistent,idle",
            description = "Scenarios: qos0, qos1, qos2 (clean sessions), qos1-persistent, qos2-persistent (persistent "
                    + "sessions), idle (default: ${DEFAULT-VALUE}).")
    List<String> scenarios;

    @Option(names = "--publishers", defaultValue = "4", description = "Publishers, each on bench/t/<i> (default: ${DEFAULT-VALUE}).")
    int publishers;

    @Option(names = "--subscribers", defaultValue = "4", description = "Subscribers, each on bench/t/+ (default: ${DEFAULT-VALUE}).")
    int subscribers;

    @Option(names = "--duration", defaultValue = "15", description = "Seconds of publishing measured per QoS scenario (default: ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(names = "--warmup", defaultValue = "15", description = "Seconds of warm-up publishing before each measured round: long enough for the Java brokers' JIT to settle (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--payload", defaultValue = "256", description = "Payload bytes (default: ${DEFAULT-VALUE}).")
    int payload;

    @Option(names = "--window", defaultValue = "64",
            description = "Messages a publisher may have in flight: not yet received by every subscriber, and "
                    + "for QoS 1/2 not yet acknowledged (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--idle-connections", split = ",", defaultValue = "10000,50000",
            description = "Connection counts of the idle scenario, a fresh broker each (default: ${DEFAULT-VALUE}).")
    List<Integer> idleConnections;

    @Option(names = "--per-source-address", defaultValue = "20000",
            description = "Idle connections per loopback source address, 127.0.0.2 first; one address has "
                    + "~28,000 ephemeral ports (default: ${DEFAULT-VALUE}).")
    int perSourceAddress;

    @Option(names = "--connect-window", defaultValue = "100",
            description = "Idle clients' CONNECTs awaiting CONNACK at once (default: ${DEFAULT-VALUE}).")
    int connectWindow;

    @Option(names = "--stall-timeout", defaultValue = "10", description = "Seconds without progress after which a run stops and counts the rest as lost (default: ${DEFAULT-VALUE}).")
    int stallSeconds;

    @Option(names = "--broker-jar", defaultValue = "broker/target/broker-0.1.0-SNAPSHOT-all.jar",
            description = "Our broker's shaded jar (default: ${DEFAULT-VALUE}).")
    Path brokerJar;

    @Option(names = "--mosquitto", defaultValue = "/usr/sbin/mosquitto", description = "Mosquitto binary (default: ${DEFAULT-VALUE}).")
    Path mosquitto;

    @Option(names = "--work-dir", description = "Where broker configs, data and logs go (default: target/bench/run-<time>).")
    Path workDir;

    @Option(names = "--out", description = "Markdown file to write the report to (also printed).")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<Scenario> selected = scenarios.stream().map(Scenario::parse).toList();
        List<BrokerTarget> targets = new Targets(brokerJar, mosquitto).select(brokers);
        LoadSettings settings = new LoadSettings(publishers, subscribers, Duration.ofSeconds(durationSeconds),
                Duration.ofSeconds(warmupSeconds), payload, window, idleConnections, perSourceAddress, 60,
                connectWindow, Duration.ofSeconds(2), Duration.ofSeconds(stallSeconds));
        String started = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = Files.createDirectories(workDir != null ? workDir : Path.of("target", "bench", "run-" + started));
        log.info("Brokers {}, scenarios {}; configs, data and broker logs in {}", brokers, scenarios, dir);

        Results results = new Results(brokers);
        for (Case c : cases(selected, settings)) {
            for (BrokerTarget target : targets) {
                results.put(c, target.name(), runOne(target, c, settings, dir));
            }
        }

        String report = new MarkdownReport(results, Environment.header(settings, targets, scenarios, mosquitto))
                .render();
        System.out.println();
        System.out.println(report);
        if (out != null) {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, report);
            log.info("Report written to {}", out);
        }
        return 0;
    }

    private static List<Case> cases(List<Scenario> scenarios, LoadSettings settings) {
        List<Case> cases = new ArrayList<>();
        for (Scenario s : scenarios) {
            if (s == Scenario.IDLE) {
                settings.idleConnections().forEach(n -> cases.add(new Case(s, n)));
            } else {
                cases.add(new Case(s, 0));
            }
        }
        return cases;
    }

    private static Outcome runOne(BrokerTarget target, Case c, LoadSettings settings, Path dir) {
        Path caseDir = dir.resolve(c.label());
        String cannot = c.scenario() == Scenario.IDLE ? IdleScenario.cannotHold(c.connections()) : null;
        if (cannot != null) {
            log.warn("=== {} / {}: skipped: {}", c.label(), target.name(), cannot);
            return new Outcome.Skipped(cannot);
        }
        log.info("=== {} / {}: starting the broker", c.label(), target.name());
        try {
            Files.createDirectories(caseDir);
            try (RunningBroker broker = target.start(FreePort.pick(), caseDir)) {
                log.info("{} is up on port {} (pid {})", target.name(), broker.port(), broker.pid());
                Outcome o = c.scenario() == Scenario.IDLE
                        ? new IdleScenario(settings).run(broker, c.connections())
                        : new ThroughputScenario(settings).run(broker, c.scenario());
                log.info("=== {} / {}: {}", c.label(), target.name(), oneLine(o));
                return o;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Failed("interrupted");
        } catch (Exception e) {
            log.error("=== {} / {} failed", c.label(), target.name(), e);
            return new Outcome.Failed(e.toString());
        }
    }

    private static String oneLine(Outcome o) {
        if (o instanceof ThroughputResult r) {
            return String.format("%,.0f msgs/s, p50 %.2f ms, p99 %.2f ms, p999 %.2f ms, lost %,d, duplicates %,d",
                    r.deliveriesPerSec(), r.latency().p50Micros() / 1000.0, r.latency().p99Micros() / 1000.0,
                    r.latency().p999Micros() / 1000.0, r.lost(), r.duplicates());
        }
        if (o instanceof IdleResult r) {
            return String.format("%,d connected, %,d open, %,.0f connects/s, %.1f KiB RSS per connection",
                    r.connected(), r.openAtEnd(), r.connectsPerSec(), r.kbPerConnection());
        }
        return o.toString();
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BrokerBenchmark()).execute(args));
    }
}
