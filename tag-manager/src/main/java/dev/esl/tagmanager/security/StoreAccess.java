package dev.esl.tagmanager.security;

import dev.esl.tagmanager.api.ForbiddenException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Keeps store-scoped users (clerks, store managers) inside their store, by page and by API: each handler that
 * names a store, a tag, an AP, a task or products asks here first and gets a 403 naming what is out of reach.
 * Chain managers and auditors reach every store; work without a signed-in user (scheduled work, MQTT) is not asked.
 */
@Component
public class StoreAccess {
    private static final int CHUNK = 1000;

    private final StoreScopeMapper scopes;

    StoreAccess(StoreScopeMapper scopes) {
        this.scopes = scopes;
    }

    /** The one store the user is kept to, or empty when the user reaches every store. */
    public static Optional<String> onlyStore() {
        return SignedInUser.current().filter(u -> u.role().storeScoped()).map(u -> u.storeId() == null ? "" : u.storeId());
    }

    public void store(String storeId) {
        onlyStore().ifPresent(own -> {
            if (!own.equals(storeId)) {
                throw new ForbiddenException("store " + storeId + " is not your store (" + own + ")");
            }
        });
    }

    public void tag(String tagId) {
        tags(List.of(tagId));
    }

    /** Tags that do not exist are left to the handler (404); tags of another store are refused. */
    public void tags(Collection<String> tagIds) {
        if (onlyStore().isEmpty() || tagIds.isEmpty()) {
            return;
        }
        List<String> ids = tagIds.stream().map(id -> id.toUpperCase(Locale.ROOT)).distinct().toList();
        for (int i = 0; i < ids.size(); i += CHUNK) {
            within(scopes.ofTags(ids.subList(i, Math.min(ids.size(), i + CHUNK))), "tags of store");
        }
    }

    /** The target of an LED flash, page switch or image refresh: given tags, or every tag of a product. */
    public void targets(List<String> tagIds, String sku) {
        if (tagIds != null) {
            tags(tagIds);
        }
        if (sku != null && !sku.isBlank()) {
            products(List.of(sku));
        }
    }

    public void ap(String serial) {
        if (onlyStore().isPresent()) {
            within(scopes.ofAp(serial), "AP " + serial + " belongs to store");
        }
    }

    /** A task is within reach when every one of its jobs is: a chain-wide task is the chain's. */
    public void task(long taskId) {
        if (onlyStore().isPresent()) {
            within(scopes.ofTask(taskId), "task " + taskId + " has jobs in store");
        }
    }

    /** Products may be changed by a store user only while every tag showing them is in the user's store. */
    public void products(Collection<String> skus) {
        if (onlyStore().isEmpty() || skus.isEmpty()) {
            return;
        }
        List<String> all = new ArrayList<>(skus);
        for (int i = 0; i < all.size(); i += CHUNK) {
            within(scopes.ofProducts(all.subList(i, Math.min(all.size(), i + CHUNK))),
                    "these products are also on tags of store");
        }
    }

    private static void within(List<String> stores, String what) {
        String own = onlyStore().orElseThrow();
        stores.stream().filter(s -> !s.equals(own)).findFirst().ifPresent(other -> {
            throw new ForbiddenException(what + " " + other + ", not your store (" + own + ")");
        });
    }
}
