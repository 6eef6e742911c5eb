package dev.esl.bench.load;

/** End-to-end latency percentiles in microseconds (publish call to subscriber callback); -1 when nothing arrived. */
public record Latency(long p50Micros, long p99Micros, long p999Micros, long maxMicros) {
    static final Latency NONE = new Latency(-1, -1, -1, -1);
}
