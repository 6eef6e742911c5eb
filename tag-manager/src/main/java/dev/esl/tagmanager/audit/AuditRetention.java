package dev.esl.tagmanager.audit;

import dev.esl.audit.retention.AuditArchiver;
import dev.esl.audit.sink.AuditEventMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retention ({@code esl.audit.retention.keep}): events older than that are archived to JSON-lines files and deleted,
 * every {@code interval}. Off by default: an audit log is kept until someone decides how long it must be. Deleting
 * needs a database user with DELETE on {@code audit_event} (docs/audit.md).
 */
@Component
class AuditRetention {
    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

    private final AuditEventMapper mapper;
    private final AuditSettings.Retention settings;
    private final TransactionTemplate transaction;
    private final Clock clock;

    AuditRetention(AuditEventMapper mapper, AuditSettings settings, TransactionTemplate transaction, Clock clock) {
        this.mapper = mapper;
        this.settings = settings.retention();
        this.transaction = transaction;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${esl.audit.retention.interval:1h}", initialDelayString = "1m")
    void archiveOld() {
        if (!settings.enabled()) {
            return;
        }
        try {
            Instant now = clock.instant();
            var archived = transaction.execute(status -> {
                try {
                    return new AuditArchiver(mapper, Path.of(settings.dir())).archiveBefore(now.minus(settings.keep()), now);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (archived != null && !archived.isEmpty()) {
                log.info("Audit retention archived {} stretches of events older than {}", archived.size(),
                        settings.keep());
            }
        } catch (RuntimeException e) {
            log.error("Audit retention failed; nothing was deleted: {}", e.getMessage(), e);
        }
    }
}
