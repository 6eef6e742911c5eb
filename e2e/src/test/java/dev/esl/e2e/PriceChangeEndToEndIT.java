package dev.esl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole platform as it is deployed, each part its own process started from the jar its module builds: the MQTT
 * broker, the tag manager on its embedded MariaDB, and a store of three APs, each an AP gateway daemon on a socat pty
 * pair to its own dongle-and-tags simulator. The tags register themselves by checking in, all of them are bound to
 * one product, and its price changes through the REST API. While the task runs, one gateway is killed with SIGKILL
 * and started again on its journal, then the broker is restarted on its data directory. Every job must end in
 * exactly one final state, none lost, every tag must show the new image, and the audit trace must show each tag's
 * path to it.
 *
 * <p>The processes' logs and, on failure, a diagnostics file are left in {@code target/e2e/}.
 */
class PriceChangeEndToEndIT {
    private static final int APS = 3;
    private static final int TAGS_PER_AP = 100;
    private static final String STORE = "store-e2e";
    private static final String SKU = "E2E-MILK";
    private static final String PASSWORD = "e2e-secret";
    private static final Set<String> FINAL = Set.of("DISPLAYED", "SKIPPED", "FAILED", "EXPIRED", "CANCELLED");
    /** The whole test, start to summary; it takes about a minute on a quiet machine. */
    private static final Duration BUDGET = Duration.ofMinutes(8);

    private final Path root = Path.of(System.getProperty("esl.root", "..")).toAbsolutePath().normalize();
    private final Path dir = Path.of(System.getProperty("esl.e2e.dir", "target/e2e")).toAbsolutePath().normalize();
    private final long testDeadline = System.nanoTime() + BUDGET.toNanos();
    private final List<ChildProcess> processes = new ArrayList<>();
    private final List<ChildProcess> gateways = new ArrayList<>();
    private ChildProcess broker;
    private ChildProcess tagManager;
    private RestClient api;
    private long taskId = -1;

    @Test
    void aPriceChangeReachesEveryShelfThroughAGatewayCrashAndABrokerRestart() throws Exception {
        try {
            run();
        } catch (Throwable failure) {
            writeDiagnostics(failure);
            throw failure;
        }
    }

