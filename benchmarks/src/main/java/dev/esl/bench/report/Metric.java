package dev.esl.bench.report;

import dev.esl.bench.load.IdleResult;
import dev.esl.bench.load.Outcome;
import dev.esl.bench.load.ThroughputResult;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * A row of the summary table: how to read one number from an outcome and how to print it. {@code ratio} is
 * false for rows where "ours divided by theirs" means nothing (counts of lost messages).
 */
record Metric(String label, Function<Outcome, OptionalDouble> value, String format, boolean ratio) {

    static List<Metric> throughput() {
        return List.of(
                tp("delivered msgs/s", r -> r.deliveriesPerSec(), "%,.0f", true),
                tp("latency p50 ms", r -> millis(r.latency().p50Micros()), "%.2f", true),
                tp("latency p99 ms", r -> millis(r.latency().p99Micros()), "%.2f", true),
                tp("latency p999 ms", r -> millis(r.latency().p999Micros()), "%.2f", true),
                tp("lost (of expected)", r -> (double) r.lost(), "%,.0f", false),
                tp("peak RSS MiB", r -> r.peakRssKb() / 1024.0, "%,.0f", true));
    }

    static List<Metric> idle() {
        return List.of(
                idle("connections open", r -> (double) r.openAtEnd(), "%,.0f", false),
                idle("connects/s", IdleResult::connectsPerSec, "%,.0f", true),
                idle("RSS per connection KiB", IdleResult::kbPerConnection, "%.1f", true));
    }

    String print(Outcome o) {
        OptionalDouble v = value.apply(o);
        return v.isPresent() ? String.format(Locale.ROOT, format, v.getAsDouble()) : "–";
    }

    private static Metric tp(String label, Function<ThroughputResult, Double> f, String format, boolean ratio) {
        return new Metric(label, o -> o instanceof ThroughputResult r ? present(f.apply(r)) : OptionalDouble.empty(),
                format, ratio);
    }

    private static Metric idle(String label, Function<IdleResult, Double> f, String format, boolean ratio) {
        return new Metric(label, o -> o instanceof IdleResult r ? present(f.apply(r)) : OptionalDouble.empty(),
                format, ratio);
    }

    private static OptionalDouble present(Double d) {
        // NaN marks "not measured"; a negative value is a real reading (RSS can shrink) and is shown.
        return d == null || d.isNaN() ? OptionalDouble.empty() : OptionalDouble.of(d);
    }

    private static double millis(long micros) {
        return micros < 0 ? Double.NaN : micros / 1000.0;
    }
}
