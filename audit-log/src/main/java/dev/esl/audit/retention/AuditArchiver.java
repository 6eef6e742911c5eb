package dev.esl.audit.retention;

import dev.esl.audit.event.ChainedEvent;
import dev.esl.audit.event.EventJson;
import dev.esl.audit.sink.AuditEventMapper;
import dev.esl.audit.sink.EventRow;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention: moves each stream's events older than a cut-off to a JSON-lines file, then deletes them. The oldest part
 * of a stream goes as a whole (up to its first event not older than the cut-off), so what stays is still one unbroken
 * chain; its first event links to the last archived one, recorded in {@code audit_archive}, where the verifier
 * starts. The file is written and synced to disk before the rows are deleted, in the caller's transaction.
 */
public final class AuditArchiver {
    private static final Logger log = LoggerFactory.getLogger(AuditArchiver.class);
    private static final int PAGE = 5_000;

    private final AuditEventMapper mapper;
    private final Path dir;

    public AuditArchiver(AuditEventMapper mapper, Path dir) {
        this.mapper = mapper;
        this.dir = dir;
    }

    /** One archived stretch of a stream. */
    public record Archived(String stream, long firstSeq, long lastSeq, Path file) {
    }

    /** Archives every stream's events before {@code cutoff}, as of {@code now}. */
    public List<Archived> archiveBefore(Instant cutoff, Instant now) throws IOException {
        List<Archived> done = new ArrayList<>();
        for (AuditEventMapper.StreamHead head : mapper.heads()) {
            Long keepFrom = mapper.firstSeqFrom(head.stream(), cutoff);
            long lastToArchive = keepFrom == null ? head.seq() : keepFrom - 1;
            var archived = mapper.archivedUpTo(head.stream());
            long firstToArchive = archived == null ? 1 : archived.seq() + 1;
            if (lastToArchive >= firstToArchive) {
                done.add(archive(head.stream(), firstToArchive, lastToArchive, now));
            }
        }
        return done;
    }

    private Archived archive(String stream, long first, long last, Instant now) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("audit-" + stream.replace(':', '_') + "-" + first + "-" + last + ".jsonl");
        String lastHash = null;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
             Writer out = java.nio.channels.Channels.newWriter(channel, StandardCharsets.UTF_8)) {
            long after = first - 1;
            while (after < last) {
                List<EventRow> rows = mapper.range(stream, after, (int) Math.min(PAGE, last - after));
                if (rows.isEmpty()) {
                    break;
                }
                for (EventRow r : rows) {
                    ChainedEvent e = r.toEvent();
                    out.write(EventJson.line(e));
                    out.write('\n');
                    lastHash = e.hash();
                    after = e.seq();
                }
            }
            out.flush();
            channel.force(true);
        }
        if (lastHash == null) {
            throw new IOException("stream " + stream + " has no events " + first + " to " + last + " to archive");
        }
        mapper.insertArchive(stream, first, last, lastHash, file.toString(), now);
        int deleted = mapper.deleteUpTo(stream, last);
        log.info("Archived {} events of {} (seq {} to {}) to {}", deleted, stream, first, last, file);
        return new Archived(stream, first, last, file);
    }
}
