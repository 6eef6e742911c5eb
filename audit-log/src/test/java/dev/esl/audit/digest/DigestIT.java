package dev.esl.audit.digest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esl.audit.AuditLog;
import dev.esl.audit.chain.ChainHasher;
import dev.esl.audit.event.AuditEvent;
import dev.esl.audit.event.ChainedEvent;
import dev.esl.audit.sink.AuditEventMapper;
import dev.esl.audit.sink.TestMariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed digests on a real MariaDB: written only when something was recorded, verified with the public key alone,
 * and what they are for: a chain rewritten with every hash recomputed passes the chain check but not the digests.
 * Edited, removed and foreign-key digests are named by their line.
 */
class DigestIT {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void digestsFindAChainRewrittenWithItsHashesRecomputed() throws Exception {
        String url = TestMariaDb.newSchema();
        SqlSessionFactory sessions = TestMariaDb.sessions(url);
        DigestKeys keys = DigestKeys.inDirectory(dir.resolve("keys"));
        assertThat(DigestKeys.inDirectory(dir.resolve("keys")).publicKey()).as("made once, then read")
                .isEqualTo(keys.publicKey());
        DigestFile file = new DigestFile(dir.resolve("digests.jsonl"));

        List<AuditEvent> first = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            first.add(TestMariaDb.priceEdit("s1", "P" + i, 100 + i, T0.plusSeconds(i)));
        }
        first.add(TestMariaDb.priceEdit("s2", "Q", 250, T0));
        append(sessions, first);
        assertThat(digest(sessions, file, keys, T0.plusSeconds(60))).isTrue();
        append(sessions, List.of(TestMariaDb.priceEdit("s1", "P7", 107, T0.plusSeconds(70))));
        assertThat(digest(sessions, file, keys, T0.plusSeconds(120))).isTrue();
        assertThat(digest(sessions, file, keys, T0.plusSeconds(180))).as("nothing recorded since").isFalse();
        assertThat(file.lines()).hasSize(2);

        DigestReport clean = verify(sessions, file.lines(), keys);
        assertThat(clean.intact()).isTrue();
        assertThat(clean.checked()).isEqualTo(2);

        // Someone with write access edits event 4 and recomputes every later hash and the head.
        rewrite(url, sessions, "store:s1", 4, "{\"price\":0.01}");
        try (SqlSession s = sessions.openSession()) {
            assertThat(new AuditLog(s.getMapper(AuditEventMapper.class)).verify("store:s1").intact())
                    .as("the chain alone cannot tell").isTrue();
        }
        DigestReport rewritten = verify(sessions, file.lines(), keys);
        assertThat(rewritten.intact()).isFalse();
        assertThat(rewritten.firstBadLine()).isEqualTo(1);
        assertThat(rewritten.problem()).startsWith("line 1: store:s1 seq 6 has hash")
                .contains("in the digest of 2026-12-01T08:01:00Z: the chain was rewritten after it");
    }

    @Test
    void editedRemovedAndForeignDigestsAreNamedByTheirLine() throws Exception {
        String url = TestMariaDb.newSchema();
        SqlSessionFactory sessions = TestMariaDb.sessions(url);
        DigestKeys keys = DigestKeys.inDirectory(dir.resolve("keys"));
        DigestFile file = new DigestFile(dir.resolve("digests.jsonl"));
        for (int i = 1; i <= 3; i++) {
            append(sessions, List.of(TestMariaDb.priceEdit("s1", "P" + i, 100 + i, T0.plusSeconds(i))));
            digest(sessions, file, keys, T0.plusSeconds(60L * i));
        }
        List<String> lines = file.lines();
        assertThat(verify(sessions, lines, keys).intact()).isTrue();

        List<String> edited = new ArrayList<>(lines);
        edited.set(1, edited.get(1).replace("\"seq\":2", "\"seq\":1"));
        assertThat(verify(sessions, edited, keys).problem())
                .isEqualTo("line 2: the signature does not match the digest: it was edited");

        List<String> removed = new ArrayList<>(lines);
        removed.remove(1);
        DigestReport gap = verify(sessions, removed, keys);
        assertThat(gap.firstBadLine()).isEqualTo(2);
        assertThat(gap.problem()).contains("a digest was removed, added or reordered");

        DigestKeys other = DigestKeys.generate();
        assertThat(verify(sessions, lines, other).problem()).startsWith("line 1: signed by key "
                + DigestKeys.keyId(keys.publicKey()) + ", not by the key given");

        List<String> garbage = new ArrayList<>(lines);
        garbage.add("{not json");
        assertThat(verify(sessions, garbage, keys).problem()).startsWith("line 4: not a digest");
        assertThat(DigestKeys.readPublic(dir.resolve("keys").resolve(DigestKeys.PUBLIC_FILE)))
                .isEqualTo(keys.publicKey());
        assertThat(Files.getPosixFilePermissions(dir.resolve("keys").resolve(DigestKeys.PRIVATE_FILE)))
                .hasSize(2);
    }

    private static void append(SqlSessionFactory sessions, List<AuditEvent> events) {
        try (SqlSession s = sessions.openSession(false)) {
            new AuditLog(s.getMapper(AuditEventMapper.class)).append(events);
            s.commit();
        }
    }

    private static boolean digest(SqlSessionFactory sessions, DigestFile file, DigestKeys keys, Instant at)
            throws Exception {
        try (SqlSession s = sessions.openSession()) {
            return file.append(new AuditLog(s.getMapper(AuditEventMapper.class)).heads(), at, keys).isPresent();
        }
    }

    private static DigestReport verify(SqlSessionFactory sessions, List<String> lines, DigestKeys keys) {
        try (SqlSession s = sessions.openSession()) {
            return new DigestVerifier(s.getMapper(AuditEventMapper.class)).verify(lines, keys.publicKey());
        }
    }

    /** Replaces the after value of one event and relinks it and every later event, as a careful forger would. */
    private static void rewrite(String url, SqlSessionFactory sessions, String stream, long seq, String after)
            throws Exception {
        List<ChainedEvent> events;
        try (SqlSession s = sessions.openSession()) {
            events = s.getMapper(AuditEventMapper.class).range(stream, 0, 1000).stream().map(r -> r.toEvent()).toList();
        }
        String prevHash = events.get((int) seq - 2).hash();
        try (Connection c = TestMariaDb.connect(url);
                PreparedStatement update = c.prepareStatement(
                        "UPDATE audit_event SET after_json = ?, prev_hash = ?, hash = ? WHERE stream = ? AND seq = ?");
                PreparedStatement head = c.prepareStatement("UPDATE audit_chain_head SET hash = ? WHERE stream = ?")) {
            for (ChainedEvent e : events.subList((int) seq - 1, events.size())) {
                AuditEvent ev = e.event();
                AuditEvent changed = e.seq() != seq ? ev : AuditEvent.of(ev.at(), ev.actor(), ev.action(), ev.target(),
                        ev.store(), ev.before(), after, ev.outcome(), ev.traceId(), ev.node());
                ChainedEvent relinked = ChainHasher.link(stream, e.seq() - 1, prevHash, changed);
                update.setString(1, changed.after());
                update.setString(2, prevHash);
                update.setString(3, relinked.hash());
                update.setString(4, stream);
                update.setLong(5, e.seq());
                update.executeUpdate();
                prevHash = relinked.hash();
            }
            head.setString(1, prevHash);
            head.setString(2, stream);
            head.executeUpdate();
        }
    }
}
