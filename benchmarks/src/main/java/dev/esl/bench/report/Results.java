package dev.esl.bench.report;

import dev.esl.bench.load.Outcome;
import dev.esl.bench.load.Scenario;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Outcomes by scenario and broker, in the order they ran. */
public final class Results {
    private final List<String> brokers;
    private final Map<Scenario, Map<String, Outcome>> outcomes = new LinkedHashMap<>();

    public Results(List<String> brokers) {
        this.brokers = List.copyOf(brokers);
    }

    public void put(Scenario scenario, String broker, Outcome outcome) {
        outcomes.computeIfAbsent(scenario, s -> new LinkedHashMap<>()).put(broker, outcome);
    }

    public List<String> brokers() {
        return brokers;
    }

    public Map<Scenario, Map<String, Outcome>> byScenario() {
        return outcomes;
    }

    Outcome get(Scenario scenario, String broker) {
        return outcomes.getOrDefault(scenario, Map.of()).get(broker);
    }
}
