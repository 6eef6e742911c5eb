package dev.esl.tagmanager.product;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The prices some stores' tags show: each store's own price of a product where it has one, else the chain's. */
public final class ShelfPrices {
    private final Map<String, StorePrice> own = new HashMap<>();

    private ShelfPrices() {
    }

    public static ShelfPrices of(StorePriceMapper mapper, Collection<String> stores) {
        ShelfPrices prices = new ShelfPrices();
        if (!stores.isEmpty()) {
            mapper.ofStores(stores).forEach(p -> prices.own.put(p.storeId() + '|' + p.sku(), p));
        }
        return prices;
    }

    /** The product as the store's tags show it (null stays null: an unknown product). */
    public Product in(String storeId, Product product) {
        if (product == null) {
            return null;
        }
        StorePrice p = own.get(storeId + '|' + product.sku());
        return p == null ? product : p.on(product);
    }
}
