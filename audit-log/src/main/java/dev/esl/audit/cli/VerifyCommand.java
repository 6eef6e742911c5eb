package dev.esl.audit.cli;

import dev.esl.audit.AuditLog;
import dev.esl.audit.chain.VerificationReport;
import dev.esl.audit.event.Streams;
import dev.esl.audit.sink.AuditEventMapper;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.ibatis.session.SqlSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "verify", description = "Checks every link of the chains; exit code 1 names the first bad seq.")
final class VerifyCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions db;
    @Spec
    CommandSpec spec;

    @Option(names = "--store", description = "one store's chain, or 'chain' for chain-wide events (default: all)")
    String store;

    @Override
    public Integer call() {
        try (SqlSession session = db.open()) {
            AuditLog audit = new AuditLog(session.getMapper(AuditEventMapper.class));
            List<VerificationReport> reports = store == null ? audit.verifyAll()
                    : List.of(audit.verify(Streams.named(store)));
            PrintWriter out = spec.commandLine().getOut();
            boolean intact = true;
            for (VerificationReport r : reports) {
                if (r.intact()) {
                    out.printf("%-20s ok      %d events checked, up to seq %d%n", r.stream(), r.checked(), r.lastSeq());
                } else {
                    intact = false;
                    out.printf("%-20s BROKEN  at seq %d: %s (%d events good before it)%n", r.stream(), r.firstBad(),
                            r.problem(), r.checked());
                }
            }
            out.flush();
            return intact ? ExitCodes.OK : ExitCodes.BROKEN;
        }
    }
}
