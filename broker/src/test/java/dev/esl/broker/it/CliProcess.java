package dev.esl.broker.it;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A command-line program run by a test, with its output collected line by line as it comes. */
final class CliProcess implements AutoCloseable {
    private final List<String> command;
    private final Process process;
    private final BlockingQueue<String> stdoutLines = new LinkedBlockingQueue<>();
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();
    private final Thread stdoutReader;
    private final Thread stderrReader;

    private CliProcess(List<String> command) throws IOException {
        this.command = command;
        this.process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        stdoutReader = reader(process.getInputStream(), stdout, stdoutLines);
        stderrReader = reader(process.getErrorStream(), stderr, null);
    }

    static CliProcess start(String... command) throws IOException {
        return new CliProcess(List.of(command));
    }

    /** Runs the command to its end (at most {@code timeout}) and returns its exit code. */
    static CliProcess run(Duration timeout, String... command) throws IOException, InterruptedException {
        CliProcess p = start(command);
        p.awaitExit(timeout);
        return p;
    }

    /** Whether an executable of that name is on the PATH. */
    static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static Thread reader(InputStream in, StringBuffer all, BlockingQueue<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    all.append(line).append('\n');
                    if (lines != null) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                all.append("[read failed: ").append(e.getMessage()).append("]\n");
            }
        }, "cli-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits for a line of standard output that matches, consuming the lines before it. */
    String awaitStdoutLine(Predicate<String> matching, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = stdoutLines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no matching line from " + command + " within " + timeout
                        + "\nstdout:\n" + stdout + "stderr:\n" + stderr);
            }
            if (matching.test(line)) {
                return line;
            }
        }
    }

    /** Waits for the process to end; fails (and kills it) if it does not within {@code timeout}. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not end within " + timeout + "\nstdout:\n" + stdout + "stderr:\n" + stderr);
        }
        stdoutReader.join(2_000);
        stderrReader.join(2_000);
        return process.exitValue();
    }

    int exitCode() {
        return process.exitValue();
    }

    String stdout() {
        return stdout.toString();
    }

    String stderr() {
        return stderr.toString();
    }

    @Override
    public String toString() {
        return command + (process.isAlive() ? " (running)" : " exited " + process.exitValue())
                + "\nstdout:\n" + stdout + "stderr:\n" + stderr;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
