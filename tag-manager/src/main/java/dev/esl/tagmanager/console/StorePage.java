package dev.esl.tagmanager.console;

import dev.esl.tagmanager.api.NotFoundException;
import dev.esl.tagmanager.security.StoreAccess;
import dev.esl.tagmanager.store.Store;
import dev.esl.tagmanager.store.StoreMapper;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** What every page of a store starts with: the check that the user may see it, and the store for the navigation. */
@Component
public class StorePage {
    private final StoreMapper stores;
    private final StoreAccess access;

    StorePage(StoreMapper stores, StoreAccess access) {
        this.stores = stores;
        this.access = access;
    }

    public Store open(String storeId, Model model) {
        access.store(storeId);
        Store store = stores.find(storeId).orElseThrow(() -> new NotFoundException("store", storeId));
        model.addAttribute("storeId", storeId);
        model.addAttribute("store", store);
        return store;
    }
}
