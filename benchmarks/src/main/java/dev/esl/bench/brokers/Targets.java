package dev.esl.bench.brokers;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The brokers {@code --brokers} may name, and the limits they share so the comparison is even. */
public final class Targets {
    /** Outgoing QoS 1/2 messages in flight per client: our default, set on Mosquitto too (its default is 20). */
    static final int MAX_INFLIGHT = 64;
    /** Queued messages per client: our default; never reached, as publishers wait for their subscribers. */
    static final int MAX_QUEUED = 10_000;
    /** Heap of both Java brokers. */
    static final String HEAP = "-Xmx1g";

    private final Map<String, BrokerTarget> byName = new LinkedHashMap<>();

    public Targets(Path brokerJar, Path mosquitto) {
        add(OursTarget.durable("ours", brokerJar, false));
        add(OursTarget.durable("ours-write-all", brokerJar, true));
        add(OursTarget.inMemory("ours-mem", brokerJar));
        add(new MosquittoTarget("mosquitto", mosquitto));
        add(new MoquetteTarget("moquette"));
    }

    private void add(BrokerTarget t) {
        byName.put(t.name(), t);
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    public List<BrokerTarget> select(List<String> names) {
        return names.stream().map(n -> {
            BrokerTarget t = byName.get(n.trim());
            if (t == null) {
                throw new IllegalArgumentException("unknown broker '" + n + "'; known: " + String.join(", ", names()));
            }
            return t;
        }).toList();
    }

    /** The java binary of this JVM, for the Java brokers' child processes. */
    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
