package dev.esl.bench.report;

import dev.esl.bench.load.Case;
import dev.esl.bench.load.Outcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Outcomes by case and broker, in the order they ran. */
public final class Results {
    private final List<String> brokers;
    private final Map<Case, Map<String, Outcome>> outcomes = new LinkedHashMap<>();

    public Results(List<String> brokers) {
        this.brokers = List.copyOf(brokers);
    }

    public void put(Case c, String broker, Outcome outcome) {
        outcomes.computeIfAbsent(c, k -> new LinkedHashMap<>()).put(broker, outcome);
    }

    public List<String> brokers() {
        return brokers;
    }

    public Map<Case, Map<String, Outcome>> byCase() {
        return outcomes;
    }
}
