package dev.esl.audit.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esl.audit.AuditLog;
import dev.esl.audit.chain.ChainHasher;
import dev.esl.audit.chain.VerificationReport;
import dev.esl.audit.event.ChainedEvent;
import dev.esl.audit.event.EventJson;
import dev.esl.audit.sink.AuditEventMapper;
import dev.esl.audit.sink.TestMariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditArchiverIT {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void oldEventsGoToAFileAndWhatStaysStillVerifies() throws Exception {
        String url = TestMariaDb.newSchema();
        SqlSessionFactory sessions = TestMariaDb.sessions(url);
        try (SqlSession s = sessions.openSession(false)) {
            AuditLog audit = new AuditLog(s.getMapper(AuditEventMapper.class));
            for (int day = 0; day < 10; day++) {
                audit.append(List.of(TestMariaDb.priceEdit("s1", "P" + day, 100 + day, T0.plusSeconds(86_400L * day))));
            }
            s.commit();
        }
        List<AuditArchiver.Archived> archived;
        try (SqlSession s = sessions.openSession(false)) {
            archived = new AuditArchiver(s.getMapper(AuditEventMapper.class), dir)
                    .archiveBefore(T0.plusSeconds(86_400L * 6), Instant.now());
            s.commit();
        }
        assertThat(archived).singleElement().satisfies(a -> {
            assertThat(a.firstSeq()).isEqualTo(1);
            assertThat(a.lastSeq()).isEqualTo(6);
        });
        List<ChainedEvent> lines = Files.readAllLines(archived.get(0).file()).stream().map(EventJson::read).toList();
        assertThat(lines).extracting(ChainedEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(lines).allSatisfy(e -> assertThat(ChainHasher.hashOf(e)).isEqualTo(e.hash()));
        assertThat(TestMariaDb.count(url, "SELECT COUNT(*) FROM audit_event")).isEqualTo(4);

        try (SqlSession s = sessions.openSession(false)) {
            VerificationReport r = new AuditLog(s.getMapper(AuditEventMapper.class)).verify("store:s1");
            assertThat(r.intact()).isTrue();
            assertThat(r.checked()).isEqualTo(4);
            assertThat(r.lastSeq()).isEqualTo(10);
        }
        TestMariaDb.execute(url, "DELETE FROM audit_event WHERE seq = 7");
        try (SqlSession s = sessions.openSession(false)) {
            assertThat(new AuditLog(s.getMapper(AuditEventMapper.class)).verify("store:s1").firstBad())
                    .as("deleting the first kept event is not mistaken for archiving").isEqualTo(7);
        }
    }
}
