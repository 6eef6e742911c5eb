package dev.esl.tagmanager.product;

import java.math.BigDecimal;

/** A store's own price of a product, in place of the chain's (the product's) until a chain-wide change. */
public record StorePrice(String storeId, String sku, BigDecimal price, BigDecimal unitPrice, String promo) {

    /** The product as this store's tags show it. */
    public Product on(Product product) {
        return product.withPrice(price, unitPrice, promo);
    }
}
