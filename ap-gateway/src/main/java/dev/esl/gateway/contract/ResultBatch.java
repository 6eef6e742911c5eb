package dev.esl.gateway.contract;

import java.time.Instant;
import java.util.List;

public record ResultBatch(String storeId, String apSerial, Instant sentAt, List<JobResult> results) {
}
