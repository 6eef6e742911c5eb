package dev.esl.tagmanager.dispatch;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How jobs go out.
 *
 * @param pollInterval   pause between rounds when there was nothing (more) to send
 * @param claimSize      jobs claimed per round (one transaction)
 * @param batchMaxJobs   jobs per MQTT message to an AP
 * @param batchMaxBytes  bytes per MQTT message, kept under the broker's maximum packet size
 * @param noApRetry      wait before trying again a job for a store with no AP
 * @param sweepInterval  how often jobs past their deadline are expired
 * @param workers        rounds in flight at once: while one waits for the broker and the database, the next claims
 * @param republishAfter how long a batch written with its task may stay unpublished before any node publishes it
 *                       again (its node stopped before the broker took it)
 */
@ConfigurationProperties("esl.dispatch")
public record DispatchSettings(@DefaultValue("500ms") Duration pollInterval, @DefaultValue("2000") int claimSize,
        @DefaultValue("200") int batchMaxJobs, @DefaultValue("200000") int batchMaxBytes,
        @DefaultValue("1m") Duration noApRetry, @DefaultValue("5s") Duration sweepInterval,
        @DefaultValue("2") int workers, @DefaultValue("1m") Duration republishAfter) {
}
