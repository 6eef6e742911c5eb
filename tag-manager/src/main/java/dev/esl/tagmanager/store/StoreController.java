package dev.esl.tagmanager.store;

import dev.esl.tagmanager.api.BadRequestException;
import dev.esl.tagmanager.api.ConflictException;
import dev.esl.tagmanager.api.NotFoundException;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
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

    StoreController(StoreMapper stores) {
        this.stores = stores;
    }

    @GetMapping("/chains")
    List<Chain> chains() {
        return stores.chains();
    }

    @PostMapping("/chains")
    @ResponseStatus(HttpStatus.CREATED)
    Chain createChain(@Valid @RequestBody Chain chain) {
        stores.insertChain(chain);
        return chain;
    }

    @GetMapping("/chains/{id}")
    Chain chain(@PathVariable String id) {
        return stores.chain(id).orElseThrow(() -> new NotFoundException("chain", id));
    }

    @PutMapping("/chains/{id}")
    Chain updateChain(@PathVariable String id, @Valid @RequestBody Chain chain) {
        if (!id.equals(chain.id())) {
            throw new BadRequestException("id", "must equal the id in the path (" + id + ")");
        }
        if (stores.updateChain(chain) == 0) {
            throw new NotFoundException("chain", id);
        }
        return chain;
    }

    /** Only an empty chain: its stores are deleted or moved to another chain first. */
    @DeleteMapping("/chains/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteChain(@PathVariable String id) {
        int inChain = stores.countOfChain(id);
        if (inChain > 0) {
            throw new ConflictException("chain " + id + " still has " + inChain + " stores: delete or move them first");
        }
        if (stores.deleteChain(id) == 0) {
            throw new NotFoundException("chain", id);
        }
    }

    @GetMapping("/stores")
    List<Store> stores(@RequestParam(required = false) String chain) {
        return chain == null ? stores.all() : stores.ofChain(chain);
    }

    @PostMapping("/stores")
    @ResponseStatus(HttpStatus.CREATED)
    Store create(@Valid @RequestBody Store store) {
        requireChain(store.chainId());
        stores.insert(store);
        return store;
    }

    @GetMapping("/stores/{id}")
    Store store(@PathVariable String id) {
        return stores.find(id).orElseThrow(() -> new NotFoundException("store", id));
    }

    @PutMapping("/stores/{id}")
    Store update(@PathVariable String id, @Valid @RequestBody Store store) {
        if (!id.equals(store.id())) {
            throw new BadRequestException("id", "must equal the id in the path (" + id + ")");
        }
        requireChain(store.chainId());
        if (stores.update(store) == 0) {
            throw new NotFoundException("store", id);
        }
        return store;
    }

    @DeleteMapping("/stores/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        if (stores.delete(id) == 0) {
            throw new NotFoundException("store", id);
        }
    }

    private void requireChain(String chainId) {
        if (stores.chain(chainId).isEmpty()) {
            throw new BadRequestException("chainId", "chain " + chainId + " does not exist");
        }
    }
}
