package dev.esl.audit.digest;

import java.util.List;

/**
 * What checking a digest file found: {@code intact} when every digest is signed by the key, follows the one before,
 * and names heads the database still has; else the first bad line and what is wrong. {@code notes}: heads that can
 * no longer be compared because retention archived those events (not a failure).
 */
public record DigestReport(boolean intact, int checked, Integer firstBadLine, String problem, List<String> notes) {
    public DigestReport {
        notes = List.copyOf(notes);
    }
}
