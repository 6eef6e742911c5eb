package dev.esl.audit.digest;

import dev.esl.audit.chain.Link;
import dev.esl.audit.sink.AuditEventMapper;
import dev.esl.audit.sink.EventRow;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a digest file against the public key and the database: each line signed by the key, each linked to the
 * line before, heads that only grow, and each head's event still in the database with the hash the digest
 * recorded. The last check is what finds a chain rewritten with all its hashes recomputed.
 */
public final class DigestVerifier {
    private final AuditEventMapper mapper;

    public DigestVerifier(AuditEventMapper mapper) {
        this.mapper = mapper;
    }

    public DigestReport verify(List<String> lines, PublicKey key) {
        String keyId = DigestKeys.keyId(key);
        String previous = Digest.FIRST;
        Map<String, Long> seen = new HashMap<>();
        List<String> notes = new ArrayList<>();
        int checked = 0;
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            if (lines.get(i).isBlank()) {
                continue;
            }
            Digest d;
            try {
                d = Digest.parse(lines.get(i));
            } catch (IllegalArgumentException e) {
                return bad(checked, lineNo, e.getMessage(), notes);
            }
            if (!d.keyId().equals(keyId)) {
                return bad(checked, lineNo, "signed by key " + d.keyId() + ", not by the key given (" + keyId + ")",
                        notes);
            }
            if (!DigestKeys.verifies(key, d.signedText(), d.signature())) {
                return bad(checked, lineNo, "the signature does not match the digest: it was edited", notes);
            }
            if (!d.previous().equals(previous)) {
                return bad(checked, lineNo, "does not follow the digest before it: a digest was removed, added or"
                        + " reordered", notes);
            }
            for (Digest.Head h : d.heads()) {
                Long before = seen.put(h.stream(), h.seq());
                if (before != null && h.seq() < before) {
                    return bad(checked, lineNo, h.stream() + " went back from seq " + before + " to " + h.seq(),
                            notes);
                }
                String problem = compare(d, h, notes);
                if (problem != null) {
                    return bad(checked, lineNo, problem, notes);
                }
            }
            previous = d.hash();
            checked++;
        }
        return new DigestReport(true, checked, null, null, notes);
    }

    /** Null when the database agrees with the head. */
    private String compare(Digest d, Digest.Head h, List<String> notes) {
        List<EventRow> rows = mapper.range(h.stream(), h.seq() - 1, 1);
        if (!rows.isEmpty() && rows.get(0).seq() == h.seq()) {
            String hash = rows.get(0).hash();
            return hash.equals(h.hash()) ? null : h.stream() + " seq " + h.seq() + " has hash " + hash
                    + " in the database, " + h.hash() + " in the digest of " + d.at()
                    + ": the chain was rewritten after it";
        }
        Link archived = mapper.archivedUpTo(h.stream());
        if (archived != null && archived.seq() >= h.seq()) {
            notes.add(h.stream() + " seq " + h.seq() + " (digest of " + d.at() + ") is archived, not compared");
            return null;
        }
        return h.stream() + " seq " + h.seq() + " (digest of " + d.at() + ") is missing from the database";
    }

    private static DigestReport bad(int checked, int line, String problem, List<String> notes) {
        return new DigestReport(false, checked, line, "line " + line + ": " + problem, notes);
    }
}
