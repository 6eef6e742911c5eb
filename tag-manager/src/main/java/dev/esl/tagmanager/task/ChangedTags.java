package dev.esl.tagmanager.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * The tags bound to a price change's products, store by store, so that jobs inserted in this order are claimed a
 * store's worth at a time and leave in full batches per AP.
 *
 * <p>Two ways to read them. A change of at least half the catalogue reads each store's bound tags and keeps
 * those of its products: nearly every tag is concerned, and sorting a million bindings by store took longer than
 * reading them (a fifth of a chain-wide change's creation). A smaller change reads only its products' bindings,
 * sorted by store, a thousand products at a time.
 */
@Component
class ChangedTags {
    private static final int SKUS_PER_QUERY = 1000;

    private final BindingMapper bindings;
    private final BoundTagReader reader;

    ChangedTags(BindingMapper bindings, BoundTagReader reader) {
        this.bindings = bindings;
        this.reader = reader;
    }

    /** The tags of one store bound to the products. */
    void inStore(String storeId, Set<String> skus, Consumer<BoundTag> action) {
        reader.inStore(storeId, t -> {
            if (skus.contains(t.sku())) {
                action.accept(t);
            }
        });
    }

    void forEach(Set<String> skus, long productsInCatalogue, Consumer<BoundTag> action) {
        if (skus.size() * 2L >= productsInCatalogue) {
            for (String storeId : bindings.storeIds()) {
                reader.inStore(storeId, t -> {
                    if (skus.contains(t.sku())) {
                        action.accept(t);
                    }
                });
            }
        } else {
            List<String> all = new ArrayList<>(skus);
            for (int i = 0; i < all.size(); i += SKUS_PER_QUERY) {
                reader.boundTo(all.subList(i, Math.min(all.size(), i + SKUS_PER_QUERY)), action);
            }
        }
    }
}
