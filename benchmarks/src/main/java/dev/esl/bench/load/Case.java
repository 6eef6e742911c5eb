package dev.esl.bench.load;

/**
 * One row group of the report: a throughput scenario, or the idle scenario with one connection count.
 *
 * @param connections idle connections; 0 for the throughput scenarios
 */
public record Case(Scenario scenario, int connections) {

    public String label() {
        if (scenario != Scenario.IDLE) {
            return scenario.label();
        }
        return "idle-" + (connections % 1000 == 0 ? connections / 1000 + "k" : Integer.toString(connections));
    }
}
