package dev.esl.audit.event;

import java.util.Objects;

/**
 * An event in its chain: its stream, its sequence number there (1, 2, 3... with no gap), the hash of the event
 * before it (64 zeros for the first) and its own hash, the SHA-256 of its canonical JSON without the hash itself.
 *
 * @param id the row id in the table (0 before it is stored); not hashed, it only orders pages
 */
public record ChainedEvent(long id, int schema, String stream, long seq, AuditEvent event, String prevHash,
        String hash) {
    /** The version of the event model and of its canonical JSON; a new field means a new version. */
    public static final int SCHEMA = 1;

    public ChainedEvent {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
    }
}
