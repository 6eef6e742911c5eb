package dev.esl.bench;

import dev.esl.bench.load.IdleScenario;
import dev.esl.bench.load.LoadSettings;
import dev.esl.bench.load.Outcome;
import dev.esl.bench.load.Scenario;
import dev.esl.bench.load.ThroughputResult;
import dev.esl.bench.load.IdleResult;
import dev.esl.bench.load.ThroughputScenario;
import dev.esl.bench.report.MarkdownReport;
import dev.esl.bench.report.Results;
import dev.esl.bench.target.BrokerTarget;
import dev.esl.bench.target.FreePort;
import dev.esl.bench.target.RunningBroker;
import dev.esl.bench.target.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the same MQTT load against several brokers, one at a time and each scenario on a fresh broker process,
 * and writes a side-by-side Markdown table. Scenarios are the outer loop so the brokers of one scenario run
 * close together in time on the same machine state.
 */
@Command(name = "bench-broker", mixinStandardHelpOptions = true,
        description = "Side-by-side MQTT broker benchmark: ours vs Mosquitto vs Moquette.")
public final class BrokerBenchmark implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(BrokerBenchmark.class);

    @Option(names = "--brokers", split = ",", defaultValue = "ours,mosquitto,moquette",
            description = "Brokers to run, in order: ours, mosquitto, mosquitto-stock, mosquitto-persist, moquette (default: ${DEFAULT-VALUE}).")
    List<String> brokers;

    @Option(names = "--scenarios", split = ",", defaultValue = "qos0,qos1,qos2,idle",
            description = "Scenarios: qos0, qos1, qos2, idle (default: ${DEFAULT-VALUE}).")
    List<String> scenarios;

    @Option(names = "--publishers", defaultValue = "4", description = "Publishers, each on bench/t/<i> (default: ${DEFAULT-VALUE}).")
    int publishers;

    @Option(names = "--subscribers", defaultValue = "4", description = "Subscribers, each on bench/t/+ (default: ${DEFAULT-VALUE}).")
    int subscribers;

    @Option(names = "--qos0-messages", defaultValue = "20000", description = "Messages per publisher, qos0 (default: ${DEFAULT-VALUE}).")
    int qos0Messages;

    @Option(names = "--qos1-messages", defaultValue = "10000", description = "Messages per publisher, qos1 (default: ${DEFAULT-VALUE}).")
    int qos1Messages;

    @Option(names = "--qos2-messages", defaultValue = "10000", description = "Messages per publisher, qos2 (default: ${DEFAULT-VALUE}).")
    int qos2Messages;

    @Option(names = "--warmup", defaultValue = "2000", description = "Warm-up messages per publisher before each measured run (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--payload", defaultValue = "256", description = "Payload bytes (default: ${DEFAULT-VALUE}).")
    int payload;

    @Option(names = "--max-outstanding", defaultValue = "64", description = "Unacknowledged publishes per publisher (default: ${DEFAULT-VALUE}).")
    int maxOutstanding;

    @Option(names = "--idle-connections", defaultValue = "2000", description = "Connections of the idle scenario (default: ${DEFAULT-VALUE}).")
    int idleConnections;

    @Option(names = "--stall-timeout", defaultValue = "10", description = "Seconds without progress after which a run stops and counts the rest as lost (default: ${DEFAULT-VALUE}).")
    int stallSeconds;

    @Option(names = "--broker-jar", defaultValue = "broker/target/broker-0.1.0-SNAPSHOT-all.jar",
            description = "Our broker's shaded jar (default: ${DEFAULT-VALUE}).")
    Path brokerJar;

    @Option(names = "--mosquitto", defaultValue = "/usr/sbin/mosquitto", description = "Mosquitto binary (default: ${DEFAULT-VALUE}).")
    Path mosquitto;

    @Option(names = "--work-dir", description = "Where broker configs and logs go (default: target/bench/run-<time>).")
    Path workDir;

    @Option(names = "--out", description = "Markdown file to write the report to (also printed).")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<Scenario> selectedScenarios = scenarios.stream().map(Scenario::parse).toList();
        List<BrokerTarget> targets = new Targets(brokerJar, mosquitto).select(brokers);
        LoadSettings settings = new LoadSettings(publishers, subscribers,
                new int[] {qos0Messages, qos1Messages, qos2Messages}, warmup, payload, maxOutstanding,
                idleConnections, 60, 64, Duration.ofSeconds(2), Duration.ofSeconds(stallSeconds));
        String started = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = Files.createDirectories(workDir != null ? workDir : Path.of("target", "bench", "run-" + started));
        log.info("Brokers {}, scenarios {}; configs and broker logs in {}", brokers, scenarios, dir);

        Results results = new Results(brokers);
        for (Scenario scenario : selectedScenarios) {
            for (BrokerTarget target : targets) {
                results.put(scenario, target.name(), runOne(target, scenario, settings, dir));
            }
        }

        String report = new MarkdownReport(results, Environment.header(settings, brokers, scenarios, mosquitto))
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

    private static Outcome runOne(BrokerTarget target, Scenario scenario, LoadSettings settings, Path dir) {
        Path scenarioDir = dir.resolve(scenario.label());
        log.info("=== {} / {}: starting the broker", scenario.label(), target.name());
        try {
            Files.createDirectories(scenarioDir);
            try (RunningBroker broker = target.start(FreePort.pick(), scenarioDir)) {
                log.info("{} is up on port {} (pid {})", target.name(), broker.port(), broker.pid());
                Outcome o = scenario == Scenario.IDLE
                        ? new IdleScenario(settings).run(broker)
                        : new ThroughputScenario(settings).run(broker, scenario);
                log.info("=== {} / {}: {}", scenario.label(), target.name(), oneLine(o));
                return o;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Failed("interrupted");
        } catch (Exception e) {
            log.error("=== {} / {} failed", scenario.label(), target.name(), e);
            return new Outcome.Failed(e.toString());
        }
    }

    private static String oneLine(Outcome o) {
        if (o instanceof ThroughputResult r) {
            return String.format("%,.0f msgs/s, p50 %.2f ms, p99 %.2f ms, lost %,d, duplicates %,d",
                    r.deliveriesPerSec(), r.latency().p50Micros() / 1000.0, r.latency().p99Micros() / 1000.0,
                    r.lost(), r.duplicates());
        }
        if (o instanceof IdleResult r) {
            return String.format("%,d connected, %,.0f connects/s, %.1f KiB RSS per connection", r.connected(),
                    r.connectsPerSec(), r.kbPerConnection());
        }
        return o.toString();
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BrokerBenchmark()).execute(args));
    }
}
