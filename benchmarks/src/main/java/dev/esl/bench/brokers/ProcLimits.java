package dev.esl.bench.brokers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's limits from {@code /proc/<pid>/limits}. */
public final class ProcLimits {
    private ProcLimits() {
    }

    /** The soft limit on open files ("Max open files"); -1 when unlimited or unreadable. */
    public static long openFiles(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "limits")).stream()
                    .filter(l -> l.startsWith("Max open files"))
                    .map(l -> l.substring("Max open files".length()).trim().split("\\s+")[0])
                    .mapToLong(v -> v.equals("unlimited") ? -1 : Long.parseLong(v))
                    .findFirst().orElse(-1);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
