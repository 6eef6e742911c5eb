package dev.esl.bench.brokers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broker process the benchmark started. {@link #close()} stops it (SIGTERM, then SIGKILL); a shutdown hook
 * stops whatever is still running if the benchmark itself is interrupted, so no broker outlives it.
 */
public final class RunningBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RunningBroker.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "stop-brokers"));
    }

    private final String name;
    private final Process process;
    private final int port;
    private final Path logFile;

    private RunningBroker(String name, Process process, int port, Path logFile) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.logFile = logFile;
    }

    /** Starts {@code command} with its output in {@code logFile} and waits until the port accepts. */
    static RunningBroker launch(String name, ProcessBuilder command, int port, Path logFile)
            throws IOException, InterruptedException {
        command.redirectErrorStream(true).redirectOutput(logFile.toFile());
        Process p = command.start();
        RUNNING.add(p);
        RunningBroker broker = new RunningBroker(name, p, port, logFile);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!broker.accepts()) {
            if (!p.isAlive()) {
                RUNNING.remove(p);
                throw new IOException(name + " exited with code " + p.exitValue() + " at start-up; see " + logFile);
            }
            if (System.nanoTime() > deadline) {
                broker.close();
                throw new IOException(name + " did not listen on port " + port + " within "
                        + START_TIMEOUT.toSeconds() + " s; see " + logFile);
            }
            Thread.sleep(100);
        }
        return broker;
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public ProcMemory memory() throws IOException {
        return ProcMemory.of(process.pid());
    }

    /** Fails the scenario if the broker died under load (its log says why). */
    public void requireAlive() throws IOException {
        if (!process.isAlive()) {
            throw new IOException(name + " died (exit code " + process.exitValue() + "); see " + logFile);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                log.warn("{} did not stop within {} s of SIGTERM; killing it", name, STOP_TIMEOUT.toSeconds());
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            RUNNING.remove(process);
        }
    }
}
