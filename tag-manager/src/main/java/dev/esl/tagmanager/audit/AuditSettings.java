package dev.esl.tagmanager.audit;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit log's sinks and retention (docs/audit.md).
 *
 * @param jsonl     the JSON-lines file for a log shipper
 * @param retention how long events stay in the database before they are archived to files and deleted
 * @param digest    signed digests of the chains' heads, kept outside the database
 */
@ConfigurationProperties("esl.audit")
public record AuditSettings(@DefaultValue Jsonl jsonl, @DefaultValue Retention retention, @DefaultValue Digest digest) {

    /**
     * @param file        the active file (rolled daily and at {@code maxFileSize}); empty: no JSON-lines sink
     * @param interval    how often committed events are copied to it
     */
    public record Jsonl(@DefaultValue("data/audit/audit.jsonl") String file, @DefaultValue("100MB") String maxFileSize,
            @DefaultValue("30") int maxHistory, @DefaultValue("1s") Duration interval) {
        boolean enabled() {
            return file != null && !file.isBlank();
        }

        Path path() {
            return Path.of(file);
        }
    }

    /**
     * @param keep     events older than this are archived and deleted; 0 (the default): kept for ever
     * @param dir      where the archive files go
     * @param interval how often retention runs
     */
    public record Retention(@DefaultValue("0s") Duration keep, @DefaultValue("data/audit/archive") String dir,
            @DefaultValue("1h") Duration interval) {
        boolean enabled() {
            return !keep.isZero() && !keep.isNegative();
        }
    }

    /**
     * @param file     the digest file (JSON lines, appended); empty: no digests
     * @param keyDir   where the Ed25519 signing key is (made there on first use; give auditors audit-digest.pub)
     * @param interval how often a digest is signed, when anything was recorded since the last
     */
    public record Digest(@DefaultValue("data/audit/digests.jsonl") String file,
            @DefaultValue("data/audit/digest-keys") String keyDir, @DefaultValue("1h") Duration interval) {
        boolean enabled() {
            return file != null && !file.isBlank();
        }
    }
}
