package dev.esl.bench.report;

import dev.esl.bench.load.Case;
import dev.esl.bench.load.IdleResult;
import dev.esl.bench.load.Outcome;
import dev.esl.bench.load.Scenario;
import dev.esl.bench.load.ThroughputResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The side-by-side table (one row per case and metric, one column per broker, then the ratio of each of our
 * configurations to each other broker) and a detail table with the raw counts behind it.
 */
public final class MarkdownReport {
    /** Our brokers' names start with this ("ours", "ours-mem"); the others are the ones we compare with. */
    static final String OURS = "ours";

    private final Results results;
    private final List<String> header;

    /** @param header lines printed above the tables (command, settings, machine) */
    public MarkdownReport(Results results, List<String> header) {
        this.results = results;
        this.header = header;
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        header.forEach(l -> out.append(l).append('\n'));
        out.append('\n');
        summary(out);
        out.append('\n');
        details(out);
        return out.toString();
    }

    private record Pair(String ours, String other) {
    }

    private List<Pair> ratios() {
        List<Pair> pairs = new ArrayList<>();
        for (String o : results.brokers()) {
            if (o.startsWith(OURS)) {
                results.brokers().stream().filter(b -> !b.startsWith(OURS)).forEach(b -> pairs.add(new Pair(o, b)));
            }
        }
        return pairs;
    }

    private void summary(StringBuilder out) {
        List<String> cols = new ArrayList<>(List.of("case", "metric"));
        cols.addAll(results.brokers());
        ratios().forEach(p -> cols.add(p.ours() + "/" + p.other()));
        row(out, cols);
        row(out, cols.stream().map(c -> c.equals("case") || c.equals("metric") ? "---" : "---:").toList());
        for (Map.Entry<Case, Map<String, Outcome>> e : results.byCase().entrySet()) {
            Case c = e.getKey();
            List<Metric> metrics = c.scenario() == Scenario.IDLE ? Metric.idle() : Metric.throughput();
            for (Metric m : metrics) {
                List<String> cells = new ArrayList<>(List.of(c.label(), m.label()));
                for (String b : results.brokers()) {
                    Outcome o = e.getValue().get(b);
                    cells.add(o == null ? "" : o instanceof Outcome.Failed ? "failed"
                            : o instanceof Outcome.Skipped ? "skipped" : m.print(o));
                }
                for (Pair p : ratios()) {
                    cells.add(m.ratio() ? ratio(m, e.getValue().get(p.ours()), e.getValue().get(p.other())) : "");
                }
                row(out, cells);
            }
        }
        out.append('\n').append("Ratios are ours divided by the other broker: above 1 is better for msgs/s and "
                + "connects/s, worse for latency and memory.\n");
    }

    private static String ratio(Metric m, Outcome ours, Outcome other) {
        if (ours == null || other == null) {
            return "";
        }
        OptionalDouble a = m.value().apply(ours);
        OptionalDouble b = m.value().apply(other);
        if (a.isEmpty() || b.isEmpty() || b.getAsDouble() == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f", a.getAsDouble() / b.getAsDouble());
    }

    private void details(StringBuilder out) {
        out.append("Details\n\n");
        row(out, List.of("case", "broker", "expected", "delivered", "lost", "duplicates", "publish failures",
                "seconds", "publishes acked/s", "max latency ms", "notes"));
        row(out, List.of("---", "---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---"));
        for (Map.Entry<Case, Map<String, Outcome>> e : results.byCase().entrySet()) {
            for (Map.Entry<String, Outcome> b : e.getValue().entrySet()) {
                row(out, detail(e.getKey(), b.getKey(), b.getValue()));
            }
        }
    }

    private static List<String> detail(Case c, String broker, Outcome o) {
        if (o instanceof ThroughputResult r) {
            return List.of(c.label(), broker, fmt("%,d", r.expected()), fmt("%,d", r.delivered()),
                    fmt("%,d", r.lost()), fmt("%,d", r.duplicates()), fmt("%,d", r.publishFailures()),
                    fmt("%.1f", r.seconds()), fmt("%,.0f", r.publishesPerSec()),
                    r.latency().maxMicros() < 0 ? "–" : fmt("%.1f", r.latency().maxMicros() / 1000.0), "");
        }
        if (o instanceof IdleResult r) {
            String note = fmt("CONNACKs %,d, open at the end %,d; RSS %,d → %,d KiB", r.connected(), r.openAtEnd(),
                    r.rssBeforeKb(), r.rssAfterKb())
                    + (r.firstError() == null ? "" : "; first failure: " + r.firstError());
            return List.of(c.label(), broker, fmt("%,d", r.requested()), fmt("%,d", r.connected()),
                    fmt("%,d", r.requested() - r.connected()), "", "", fmt("%.1f", r.connectSeconds()), "", "", note);
        }
        String why = o instanceof Outcome.Skipped s ? "skipped: " + s.reason()
                : "failed: " + ((Outcome.Failed) o).reason();
        return List.of(c.label(), broker, "", "", "", "", "", "", "", "", why);
    }

    private static String fmt(String format, Object... v) {
        return String.format(Locale.ROOT, format, v);
    }

    private static void row(StringBuilder out, List<String> cells) {
        out.append("| ");
        out.append(String.join(" | ", cells.stream().map(c -> c.replace("|", "\\|")).toList()));
        out.append(" |\n");
    }
}
