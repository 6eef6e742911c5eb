package dev.esl.bench.brokers;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Moquette 0.17 in a child JVM: {@code dev.esl.bench.MoquetteLauncher} on this module's own classpath, which
 * carries Moquette and the Netty 4.1 it is built for.
 */
record MoquetteTarget(String name) implements BrokerTarget {
    private static final String LAUNCHER = "dev.esl.bench.MoquetteLauncher";

    @Override
    public String describe() {
        return "in memory (persistence_enabled false), in-flight window 10 (fixed in 0.17), epoll, "
                + Targets.HEAP;
    }

    @Override
    public RunningBroker start(int port, Path dir) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Targets.java(), Targets.HEAP, "-cp", absoluteClasspath(), LAUNCHER,
                Integer.toString(port));
        return RunningBroker.launch(name, pb, port, dir.resolve(name + ".log"));
    }

    /** The child may run from another directory; relative entries would break there. */
    private static String absoluteClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
