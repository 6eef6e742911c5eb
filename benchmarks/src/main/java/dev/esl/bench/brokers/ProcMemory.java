package dev.esl.bench.brokers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's resident memory from {@code /proc/<pid>/status}: VmRSS now and VmHWM, the peak since it started.
 *
 * @param rssKb     VmRSS, KiB
 * @param peakRssKb VmHWM, KiB
 */
public record ProcMemory(long rssKb, long peakRssKb) {

    public static ProcMemory of(long pid) throws IOException {
        long rss = -1;
        long peak = -1;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = kilobytes(line);
            } else if (line.startsWith("VmHWM:")) {
                peak = kilobytes(line);
            }
        }
        if (rss < 0) {
            throw new IOException("no VmRSS in /proc/" + pid + "/status");
        }
        return new ProcMemory(rss, peak);
    }

    /** "VmRSS:	  123456 kB" */
    private static long kilobytes(String line) {
        String v = line.substring(line.indexOf(':') + 1).trim();
        return Long.parseLong(v.substring(0, v.indexOf(' ')));
    }
}
