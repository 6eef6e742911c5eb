package dev.esl.audit.chain;

import dev.esl.audit.event.AuditEvent;
import dev.esl.audit.event.ChainedEvent;
import dev.esl.audit.event.EventJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Links events: each one's hash is the SHA-256 of its canonical JSON, which includes the previous event's hash. */
public final class ChainHasher {
    /** The previous hash of a stream's first event. */
    public static final String GENESIS = "0".repeat(64);

    private ChainHasher() {
    }

    /** The event as the next link after {@code prevSeq} / {@code prevHash} in {@code stream}. */
    public static ChainedEvent link(String stream, long prevSeq, String prevHash, AuditEvent event) {
        ChainedEvent unhashed = new ChainedEvent(0, ChainedEvent.SCHEMA, stream, prevSeq + 1, event, prevHash, "");
        return new ChainedEvent(0, ChainedEvent.SCHEMA, stream, prevSeq + 1, event, prevHash, hashOf(unhashed));
    }

    /** What the hash of an event should be, whatever its {@code hash} field says. */
    public static String hashOf(ChainedEvent e) {
        return sha256(EventJson.hashInput(e));
    }

    static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
