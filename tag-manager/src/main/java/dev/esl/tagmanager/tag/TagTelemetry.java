package dev.esl.tagmanager.tag;

import java.math.BigDecimal;
import java.time.Instant;

/** One check-in of a tag as an AP reported it (the contract's telemetry entry). */
public record TagTelemetry(String tagId, String storeId, String apSerial, Integer width, Integer height, String colors,
        int batteryMv, BigDecimal temperatureC, Integer rssi, Integer lqi, String firmware, String imageHash,
        Instant seenAt) {
}
