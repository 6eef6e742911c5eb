package dev.esl.audit.cli;

import dev.esl.audit.digest.DigestFile;
import dev.esl.audit.digest.DigestKeys;
import dev.esl.audit.digest.DigestReport;
import dev.esl.audit.digest.DigestVerifier;
import dev.esl.audit.sink.AuditEventMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.ibatis.session.SqlSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "verify-digests", description = "Checks the signed digests against the public key and the"
        + " database: exit code 1 names the first bad line, such as a chain rewritten after a digest.")
final class VerifyDigestsCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions db;
    @Spec
    CommandSpec spec;

    @Option(names = "--file", required = true, description = "the digest file (JSON lines)")
    Path file;

    @Option(names = "--public-key", required = true, description = "audit-digest.pub, kept apart from the database")
    Path publicKey;

    @Override
    public Integer call() throws IOException {
        java.security.PublicKey key;
        try {
            key = DigestKeys.readPublic(publicKey);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e); // the operator's input, not our failure
        }
        try (SqlSession session = db.open()) {
            DigestReport r = new DigestVerifier(session.getMapper(AuditEventMapper.class))
                    .verify(new DigestFile(file).lines(), key);
            PrintWriter out = spec.commandLine().getOut();
            r.notes().forEach(n -> out.println("note: " + n));
            if (r.intact()) {
                out.printf("digests ok: %d checked, signed by key %s%n", r.checked(), DigestKeys.keyId(key));
            } else {
                out.printf("digests BROKEN at %s (%d good before it)%n", r.problem(), r.checked());
            }
            out.flush();
            return r.intact() ? ExitCodes.OK : ExitCodes.BROKEN;
        }
    }
}
