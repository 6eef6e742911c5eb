package dev.esl.tagmanager.audit;

import dev.esl.audit.digest.DigestFile;
import dev.esl.audit.digest.DigestKeys;
import dev.esl.audit.sink.AuditEventMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signs every stream's head on a schedule ({@code esl.audit.digest}) and appends it to the digest file, so that
 * {@code audit verify-digests} can later prove no chain was rewritten since. Each node keeps its own file.
 */
@Component
class AuditDigests {
    private static final Logger log = LoggerFactory.getLogger(AuditDigests.class);

    private final AuditEventMapper mapper;
    private final AuditSettings.Digest settings;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private DigestKeys keys;

    AuditDigests(AuditEventMapper mapper, AuditSettings settings, TransactionTemplate transaction, Clock clock) {
        this.mapper = mapper;
        this.settings = settings.digest();
        this.transaction = transaction;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${esl.audit.digest.interval:1h}", initialDelayString = "1m")
    void sign() {
        if (!settings.enabled()) {
            return;
        }
        try {
            if (keys == null) {
                keys = DigestKeys.inDirectory(Path.of(settings.keyDir()));
                log.info("Audit digests signed by key {} ({}): give auditors {}", DigestKeys.keyId(keys.publicKey()),
                        settings.keyDir(), Path.of(settings.keyDir()).resolve(DigestKeys.PUBLIC_FILE));
            }
            var heads = transaction.execute(status -> mapper.heads());
            new DigestFile(Path.of(settings.file())).append(heads, clock.instant(), keys).ifPresent(d ->
                    log.info("Audit digest of {} streams signed into {}", d.heads().size(), settings.file()));
        } catch (IOException | RuntimeException e) {
            log.error("Audit digest not written (the next try is in {}): {}", settings.interval(), e.getMessage(), e);
        }
    }
}
