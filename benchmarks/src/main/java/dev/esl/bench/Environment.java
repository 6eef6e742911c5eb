package dev.esl.bench;

import dev.esl.bench.load.LoadSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report's header: when, on what machine, with what load; numbers mean little without it. */
final class Environment {
    private Environment() {
    }

    static List<String> header(LoadSettings s, List<String> brokers, List<String> scenarios, Path mosquitto) {
        List<String> lines = new ArrayList<>();
        lines.add("## MQTT broker benchmark, " + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                .substring(0, 16).replace('T', ' '));
        lines.add("");
        lines.add("- Machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + cpuModel() + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version"));
        lines.add("- Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (both Java brokers: -Xmx1g); Mosquitto: " + mosquittoVersion(mosquitto));
        lines.add("- Brokers: " + String.join(", ", brokers) + "; scenarios: " + String.join(", ", scenarios));
        lines.add(String.format(Locale.ROOT, "- Load: MQTT 3.1.1, %d publishers (bench/t/<i>) x %d subscribers "
                        + "(bench/t/+), fan-out %d; messages per publisher qos0 %,d / qos1 %,d / qos2 %,d after a "
                        + "warm-up of %,d; payload %d B; at most %d unacknowledged publishes per publisher; "
                        + "idle: %,d connections, keep-alive %d s",
                s.publishers(), s.subscribers(), s.subscribers(), s.messagesPerPublisher()[0],
                s.messagesPerPublisher()[1], s.messagesPerPublisher()[2], s.warmupPerPublisher(), s.payloadBytes(),
                s.maxOutstanding(), s.idleConnections(), s.idleKeepAliveSeconds()));
        lines.add("- Every broker and scenario runs in a fresh process; load generator and broker share the machine.");
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
