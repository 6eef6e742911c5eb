package dev.esl.tagmanager.product;

import dev.esl.tagmanager.api.NotFoundException;
import dev.esl.tagmanager.security.StoreAccess;
import dev.esl.tagmanager.store.StoreMapper;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A store's own prices (set by price changes with a {@code storeId}); its other products show the chain's. */
@RestController
class StorePriceController {
    private final StorePriceMapper prices;
    private final StoreMapper stores;
    private final StoreAccess access;

    StorePriceController(StorePriceMapper prices, StoreMapper stores, StoreAccess access) {
        this.prices = prices;
        this.stores = stores;
        this.access = access;
    }

    @GetMapping("/api/v1/stores/{storeId}/prices")
    List<StorePrice> ofStore(@PathVariable String storeId) {
        access.store(storeId);
        stores.find(storeId).orElseThrow(() -> new NotFoundException("store", storeId));
        return prices.ofStores(List.of(storeId));
    }
}
