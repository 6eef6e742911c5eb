package dev.esl.bench.brokers;

import java.io.IOException;
import java.nio.file.Path;

/** A broker the benchmark can start as a separate OS process, on a loopback port, with its files in a work dir. */
public interface BrokerTarget {

    /** The column name in the report. */
    String name();

    /** One line for the report: what runs and with which settings that matter for the comparison. */
    String describe();

    /** Starts the broker and returns once it accepts TCP connections on {@code port}. */
    RunningBroker start(int port, Path dir) throws IOException, InterruptedException;
}