    private void run() throws Exception {
        long testStarted = System.nanoTime();
        deleteRecursively(dir);
        Files.createDirectories(dir.resolve("logs"));
        Path brokerJar = jar("broker", "-all.jar");
        Path gatewayJar = jar("ap-gateway", "-all.jar");
        Path managerJar = jar("tag-manager", "-exec.jar");
        int mqttPort = freePort();
        int httpPort = freePort();

        Files.createDirectories(dir.resolve("broker-data")); // the broker never creates its store directory itself
        broker = process("broker", small("broker"), Map.of("ESL_BROKER_HOST", "127.0.0.1",
                "ESL_BROKER_PORT", String.valueOf(mqttPort), "ESL_BROKER_DATA_DIR", dir.resolve("broker-data").toString()),
                "-jar", brokerJar.toString(), "--config", root.resolve("config/broker.yml").toString());
        broker.start();
        waitUntil("the broker listens on " + mqttPort, Duration.ofSeconds(60), () -> listening(mqttPort), broker);

        tagManager = process("tag-manager", List.of("-Xmx768m", "-Djava.io.tmpdir=" + tmp("tag-manager")),
                Map.of("ESL_SECURITY_ADMIN_PASSWORD", PASSWORD),
                "-jar", managerJar.toString(), "--server.port=" + httpPort, "--esl.mqtt.host=127.0.0.1",
                "--esl.mqtt.port=" + mqttPort, "--esl.mqtt.node=e2e",
                "--esl.db.embedded.data-dir=" + dir.resolve("mariadb"), "--esl.db.embedded.buffer-pool-size=256M",
                "--esl.audit.jsonl.file=" + dir.resolve("audit/audit.jsonl"),
                "--esl.audit.retention.dir=" + dir.resolve("audit/archive"), "--esl.tasks.retry-backoff=3s");
        tagManager.start();
        api = new RestClient("http://127.0.0.1:" + httpPort, "admin", PASSWORD);
        waitUntil("the tag manager answers on " + httpPort, Duration.ofSeconds(180),
                () -> api.status("/actuator/health") == 200, tagManager, broker);

        api.post("/api/v1/chains", Map.of("id", "e2e", "name", "End-to-end Markets"));
        api.post("/api/v1/stores", Map.of("id", STORE, "chainId", "e2e", "name", "End-to-end store", "currency", "EUR"));
        api.post("/api/v1/products", Map.of("sku", SKU, "name", "Whole milk 1 l", "price", 1.29, "unitPrice", 1.29,
                "unit", "l", "barcode", "4006381333931"));

        for (int n = 1; n <= APS; n++) {
            String ap = ap(n);
            Path pty = dir.resolve("pty").resolve(ap);
            ChildProcess simulator = process("simulator-" + ap, small("simulator-" + ap), Map.of(),
                    "-cp", gatewayJar.toString(), "dev.esl.gateway.simulator.SimulatorMain", "--pty", pty.toString(),
                    "--tags", String.valueOf(TAGS_PER_AP), "--seed", String.valueOf(20 + n), "--wake-interval", "6",
                    "--panels", "2.13bw:2,2.9bwr:1,4.2bwr:1");
            simulator.start();
            waitUntil("the pty of " + ap, Duration.ofSeconds(60), () -> Files.exists(pty.resolve("host")), simulator);
            Map<String, String> env = new HashMap<>();
            env.put("ESL_GATEWAY_AP_SERIAL", ap);
            env.put("ESL_GATEWAY_STORE_ID", STORE);
            env.put("ESL_GATEWAY_DATA_DIR", dir.resolve("gateway-data").resolve(ap).toString());
            env.put("ESL_GATEWAY_MQTT_HOST", "127.0.0.1");
            env.put("ESL_GATEWAY_MQTT_PORT", String.valueOf(mqttPort));
            env.put("ESL_GATEWAY_SERIAL_PORT", pty.resolve("host").toString());
            env.put("ESL_GATEWAY_STATUS_INTERVAL_SECONDS", "2");
            env.put("ESL_GATEWAY_TELEMETRY_INTERVAL_SECONDS", "2");
            env.put("ESL_GATEWAY_RECONNECT_MAX_SECONDS", "2");
            ChildProcess gateway = process("gateway-" + ap, small("gateway-" + ap), env,
                    "-jar", gatewayJar.toString(), "--config", root.resolve("config/gateway.yml").toString());
            gateways.add(gateway.start());
        }

        waitUntil("three APs online with their dongles", Duration.ofSeconds(90), () -> {
            JsonNode aps = api.get("/api/v1/stores/" + STORE + "/aps");
            return aps.size() == APS && all(aps, a -> "online".equals(a.path("state").asText())
                    && "ok".equals(a.path("dongle").asText()));
        }, living());
        waitUntil(APS * TAGS_PER_AP + " tags registered by their check-ins", Duration.ofSeconds(90),
                () -> tags().size() == APS * TAGS_PER_AP, living());
        List<JsonNode> tags = tags();
        Map<String, String> imageBefore = new HashMap<>();
        List<Map<String, String>> bindings = new ArrayList<>();
        for (JsonNode t : tags) {
            imageBefore.put(t.get("id").asText(), t.path("imageHash").asText(null));
            bindings.add(Map.of("tagId", t.get("id").asText(), "sku", SKU));
        }
        api.post("/api/v1/bindings", bindings);

        long changeStarted = System.nanoTime();
        JsonNode created = api.post("/api/v1/price-changes", Map.of("description", "end-to-end",
                "rows", List.of(Map.of("sku", SKU, "price", 0.99, "unitPrice", 0.99))));
        taskId = created.get("taskId").asLong();
        String traceId = created.get("traceId").asText();
        int total = created.get("jobs").asInt();
        assertThat(total).as("one job per bound tag").isEqualTo(APS * TAGS_PER_AP);
        log("price change: task %d, trace %s, %d jobs", taskId, traceId, total);

        // Mid-task, 1: the second AP's gateway dies without a word (SIGKILL) once it has shown some of its jobs, and
        // comes back on the same journal.
        ChildProcess victim = gateways.get(1);
        waitUntil(ap(2) + " displays some of its jobs", Duration.ofSeconds(120),
                () -> displayedBy(ap(2)) >= 5, living());
        JsonNode atKill = task();
        victim.kill();
        log("kill -9 %s at %s", victim.name(), atKill.get("counts"));
        assertThat(atKill.get("done").asBoolean()).as("the gateway was killed mid-task").isFalse();
        Thread.sleep(1_000);
        victim.start();

        // Mid-task, 2: the broker restarts on its data directory (SIGTERM, as systemd restarts it) once half the jobs
        // are final.
        waitUntil("half the jobs final", Duration.ofSeconds(120), () -> finals(task()) * 2 >= total, living());
        JsonNode atRestart = task();
        broker.stop(20);
        log("broker stopped at %s", atRestart.get("counts"));
        assertThat(atRestart.get("done").asBoolean()).as("the broker was restarted mid-task").isFalse();
        broker.start();
        waitUntil("the broker listens again on " + mqttPort, Duration.ofSeconds(60), () -> listening(mqttPort), broker);

        waitUntil("every job final", Duration.ofSeconds(240), () -> {
            JsonNode status = task();
            log("task %d: %s", taskId, status.get("counts"));
            return status.get("done").asBoolean();
        }, living());
        double changeSeconds = (System.nanoTime() - changeStarted) / 1e9;

        // Every job ends in exactly one final state, and none is lost: one job per bound tag, each final, each a
        // success; the counts add up.
        JsonNode status = task();
        JsonNode counts = status.get("counts");
        assertThat(status.get("jobs").asInt()).isEqualTo(total);
        assertThat(status.get("failed").asInt()).as("FAILED + EXPIRED").isZero();
        assertThat(counts.get("CANCELLED").asInt()).isZero();
        assertThat(status.get("succeeded").asInt()).as("DISPLAYED + SKIPPED").isEqualTo(total);
        List<JsonNode> jobs = jobs();
        Set<String> boundTags = imageBefore.keySet();
        assertThat(jobs).hasSize(total);
        assertThat(jobs).extracting(j -> j.get("tagId").asText()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(boundTags);
        assertThat(jobs).allSatisfy(j -> assertThat(j.get("state").asText()).isIn("DISPLAYED", "SKIPPED"));
        Map<String, Integer> perAp = new TreeMap<>();
        jobs.forEach(j -> perAp.merge(j.get("apSerial").asText(), 1, Integer::sum));
        assertThat(perAp).as("jobs per AP").containsOnlyKeys(ap(1), ap(2), ap(3));
        // A tag shows what it was sent even when its gateway dies before hearing so: the restarted gateway serves the
        // job again from its journal and the tag answers that it already shows it. Only the killed AP has cause to.
        Map<String, Integer> skippedPerAp = new TreeMap<>();
        jobs.stream().filter(j -> "SKIPPED".equals(j.get("state").asText()))
                .forEach(j -> skippedPerAp.merge(j.get("apSerial").asText(), 1, Integer::sum));
        assertThat(skippedPerAp).as("SKIPPED jobs per AP").doesNotContainKeys(ap(1), ap(3));
        long retried = jobs.stream().filter(j -> j.get("attempt").asInt() > 1).count();

        // The audit trace: the change itself, and each tag's path, with exactly one final step, its last, agreeing
        // with the job; the chains verify.
        JsonNode trace = api.get("/api/v1/audit/traces/" + traceId);
        assertThat(actions(trace)).contains("price-change.create", "jobs.sent", "jobs.results");
        Map<String, String> jobState = new HashMap<>();
        jobs.forEach(j -> jobState.put(j.get("tagId").asText(), j.get("state").asText()));
        Set<String> traced = new HashSet<>();
        trace.get("tags").fields().forEachRemaining(e -> traced.add(e.getKey()));
        assertThat(traced).as("tags in the trace").containsExactlyInAnyOrderElementsOf(boundTags);
        for (String tag : boundTags) {
            List<String> path = new ArrayList<>();
            trace.get("tags").get(tag).forEach(step -> path.add(step.get("state").asText()));
            assertThat(path).as("path of tag %s", tag).contains("SENT");
            assertThat(path.stream().filter(FINAL::contains).count()).as("final steps of tag %s: %s", tag, path)
                    .isEqualTo(1);
            assertThat(path.get(path.size() - 1)).as("last step of tag %s", tag).isEqualTo(jobState.get(tag));
        }
        assertThat(api.get("/api/v1/audit/verify").get("intact").asBoolean()).as("audit chains intact").isTrue();

        // The shelf: every tag's check-in reports a new image, one per panel (one product).
        waitUntil("every tag reports its new image", Duration.ofSeconds(60), () -> {
            Map<String, Set<String>> hashesPerPanel = new HashMap<>();
            for (JsonNode t : tags()) {
                String hash = t.path("imageHash").asText(null);
                if (hash == null || hash.equals(imageBefore.get(t.get("id").asText()))) {
                    return false;
                }
                hashesPerPanel.computeIfAbsent(t.get("width") + "x" + t.get("height") + t.get("colors"),
                        p -> new HashSet<>()).add(hash);
            }
            return hashesPerPanel.values().stream().allMatch(h -> h.size() == 1);
        }, living());

        String summary = String.format("E2E SUMMARY: %d jobs behind %d APs %s: %d DISPLAYED, %d SKIPPED %s, %d FAILED "
                        + "or EXPIRED, %d CANCELLED, 0 lost, each in exactly one final state (%d retried); %s killed (kill "
                        + "-9) with %d/%d final and restarted; broker restarted with %d/%d final; audit trace: %d tags to "
                        + "their final state, chains intact; price change %.0f s, test %.0f s",
                total, APS, perAp, counts.get("DISPLAYED").asInt(), counts.get("SKIPPED").asInt(), skippedPerAp,
                status.get("failed").asInt(), counts.get("CANCELLED").asInt(), retried, ap(2), finals(atKill), total,
                finals(atRestart), total, traced.size(), changeSeconds, (System.nanoTime() - testStarted) / 1e9);
        log("%s", summary);
        Files.writeString(dir.resolve("summary.txt"), summary + System.lineSeparator(), StandardCharsets.UTF_8);
    }

    /** SIGTERM to every process at once, then a wait for each (SIGKILL after 20 s). */
    @AfterEach
    void stopEverything() {
        processes.forEach(ChildProcess::signalStop);
        processes.forEach(ChildProcess::close);
    }

    private static String ap(int n) {
        return "ap-e2e-" + n;
    }

    private JsonNode task() throws IOException, InterruptedException {
        return api.get("/api/v1/tasks/" + taskId);
    }

    private static int finals(JsonNode status) {
        int n = 0;
        for (String state : FINAL) {
            n += status.get("counts").path(state).asInt();
        }
        return n;
    }

    private long displayedBy(String ap) throws IOException, InterruptedException {
        JsonNode displayed = api.get("/api/v1/tasks/" + taskId + "/jobs?state=DISPLAYED&limit=1000");
        long n = 0;
        for (JsonNode j : displayed) {
            n += ap.equals(j.path("apSerial").asText()) ? 1 : 0;
        }
        return n;
    }

    private List<JsonNode> jobs() throws IOException, InterruptedException {
        List<JsonNode> jobs = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = api.get("/api/v1/tasks/" + taskId + "/jobs?limit=1000&after=" + after);
            if (page.isEmpty()) {
                return jobs;
            }
            page.forEach(jobs::add);
            after = page.get(page.size() - 1).get("id").asLong();
        }
    }

