package dev.esl.gateway.contract;

import java.time.Instant;
import java.util.List;

/** Work for one AP, sent P2P by the tag manager. */
public record JobBatch(String batchId, String storeId, String apSerial, Instant sentAt, String traceId,
        List<Job> jobs) {
}
