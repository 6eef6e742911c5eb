package dev.esl.audit.cli;

import dev.esl.audit.AuditLog;
import dev.esl.audit.query.TagStep;
import dev.esl.audit.query.Trace;
import dev.esl.audit.sink.AuditEventMapper;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.ibatis.session.SqlSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "trace", description = "Every event of one price change (task) in order, and each tag's path.")
final class TraceCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions db;
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "the trace id (the task's traceId)")
    String traceId;
    @Option(names = "--json", description = "the events as JSON lines, without the per-tag paths")
    boolean json;
    @Option(names = "--tags", defaultValue = "20", description = "how many tags' paths to print (default 20)")
    int tags;

    @Override
    public Integer call() {
        try (SqlSession session = db.open()) {
            Trace trace = new AuditLog(session.getMapper(AuditEventMapper.class)).trace(traceId);
            PrintWriter out = spec.commandLine().getOut();
            EventTable.print(out, trace.events(), json, false);
            if (json) {
                return ExitCodes.OK;
            }
            out.printf("%d events, %d tags%n", trace.events().size(), trace.tags().size());
            int shown = 0;
            for (Map.Entry<String, List<TagStep>> t : trace.tags().entrySet()) {
                if (shown++ == tags) {
                    out.printf("... %d more tags%n", trace.tags().size() - tags);
                    break;
                }
                out.printf("  %s %s%n", t.getKey(), String.join(" -> ", t.getValue().stream()
                        .map(s -> s.state() + "@" + s.at() + (s.ap() == null ? "" : "(" + s.ap() + ")")).toList()));
            }
            out.flush();
        }
        return ExitCodes.OK;
    }
}
