package dev.esl.audit.cli;

import dev.esl.audit.retention.AuditArchiver;
import dev.esl.audit.sink.AuditEventMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.ibatis.session.SqlSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "archive", description = "Moves events older than --before to JSON-lines files, then deletes them"
        + " (needs a user with DELETE on audit_event).")
final class ArchiveCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions db;
    @Spec
    CommandSpec spec;

    @Option(names = "--before", required = true, description = "ISO-8601 instant: events older than this go")
    Instant before;
    @Option(names = "--dir", required = true, description = "directory for the archive files")
    Path dir;

    @Override
    public Integer call() throws IOException {
        try (SqlSession session = db.open()) {
            List<AuditArchiver.Archived> done = new AuditArchiver(session.getMapper(AuditEventMapper.class), dir)
                    .archiveBefore(before, Instant.now());
            session.commit();
            done.forEach(a -> spec.commandLine().getOut().printf("%s seq %d-%d -> %s%n", a.stream(), a.firstSeq(),
                    a.lastSeq(), a.file()));
            spec.commandLine().getOut().flush();
        }
        return ExitCodes.OK;
    }
}
