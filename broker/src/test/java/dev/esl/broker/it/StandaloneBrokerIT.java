package dev.esl.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The broker as the README runs it: the shaded jar with config/broker.yml in its own JVM, driven by the
 * mosquitto command-line clients exactly as the README shows.
 */
class StandaloneBrokerIT {
    private static final Path JAR = Path.of("target/broker-0.1.0-SNAPSHOT-all.jar");
    private static final Path CONFIG = Path.of("../config/broker.yml");

    private Process broker;
    private int port;
    private final List<String> brokerLog = new ArrayList<>();

    @BeforeEach
    void startBroker() throws Exception {
        assertThat(CliProcess.onPath("mosquitto_pub")).as("mosquitto-clients installed (scripts/test.sh installs it)").isTrue();
        assertThat(JAR).exists();
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(javaBin(), "-jar", JAR.toString(), "--config", CONFIG.toString())
                .redirectErrorStream(true);
        pb.environment().put("ESL_BROKER_PORT", String.valueOf(port));
        pb.environment().put("ESL_BROKER_DATA_DIR", java.nio.file.Files.createTempDirectory("esl-standalone").toString());
        broker = pb.start();
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    synchronized (brokerLog) {
                        brokerLog.add(line);
                    }
                    if (line.contains("listening on")) {
                        listening.complete(null);
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        listening.get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.destroy();
            assertThat(broker.waitFor(10, TimeUnit.SECONDS)).as("broker stops on SIGTERM").isTrue();
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private Result run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(args));
        cmd.addAll(1, List.of("-h", "127.0.0.1", "-p", String.valueOf(port)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new Result(p.exitValue(), out.get(5, TimeUnit.SECONDS));
    }

    @Test
    void readmeExampleWorksAgainstTheStandaloneBroker() throws Exception {
        CompletableFuture<Result> sub = CompletableFuture.supplyAsync(() -> {
            try {
                return run("mosquitto_sub", "-i", "GID_AP@@@ap-1", "-t", "esl/#", "-q", "1", "-C", "1", "-v", "-W", "10");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        awaitLog("GID_AP@@@ap-1 connected");
        // The log shows the connection, not the subscription that follows it: on a loaded machine the first
        // message can arrive before it, so publish again until mosquitto_sub has one (it exits on the first).
        for (int i = 0; i < 20 && !sub.isDone(); i++) {
            Result pub = run("mosquitto_pub", "-i", "GID_TAGMGR@@@n1", "-t", "esl/store/1/x", "-m", "hi", "-q", "1");
            assertThat(pub.exit()).isZero();
            Thread.sleep(250);
        }
        Result received = sub.get(15, TimeUnit.SECONDS);
        assertThat(received.exit()).isZero();
        assertThat(received.output().trim()).isEqualTo("esl/store/1/x hi");
    }

    @Test
    void readmeExampleRefusesAClientIdWithoutGroup() throws Exception {
        Result refused = run("mosquitto_pub", "-i", "foo", "-t", "esl/x", "-m", "hi");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.output()).containsIgnoringCase("identifier rejected");
        awaitLog("Refused CONNECT of 'foo'");
    }

    private void awaitLog(String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            synchronized (brokerLog) {
                if (brokerLog.stream().anyMatch(l -> l.contains(fragment))) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        synchronized (brokerLog) {
            throw new AssertionError("broker never logged '" + fragment + "'; log:\n" + String.join("\n", brokerLog));
        }
    }

    private record Result(int exit, String output) {
    }
}
