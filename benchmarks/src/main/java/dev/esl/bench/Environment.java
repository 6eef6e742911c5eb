package dev.esl.bench;

import dev.esl.bench.load.LoadSettings;
import dev.esl.bench.brokers.BrokerTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report's header: when, on what machine, with what load and broker settings; numbers mean little without it. */
final class Environment {
    private Environment() {
    }

    static List<String> header(LoadSettings s, List<BrokerTarget> targets, List<String> scenarios, Path mosquitto) {
        List<String> lines = new ArrayList<>();
        lines.add("## MQTT broker benchmark, " + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                .substring(0, 16).replace('T', ' '));
        lines.add("");
        String command = System.getenv("BENCH_COMMAND");
        if (command != null && !command.isBlank()) {
            lines.add("- Command: `" + command + "`");
        }
        lines.add("- Machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + cpuModel() + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", open files limit "
                + openFilesLimit() + "; load generator and brokers share it, all on loopback");
        lines.add("- Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + "; Mosquitto: " + mosquittoVersion(mosquitto) + "; Moquette 0.17");
        lines.add("- Scenarios: " + String.join(", ", scenarios));
        lines.add(String.format(Locale.ROOT, "- Load: MQTT 3.1.1, clean sessions (persistent ones in the -persistent scenarios); %d publishers (bench/t/<i>) x %d "
                        + "subscribers (bench/t/+), every message to every subscriber; %d s warm-up, then %d s "
                        + "measured per QoS; payload %d B; a publisher keeps at most %d messages in flight (not "
                        + "yet received by every subscriber, and for QoS 1/2 not yet acknowledged)",
                s.publishers(), s.subscribers(), s.warmup().toSeconds(), s.duration().toSeconds(), s.payloadBytes(),
                s.window()));
        lines.add(String.format(Locale.ROOT, "- Idle: %s connections (raw MQTT 3.1.1 CONNECT, keep-alive %d s, "
                        + "nothing subscribed), at most %d awaiting CONNACK, %,d per source address from 127.0.0.2 upwards; RSS per "
                        + "connection = growth of the broker's VmRSS / open connections, %d s after start and "
                        + "after the last CONNACK",
                s.idleConnections(), s.idleKeepAliveSeconds(), s.connectConcurrency(), s.perSourceAddress(),
                s.settle().toSeconds()));
        for (BrokerTarget t : targets) {
            lines.add("- " + t.name() + ": " + t.describe());
        }
        lines.add("- Every broker and case runs in a fresh process with fresh data.");
        return lines;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    /** The soft limit this JVM runs with (the JVM raises it to the hard limit), which the brokers inherit. */
    private static String openFilesLimit() {
        try {
            return Files.readAllLines(Path.of("/proc/self/limits")).stream()
                    .filter(l -> l.startsWith("Max open files"))
                    .map(l -> l.substring("Max open files".length()).trim().split("\\s+")[0])
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** "mosquitto version 2.0.11" is the first line of {@code mosquitto -h}. */
    private static String mosquittoVersion(Path binary) {
        try {
            Process p = new ProcessBuilder(binary.toString(), "-h").redirectErrorStream(true).start();
            String first = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .findFirst().orElse("");
            p.waitFor();
            return first.replace("mosquitto version ", "").trim();
        } catch (IOException e) {
            return "not found";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
