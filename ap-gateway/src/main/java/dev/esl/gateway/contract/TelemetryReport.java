package dev.esl.gateway.contract;

import java.time.Instant;
import java.util.List;

public record TelemetryReport(String storeId, String apSerial, Instant sentAt, List<TagTelemetry> tags) {
}
