package dev.esl.tagmanager.store;

import dev.esl.tagmanager.security.StoreAccess;
import dev.esl.tagmanager.api.BadRequestException;
import dev.esl.tagmanager.api.ConflictException;
import dev.esl.tagmanager.api.NotFoundException;
import dev.esl.tagmanager.audit.AuditTrail;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class StoreController {
    private final StoreMapper stores;
    private final AuditTrail audit;
    private final StoreAccess access;

    StoreController(StoreMapper stores, AuditTrail audit, StoreAccess access) {
        this.access = access;
        this.stores = stores;
        this.audit = audit;
    }

    @GetMapping("/chains")
    List<Chain> chains() {
        return stores.chains();
    }

    @PostMapping("/chains")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    Chain createChain(@Valid @RequestBody Chain chain) {
        stores.insertChain(chain);
        audit.change("chain.create", "chain", chain.id(), null, null, chain);
        return chain;
    }

    @GetMapping("/chains/{id}")
    Chain chain(@PathVariable String id) {
        return stores.chain(id).orElseThrow(() -> new NotFoundException("chain", id));
    }

    @PutMapping("/chains/{id}")
    @Transactional
    Chain updateChain(@PathVariable String id, @Valid @RequestBody Chain chain) {
        if (!id.equals(chain.id())) {
            throw new BadRequestException("id", "must equal the id in the path (" + id + ")");
        }
        Chain before = stores.chain(id).orElseThrow(() -> new NotFoundException("chain", id));
        stores.updateChain(chain);
        audit.change("chain.update", "chain", id, null, before, stores.chain(id).orElseThrow());
        return chain;
    }

    /** Only an empty chain: its stores are deleted or moved to another chain first. */
    @DeleteMapping("/chains/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    void deleteChain(@PathVariable String id) {
        int inChain = stores.countOfChain(id);
        if (inChain > 0) {
            throw new ConflictException("chain " + id + " still has " + inChain + " stores: delete or move them first");
        }
        Chain before = stores.chain(id).orElseThrow(() -> new NotFoundException("chain", id));
        stores.deleteChain(id);
        audit.change("chain.delete", "chain", id, null, before, null);
    }

    @GetMapping("/stores")
    List<Store> stores(@RequestParam(required = false) String chain) {
        List<Store> all = chain == null ? stores.all() : stores.ofChain(chain);
        return StoreAccess.onlyStore().map(own -> all.stream().filter(s -> s.id().equals(own)).toList()).orElse(all);
    }

    @PostMapping("/stores")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    Store create(@Valid @RequestBody Store store) {
        requireChain(store.chainId());
        stores.insert(store);
        audit.change("store.create", "store", store.id(), store.id(), null, stores.find(store.id()).orElseThrow());
        return store;
    }

    @GetMapping("/stores/{id}")
    Store store(@PathVariable String id) {
        access.store(id);
        return stores.find(id).orElseThrow(() -> new NotFoundException("store", id));
    }

    @PutMapping("/stores/{id}")
    @Transactional
    Store update(@PathVariable String id, @Valid @RequestBody Store store) {
        if (!id.equals(store.id())) {
            throw new BadRequestException("id", "must equal the id in the path (" + id + ")");
        }
        requireChain(store.chainId());
        Store before = stores.find(id).orElseThrow(() -> new NotFoundException("store", id));
        stores.update(store);
        audit.change("store.update", "store", id, id, before, stores.find(id).orElseThrow());
        return store;
    }

    @DeleteMapping("/stores/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    void delete(@PathVariable String id) {
        Store before = stores.find(id).orElseThrow(() -> new NotFoundException("store", id));
        stores.delete(id);
        audit.change("store.delete", "store", id, id, before, null);
    }

    private void requireChain(String chainId) {
        if (stores.chain(chainId).isEmpty()) {
            throw new BadRequestException("chainId", "chain " + chainId + " does not exist");
        }
    }
}
