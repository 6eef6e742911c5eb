package dev.esl.audit.cli;

import dev.esl.audit.AuditLog;
import dev.esl.audit.sink.AuditEventMapper;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.apache.ibatis.session.SqlSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "heads", description = "Each stream's last seq and hash: a digest to keep or publish elsewhere.")
final class HeadsCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions db;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (SqlSession session = db.open()) {
            PrintWriter out = spec.commandLine().getOut();
            out.println("# audit heads at " + Instant.now());
            new AuditLog(session.getMapper(AuditEventMapper.class)).heads()
                    .forEach(h -> out.printf("%s %d %s%n", h.stream(), h.seq(), h.hash()));
            out.flush();
        }
        return ExitCodes.OK;
    }
}
