package dev.esl.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One part of the platform as its own operating-system process, started from a built jar. Its output goes to a log
 * file (appended across restarts, each start marked), its environment is the test's without any {@code ESL_*},
 * {@code SPRING_*} or {@code JAVA_TOOL_OPTIONS} variable, plus what the test gives it.
 */
final class ChildProcess implements AutoCloseable {
    /**
     * Children outlive the JVM that started them. Should the test JVM be stopped before its {@code @AfterEach} runs
     * (failsafe's fork timeout, Ctrl-C on Maven), this hook kills whatever it started.
     */
    private static final Set<ProcessHandle> STARTED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }), "e2e-children"));
    }

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path workDir;
    private final Path log;
    private Process process;
    private List<ProcessHandle> children = List.of();
    private boolean signalled;

    ChildProcess(String name, List<String> command, Map<String, String> environment, Path workDir, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.workDir = workDir;
        this.log = log;
    }

    /** {@code java <jvmArgs> <args>} with the test's own JVM. */
    static List<String> java(List<String> jvmArgs, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of(args));
        return command;
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    synchronized ChildProcess start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        Files.createDirectories(workDir);
        Files.writeString(log, "=== " + Instant.now() + " e2e: starting " + String.join(" ", command) + System.lineSeparator(),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("ESL_") || k.startsWith("SPRING_")
                || k.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().putAll(environment);
        process = builder.start();
        signalled = false;
        STARTED.add(process.toHandle());
        return this;
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL, as a power cut or the OOM killer would: no shutdown hook runs. */
    synchronized void kill() throws InterruptedException {
        mark("e2e: kill -9");
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " survived SIGKILL for 10 s");
        }
    }

    /** SIGTERM without waiting, so that several processes stop at once; {@link #close()} then waits. */
    synchronized void signalStop() {
        if (isAlive() && !signalled) {
            signalled = true;
            mark("e2e: SIGTERM");
            children = process.descendants().toList();
            process.destroy();
        }
    }

    /** SIGTERM, as systemd or Ctrl-C stops it; SIGKILL if it has not exited after {@code seconds}. */
    synchronized int stop(int seconds) throws InterruptedException {
        if (process == null) {
            return -1;
        }
        signalStop();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            mark("e2e: still running after " + seconds + " s, kill -9");
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        children.forEach(ProcessHandle::destroyForcibly); // e.g. a simulator's socat, should it have outlived it
        return process.exitValue();
    }

    /** The last lines of its log, for a failure's message. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private void mark(String what) {
        try {
            Files.writeString(log, "=== " + Instant.now() + " " + what + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the log is for diagnostics only
        }
    }

    @Override
    public void close() {
        try {
            if (process != null) {
                stop(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
