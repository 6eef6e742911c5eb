package dev.esl.audit.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.esl.audit.AuditLog;
import dev.esl.audit.event.ChainedEvent;
import dev.esl.audit.event.EventJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON-lines sink when its file cannot be written: nothing is lost and nothing is skipped, the events wait in
 * the audit table and are written once the file can be. The outage is real: the file's directory is a regular file.
 */
class JsonLinesExporterIT {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    @TempDir
    Path tmp;

    private static long export(SqlSessionFactory sessions, JsonLinesFile file) throws IOException {
        try (SqlSession s = sessions.openSession(false)) {
            long n = new JsonLinesExporter(s.getMapper(AuditEventMapper.class), file).exportNew(10_000);
            s.commit();
            return n;
        }
    }

    private static void append(SqlSessionFactory sessions, int from, int to) {
        try (SqlSession s = sessions.openSession(false)) {
            AuditLog audit = new AuditLog(s.getMapper(AuditEventMapper.class));
            for (int i = from; i < to; i++) {
                audit.append(List.of(TestMariaDb.priceEdit(i % 2 == 0 ? "s1" : null, "P" + i, 100 + i, T0.plusSeconds(i))));
            }
            s.commit();
        }
    }

    @Test
    void anUnwritableFileLosesNoEventAndCatchesUpOnceWritable() throws Exception {
        String url = TestMariaDb.newSchema();
        SqlSessionFactory sessions = TestMariaDb.sessions(url);
        Path blocker = tmp.resolve("logs");
        Files.writeString(blocker, "not a directory");
        Path target = blocker.resolve("audit.jsonl");
        try (JsonLinesFile file = new JsonLinesFile(target, "10MB", 30)) {
            append(sessions, 0, 10);
            assertThatThrownBy(() -> export(sessions, file)).isInstanceOf(IOException.class)
                    .hasMessageContaining("audit.jsonl");
            append(sessions, 10, 20);
            assertThatThrownBy(() -> export(sessions, file)).isInstanceOf(IOException.class);
            assertThat(TestMariaDb.count(url, "SELECT COUNT(*) FROM audit_export WHERE stream <> ''"))
                    .as("no position moved while the file was out").isZero();

            Files.delete(blocker);
            Files.createDirectories(blocker);
            assertThat(export(sessions, file)).isEqualTo(20);
            assertThat(export(sessions, file)).as("nothing twice").isZero();
            append(sessions, 20, 23);
            assertThat(export(sessions, file)).isEqualTo(3);
        }
        List<ChainedEvent> lines = Files.readAllLines(target).stream().map(EventJson::read).toList();
        assertThat(lines).hasSize(23);
        assertThat(lines.stream().filter(e -> e.stream().equals("store:s1")).map(ChainedEvent::seq))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(lines.stream().filter(e -> e.stream().equals("chain")).map(ChainedEvent::seq))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
    }
}
