package dev.esl.audit.cli;

import dev.esl.audit.AuditLog;
import dev.esl.audit.query.AuditPage;
import dev.esl.audit.query.AuditQuery;
import dev.esl.audit.sink.AuditEventMapper;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.apache.ibatis.session.SqlSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "query", description = "Events matching every criterion given, newest first, a page at a time.")
final class QueryCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions db;
    @Spec
    CommandSpec spec;

    @Option(names = "--actor", description = "who: a user, API client, device or 'system'")
    String actor;
    @Option(names = "--action", description = "e.g. price-change.create, product.update, jobs.sent")
    String action;
    @Option(names = "--target-type", description = "e.g. product, task, tag, ap")
    String targetType;
    @Option(names = "--target-id")
    String targetId;
    @Option(names = "--store")
    String store;
    @Option(names = "--trace")
    String traceId;
    @Option(names = "--from", description = "ISO-8601 instant, inclusive")
    Instant from;
    @Option(names = "--to", description = "ISO-8601 instant, exclusive")
    Instant to;
    @Option(names = "--page", defaultValue = "0")
    int page;
    @Option(names = "--size", defaultValue = "50")
    int size;
    @Option(names = "--json", description = "JSON lines, as the JSON-lines sink writes them")
    boolean json;
    @Option(names = "--values", description = "also print the before and after values")
    boolean values;

    @Override
    public Integer call() {
        AuditQuery q = new AuditQuery(actor, action, targetType, targetId, store, traceId, from, to, page, size);
        try (SqlSession session = db.open()) {
            AuditPage result = new AuditLog(session.getMapper(AuditEventMapper.class)).query(q);
            EventTable.print(spec.commandLine().getOut(), result.events(), json, values);
            if (!json) {
                spec.commandLine().getOut().printf("page %d: %d of %d events%n", page, result.events().size(),
                        result.total());
            }
        }
        return ExitCodes.OK;
    }
}
