package dev.esl.tagmanager.product;

import java.math.BigDecimal;

/**
 * A product as a store's staff look for it: the price its tags show in the store ({@code storePrice}: the store's
 * own rather than the chain's), and how many of the store's tags show it.
 */
public record ShelfProduct(String sku, String name, BigDecimal price, BigDecimal unitPrice, String unit, String promo,
        boolean storePrice, long tagsInStore) {
}
