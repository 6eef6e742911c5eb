package dev.esl.audit.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esl.audit.AuditLog;
import dev.esl.audit.chain.VerificationReport;
import dev.esl.audit.event.AuditEvent;
import dev.esl.audit.event.ChainedEvent;
import dev.esl.audit.query.AuditPage;
import dev.esl.audit.query.AuditQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.Test;

/** The chains on a real MariaDB: appended under the head lock, queried, and checked after real tampering. */
class StoredChainsIT {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    private static void append(SqlSessionFactory sessions, List<AuditEvent> events) {
        try (SqlSession s = sessions.openSession(false)) {
            // A read first, as a real transaction makes before it records its event: it fixes the transaction's
            // snapshot, which other writers' commits then overtake.
            s.getMapper(AuditEventMapper.class).heads();
            Thread.onSpinWait();
            new AuditLog(s.getMapper(AuditEventMapper.class)).append(events);
            s.commit();
        }
    }

    private static VerificationReport verify(SqlSessionFactory sessions, String stream) {
        try (SqlSession s = sessions.openSession(false)) {
            return new AuditLog(s.getMapper(AuditEventMapper.class)).verify(stream);
        }
    }

    @Test
    void editingOrDeletingARowIsFoundAtItsSequenceNumber() throws Exception {
        String url = TestMariaDb.newSchema();
        SqlSessionFactory sessions = TestMariaDb.sessions(url);
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            events.add(TestMariaDb.priceEdit("s1", "P" + i, 100 + i, T0.plusSeconds(i)));
        }
        append(sessions, events);
        append(sessions, List.of(TestMariaDb.priceEdit("s2", "Q", 250, T0)));
        assertThat(verify(sessions, "store:s1").intact()).isTrue();

        TestMariaDb.execute(url, "UPDATE audit_event SET after_json = '{\"price\":0.01}' WHERE stream = 'store:s1' AND seq = 4");
        VerificationReport edited = verify(sessions, "store:s1");
        assertThat(edited.intact()).isFalse();
        assertThat(edited.firstBad()).isEqualTo(4);
        assertThat(edited.lastSeq()).isEqualTo(3);
        assertThat(verify(sessions, "store:s2").intact()).as("other stores' chains are their own").isTrue();

        TestMariaDb.execute(url, "UPDATE audit_event SET after_json = '{\"price\":1.04}' WHERE stream = 'store:s1' AND seq = 4");
        assertThat(verify(sessions, "store:s1").intact()).as("the original value restored").isTrue();

        TestMariaDb.execute(url, "DELETE FROM audit_event WHERE stream = 'store:s1' AND seq = 2");
        VerificationReport deleted = verify(sessions, "store:s1");
        assertThat(deleted.firstBad()).isEqualTo(2);
        assertThat(deleted.problem()).startsWith("missing");

        TestMariaDb.execute(url, "DELETE FROM audit_event WHERE stream = 'store:s2'");
        VerificationReport emptied = verify(sessions, "store:s2");
        assertThat(emptied.firstBad()).as("the head still knows seq 1").isEqualTo(1);
    }

    @Test
    void concurrentWritersNeverForkAChain() throws Exception {
        String url = TestMariaDb.newSchema();
        SqlSessionFactory sessions = TestMariaDb.sessions(url);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    // Two streams per transaction, in both orders: the sorted lock order keeps them deadlock-free.
                    append(sessions, List.of(TestMariaDb.priceEdit(writer % 2 == 0 ? "a" : "b", "W" + writer + "-" + i,
                            100, T0), TestMariaDb.priceEdit(writer % 2 == 0 ? "b" : "a", "V" + writer + "-" + i, 100, T0)));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        for (String stream : List.of("store:a", "store:b")) {
            VerificationReport r = verify(sessions, stream);
            assertThat(r.intact()).isTrue();
            assertThat(r.lastSeq()).isEqualTo(100);
        }
        assertThat(TestMariaDb.count(url, "SELECT COUNT(DISTINCT stream, seq) FROM audit_event")).isEqualTo(200);
    }

    @Test
    void queriesFilterAndPageNewestFirst() throws Exception {
        String url = TestMariaDb.newSchema();
        SqlSessionFactory sessions = TestMariaDb.sessions(url);
        for (int i = 0; i < 5; i++) {
            append(sessions, List.of(TestMariaDb.priceEdit("s1", "P" + i, 100 + i, T0.plusSeconds(i))));
        }
        try (SqlSession s = sessions.openSession(false)) {
            AuditLog audit = new AuditLog(s.getMapper(AuditEventMapper.class));
            AuditPage page = audit.query(new AuditQuery("ann", "product.update", null, null, "s1", null,
                    T0.plusSeconds(1), T0.plusSeconds(4), 0, 2));
            assertThat(page.total()).isEqualTo(3);
            assertThat(page.events()).extracting(e -> e.event().target().id()).containsExactly("P3", "P2");
            AuditPage second = audit.query(new AuditQuery(null, null, "product", null, null, null, T0.plusSeconds(1),
                    T0.plusSeconds(4), 1, 2));
            assertThat(second.events()).extracting(e -> e.event().target().id()).containsExactly("P1");
            List<ChainedEvent> trace = audit.trace("trace-P2").events();
            assertThat(trace).hasSize(1);
            assertThat(trace.get(0).event().after()).isEqualTo("{\"price\":1.02}");
            assertThat(audit.query(new AuditQuery("bob", null, null, null, null, null, null, null, 0, 10)).total())
                    .isZero();
        }
    }
}
