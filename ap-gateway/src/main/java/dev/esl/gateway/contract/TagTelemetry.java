package dev.esl.gateway.contract;

import java.time.Instant;

/** One tag's check-in; {@code rssi} for BLE, {@code lqi} for ZigBee. */
public record TagTelemetry(String tagId, int batteryMv, double temperatureC, Integer rssi, Integer lqi,
        String firmware, String imageHash, Instant seenAt) {
}
