package dev.esl.audit.sink;

import dev.esl.audit.event.EventJson;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies committed events to a {@link JsonLinesFile}. The audit table is the durable queue: each stream's position
 * in {@code audit_export} moves only after its lines are written, in the same transaction, so a file that cannot be
 * written loses nothing (the next round writes from the same position) and a crash between the write and the commit
 * writes some lines twice (each carries its stream and seq, by which a log platform drops the duplicate). Within a
 * stream, sequence order is commit order (the head row's lock), so no event is ever passed over.
 */
public final class JsonLinesExporter {
    private static final Logger log = LoggerFactory.getLogger(JsonLinesExporter.class);
    public static final String SINK = "jsonl";
    private static final int PAGE = 1_000;

    private final AuditEventMapper mapper;
    private final JsonLinesFile file;

    public JsonLinesExporter(AuditEventMapper mapper, JsonLinesFile file) {
        this.mapper = mapper;
        this.file = file;
    }

    /**
     * One round, in the caller's transaction (one node at a time: the export lock is held until it ends); returns the
     * lines written. Throws {@link IOException} when the file cannot be written: roll back and try again later.
     */
    public long exportNew(int maxLines) throws IOException {
        mapper.lockExport(SINK);
        Map<String, Long> done = new HashMap<>();
        mapper.exported(SINK).forEach(h -> done.put(h.stream(), h.seq()));
        long written = 0;
        for (AuditEventMapper.StreamHead head : mapper.heads()) {
            long from = done.getOrDefault(head.stream(), 0L);
            while (from < head.seq() && written < maxLines) {
                List<EventRow> rows = mapper.range(head.stream(), from, PAGE);
                if (rows.isEmpty()) {
                    break; // archived before it was exported: in the archive files
                }
                file.write(rows.stream().map(r -> EventJson.line(r.toEvent())).toList());
                from = rows.get(rows.size() - 1).seq();
                mapper.setExported(SINK, head.stream(), from);
                written += rows.size();
            }
        }
        if (written > 0) {
            log.debug("{} audit events written to {}", written, file.path());
        }
        return written;
    }
}