    private List<JsonNode> tags() throws IOException, InterruptedException {
        List<JsonNode> tags = new ArrayList<>();
        api.get("/api/v1/stores/" + STORE + "/tags?limit=1000").forEach(tags::add);
        return tags;
    }

    private static List<String> actions(JsonNode trace) {
        List<String> actions = new ArrayList<>();
        trace.get("events").forEach(e -> actions.add(e.get("action").asText()));
        return actions;
    }

    private static boolean all(JsonNode array, java.util.function.Predicate<JsonNode> test) {
        for (JsonNode n : array) {
            if (!test.test(n)) {
                return false;
            }
        }
        return true;
    }

    private ChildProcess process(String name, List<String> jvmArgs, Map<String, String> env, String... args) {
        ChildProcess p = new ChildProcess(name, ChildProcess.java(jvmArgs, args), env, dir.resolve("run").resolve(name),
                dir.resolve("logs").resolve(name + ".log"));
        processes.add(p);
        return p;
    }

    /** JVM options of the small processes; each its own temporary directory (RocksDB unpacks its library there). */
    private List<String> small(String name) {
        return List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp(name));
    }

    private String tmp(String name) {
        Path tmp = dir.resolve("tmp").resolve(name);
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tmp.toString();
    }

    private ChildProcess[] living() {
        return processes.toArray(ChildProcess[]::new);
    }

    /**
     * Polls {@code condition} every 500 ms; fails at {@code max} or when the whole test has run {@link #BUDGET}, or at
     * once when one of {@code mustRun} exits.
     */
    private void waitUntil(String what, Duration max, Callable<Boolean> condition, ChildProcess... mustRun)
            throws Exception {
        long deadline = Math.min(System.nanoTime() + max.toNanos(), testDeadline);
        Exception last = null;
        while (true) {
            try {
                if (condition.call()) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            for (ChildProcess p : mustRun) {
                if (!p.isAlive()) {
                    throw new AssertionError("waiting for " + what + ": " + p.name() + " exited; its log ends:\n"
                            + p.tail(30));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + max.toSeconds() + " s (or the test's " + BUDGET.toMinutes()
                        + " minutes): " + what
                        + (last == null ? "" : " (last error: " + last.getMessage() + ")"));
            }
            Thread.sleep(500);
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Path jar(String module, String suffix) throws IOException {
        Path target = root.resolve(module).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().startsWith(module + "-")
                            && p.getFileName().toString().endsWith(suffix)).max(Comparator.naturalOrder())
                    .orElseThrow(() -> new IllegalStateException("no " + module + "-*" + suffix + " in " + target
                            + ": build it first (./mvnw package -pl " + module + " -am)"));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalStateException(target + " does not exist: build " + module + " first", e);
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf("[e2e %tT] %s%n", System.currentTimeMillis(), String.format(format, args));
    }

    /** What the API says when the test fails, and the end of each process's log, beside the logs in target/e2e. */
    private void writeDiagnostics(Throwable failure) {
        StringBuilder out = new StringBuilder("Failure: ").append(failure).append("\n\n");
        if (api != null) {
            for (String path : List.of("/api/v1/stores/" + STORE + "/aps", "/api/v1/tasks/" + taskId,
                    "/api/v1/tasks/" + taskId + "/jobs?limit=1000&state=PENDING",
                    "/api/v1/tasks/" + taskId + "/jobs?limit=1000&state=SENT",
                    "/api/v1/tasks/" + taskId + "/jobs?limit=1000&state=ACCEPTED_BY_AP",
                    "/api/v1/tasks/" + taskId + "/jobs?limit=1000&state=FAILED",
                    "/api/v1/tasks/" + taskId + "/jobs?limit=1000&state=EXPIRED")) {
                try {
                    out.append("GET ").append(path).append("\n").append(api.get(path).toPrettyString()).append("\n\n");
                } catch (Exception e) {
                    out.append("GET ").append(path).append(": ").append(e.getMessage()).append("\n\n");
                }
            }
        }
        for (ChildProcess p : processes) {
            out.append("=== ").append(p.name()).append(p.isAlive() ? " (running)" : " (exited)").append(", log ")
                    .append(p.log()).append(", last lines:\n").append(p.tail(40)).append("\n\n");
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("diagnostics.txt"), out, StandardCharsets.UTF_8);
            log("diagnostics in %s, process logs in %s", dir.resolve("diagnostics.txt"), dir.resolve("logs"));
        } catch (IOException e) {
            System.out.println(out);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
