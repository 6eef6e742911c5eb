package dev.esl.tagmanager.audit;

import dev.esl.audit.sink.AuditEventMapper;
import dev.esl.audit.sink.JsonLinesExporter;
import dev.esl.audit.sink.JsonLinesFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Copies committed audit events to the JSON-lines file ({@code esl.audit.jsonl}), a round every interval. The audit
 * table is the queue: when the file cannot be written the round rolls back, the events wait, and a later round
 * writes them (logged once when the outage starts and once when it ends, not every round).
 */
@Component
class JsonLinesShipping implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(JsonLinesShipping.class);
    private static final int LINES_PER_ROUND = 20_000;

    private final JsonLinesExporter exporter;
    private final JsonLinesFile file;
    private final TransactionTemplate transaction;
    private volatile boolean failing;

    JsonLinesShipping(AuditEventMapper mapper, AuditSettings settings, TransactionTemplate transaction) {
        AuditSettings.Jsonl jsonl = settings.jsonl();
        this.file = jsonl.enabled() ? new JsonLinesFile(jsonl.path(), jsonl.maxFileSize(), jsonl.maxHistory()) : null;
        this.exporter = file == null ? null : new JsonLinesExporter(mapper, file);
        this.transaction = transaction;
    }

    @Scheduled(fixedDelayString = "${esl.audit.jsonl.interval:1s}", initialDelayString = "1s")
    void ship() {
        if (exporter == null) {
            return;
        }
        try {
            Long written;
            do {
                written = transaction.execute(status -> {
                    try {
                        return exporter.exportNew(LINES_PER_ROUND);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } while (written != null && written == LINES_PER_ROUND);
            if (failing) {
                failing = false;
                log.info("Audit events reach {} again", file.path());
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                log.error("Audit events cannot be written to {}; they wait in the audit table: {}", file.path(),
                        e.getMessage());
            }
        }
    }

    boolean failing() {
        return failing;
    }

    @Override
    public void destroy() {
        if (file != null) {
            file.close();
        }
    }
}
