package dev.esl.tagmanager.product;

import java.math.BigDecimal;

/** A product as a store's staff look for it: its price, and how many of the store's tags show it. */
public record ShelfProduct(String sku, String name, BigDecimal price, BigDecimal unitPrice, String unit, String promo,
        long tagsInStore) {
}
