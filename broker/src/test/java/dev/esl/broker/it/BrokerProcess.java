package dev.esl.broker.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The broker's shaded jar in a child JVM, for tests that kill it. */
final class BrokerProcess {
    static final Path JAR = Path.of("target/broker-0.1.0-SNAPSHOT-all.jar");

    private final Path config;
    private final List<String> log = new ArrayList<>();
    private Process process;

    BrokerProcess(Path config) {
        this.config = config;
    }

    static Path writeConfig(Path dir, int port, String extraYaml) throws IOException {
        return Files.writeString(dir.resolve("broker.yml"), """
                host: 127.0.0.1
                port: %d
                groups: [GID_AP, GID_TAGMGR, GID_TEST]
                parentTopics: [esl, test]
                %s
                """.formatted(port, extraYaml));
    }

    void start(String... jvmArgs) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(jvmArgs));
        cmd.addAll(List.of("-jar", JAR.toString(), "--config", config.toString()));
        process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Process p = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    synchronized (log) {
                        log.add(line);
                    }
                    if (line.contains("listening on")) {
                        listening.complete(null);
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            listening.completeExceptionally(new IllegalStateException("broker exited before listening:\n" + logText()));
        }, "broker-log");
        reader.setDaemon(true);
        reader.start();
        listening.get(30, TimeUnit.SECONDS);
    }

    /** SIGKILL: no shutdown hook, no final sync. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    long pid() {
        return process.pid();
    }

    String logText() {
        synchronized (log) {
            return String.join("\n", log);
        }
    }
}
