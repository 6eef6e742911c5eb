package dev.esl.tagmanager.tag;

import java.math.BigDecimal;
import java.time.Instant;

/** A price tag: its panel, the product bound to it, and what its last check-in said. */
public record Tag(String id, String storeId, int width, int height, String colors, String sku, Integer batteryMv,
        BigDecimal temperatureC, Integer rssi, Integer lqi, String firmware, String imageHash, Instant lastSeen,
        String lastAp) {
}
