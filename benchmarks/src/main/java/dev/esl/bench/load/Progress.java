package dev.esl.bench.load;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs a status line every few seconds while a phase runs, so a long or stuck run is visible. */
final class Progress implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("progress");
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-progress");
        t.setDaemon(true);
        return t;
    });

    Progress(String prefix, Supplier<String> status) {
        timer.scheduleAtFixedRate(() -> log.info("[{}] {}", prefix, status.get()), 5, 5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
