package dev.esl.audit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esl.audit.AuditLog;
import dev.esl.audit.sink.AuditEventMapper;
import dev.esl.audit.sink.TestMariaDb;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code audit} command against a real database, as an auditor runs it. */
class AuditCliIT {
    private static String url;

    private record Run(int exit, String out, String err) {
    }

    private static Run audit(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = AuditMain.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeAll
    static void events() throws Exception {
        url = TestMariaDb.newSchema();
        try (SqlSession s = TestMariaDb.sessions(url).openSession(false)) {
            AuditLog audit = new AuditLog(s.getMapper(AuditEventMapper.class));
            Instant t0 = Instant.parse("2026-12-01T08:00:00Z");
            audit.append(List.of(TestMariaDb.priceEdit("s1", "MILK", 119, t0),
                    TestMariaDb.priceEdit("s1", "TEA", 249, t0.plusSeconds(60)),
                    TestMariaDb.priceEdit("s2", "MILK", 129, t0.plusSeconds(120))));
            s.commit();
        }
    }

    @Test
    void queryPrintsMatchingEventsNewestFirst() {
        Run r = audit("query", "--url", url, "--target-id", "MILK", "--values");
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().filter(l -> l.startsWith("2026"))).hasSize(2);
        assertThat(r.out()).containsSubsequence("store:s2", "store:s1").contains("after  {\"price\":1.19}")
                .contains("page 0: 2 of 2 events");
        Run json = audit("query", "--url", url, "--store", "s1", "--json");
        assertThat(json.out().lines()).hasSize(2).allMatch(l -> l.startsWith("{\"action\":\"product.update\""));
    }

    @Test
    void verifyExitsOneNamingTheFirstBadSeq() throws Exception {
        assertThat(audit("verify", "--url", url).exit()).isZero();
        TestMariaDb.execute(url, "UPDATE audit_event SET actor_id = 'mallory' WHERE stream = 'store:s1' AND seq = 2");
        try {
            Run r = audit("verify", "--url", url, "--store", "s1");
            assertThat(r.exit()).isEqualTo(ExitCodes.BROKEN);
            assertThat(r.out()).contains("store:s1").contains("BROKEN  at seq 2");
        } finally {
            TestMariaDb.execute(url, "UPDATE audit_event SET actor_id = 'ann' WHERE stream = 'store:s1' AND seq = 2");
        }
    }

    @Test
    void digestsAreSignedAndVerifiedWithThePublicKeyAlone(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("digests.jsonl");
        Run signed = audit("digest", "--url", url, "--file", file.toString(), "--key-dir", dir.resolve("keys").toString());
        assertThat(signed.exit()).isZero();
        assertThat(signed.out()).contains("2 streams, signed by key");
        assertThat(audit("digest", "--url", url, "--file", file.toString(), "--key-dir",
                dir.resolve("keys").toString()).out()).contains("no digest: nothing was recorded since the last one");
        Path publicKey = dir.resolve("keys").resolve("audit-digest.pub");
        Run ok = audit("verify-digests", "--url", url, "--file", file.toString(), "--public-key", publicKey.toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).startsWith("digests ok: 1 checked");

        Files.writeString(file, Files.readString(file).replace("\"seq\":2", "\"seq\":3"));
        Run edited = audit("verify-digests", "--url", url, "--file", file.toString(), "--public-key",
                publicKey.toString());
        assertThat(edited.exit()).isEqualTo(ExitCodes.BROKEN);
        assertThat(edited.out()).contains("digests BROKEN at line 1: the signature does not match");
        Run noKey = audit("verify-digests", "--url", url, "--file", file.toString(), "--public-key",
                file.toString());
        assertThat(noKey.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noKey.err()).contains("is not an Ed25519 public key in PEM");
    }

    @Test
    void badInputAndAnUnreachableDatabaseHaveTheirExitCodes() {
        assertThat(audit("query", "--url", url, "--size", "0").exit()).isEqualTo(ExitCodes.BAD_INPUT);
        Run down = audit("verify", "--url", "jdbc:mysql://127.0.0.1:1/none");
        assertThat(down.exit()).isEqualTo(ExitCodes.DATABASE);
        assertThat(down.err()).startsWith("audit: ");
    }
}
