package dev.esl.tagmanager.task;

/**
 * A tag bound to a product, with what rendering needs: its panel, its store's currency, and the template ids
 * that choose its template (its own, its store's; each null when none), and the AP that heard it last (null when
 * none has).
 */
public record BoundTag(String tagId, String storeId, String sku, int width, int height, String colors, String currency,
        String tagTemplate, String storeTemplate, String lastAp) {
}
