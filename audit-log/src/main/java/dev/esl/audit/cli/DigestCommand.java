package dev.esl.audit.cli;

import dev.esl.audit.AuditLog;
import dev.esl.audit.digest.DigestFile;
import dev.esl.audit.digest.DigestKeys;
import dev.esl.audit.sink.AuditEventMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.apache.ibatis.session.SqlSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "digest", description = "Signs every stream's head now and appends it to the digest file"
        + " (the tag manager does this on a schedule).")
final class DigestCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions db;
    @Spec
    CommandSpec spec;

    @Option(names = "--file", required = true, description = "the digest file (JSON lines)")
    Path file;

    @Option(names = "--key-dir", required = true,
            description = "where audit-digest.key and audit-digest.pub are (made there when missing)")
    Path keyDir;

    @Override
    public Integer call() throws IOException {
        DigestKeys keys = DigestKeys.inDirectory(keyDir);
        try (SqlSession session = db.open()) {
            var heads = new AuditLog(session.getMapper(AuditEventMapper.class)).heads();
            PrintWriter out = spec.commandLine().getOut();
            new DigestFile(file).append(heads, Instant.now(), keys).ifPresentOrElse(
                    d -> out.printf("digest of %s: %d streams, signed by key %s%n", d.at(), d.heads().size(), d.keyId()),
                    () -> out.println("no digest: nothing was recorded since the last one"));
            out.flush();
        }
        return ExitCodes.OK;
    }
}
