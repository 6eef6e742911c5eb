package dev.esl.tagmanager.task;

/** A tag bound to a product, with what rendering needs: its panel and its store's currency. */
public record BoundTag(String tagId, String storeId, String sku, int width, int height, String colors, String currency) {
}
