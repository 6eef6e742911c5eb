package dev.esl.gateway.contract;

import java.time.Instant;

/**
 * One tag's check-in; {@code rssi} for BLE, {@code lqi} for ZigBee. {@code width}, {@code height} and
 * {@code colors} describe the tag's panel, so the tag manager learns a new tag's model from its first check-in;
 * they are null when a reader got an older report without them.
 */
public record TagTelemetry(String tagId, int batteryMv, double temperatureC, Integer rssi, Integer lqi,
        String firmware, String imageHash, Instant seenAt, Integer width, Integer height, String colors) {
}
