package dev.esl.tagmanager.ap;

import dev.esl.tagmanager.security.StoreAccess;
import dev.esl.tagmanager.api.BadRequestException;
import dev.esl.tagmanager.api.NotFoundException;
import dev.esl.tagmanager.audit.AuditTrail;
import dev.esl.tagmanager.store.StoreMapper;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class ApController {
    private final ApMapper aps;
    private final StoreMapper stores;
    private final AuditTrail audit;
    private final StoreAccess access;

    ApController(ApMapper aps, StoreMapper stores, AuditTrail audit, StoreAccess access) {
        this.access = access;
        this.aps = aps;
        this.stores = stores;
        this.audit = audit;
    }

    @GetMapping("/stores/{storeId}/aps")
    List<Ap> ofStore(@PathVariable String storeId) {
        access.store(storeId);
        stores.find(storeId).orElseThrow(() -> new NotFoundException("store", storeId));
        return aps.ofStore(storeId);
    }

    @PostMapping("/aps")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    Ap register(@Valid @RequestBody NewAp ap) {
        requireStore(ap.storeId());
        aps.insert(ap);
        Ap created = aps.find(ap.serial()).orElseThrow();
        audit.change("ap.create", "ap", ap.serial(), ap.storeId(), null, created);
        return created;
    }

    /** Moves the AP to another store (the only thing set here: the rest is what the AP reports). */
    @PutMapping("/aps/{serial}")
    @Transactional
    Ap update(@PathVariable String serial, @Valid @RequestBody NewAp ap) {
        if (!serial.equals(ap.serial())) {
            throw new BadRequestException("serial", "must equal the serial in the path (" + serial + ")");
        }
        requireStore(ap.storeId());
        Ap before = aps.find(serial).orElseThrow(() -> new NotFoundException("AP", serial));
        aps.update(ap);
        Ap after = aps.find(serial).orElseThrow();
        // In the store it moves to: that store's auditors see where it came from.
        audit.change("ap.update", "ap", serial, ap.storeId(), before, after);
        return after;
    }

    @GetMapping("/aps/{serial}")
    Ap get(@PathVariable String serial) {
        access.ap(serial);
        return aps.find(serial).orElseThrow(() -> new NotFoundException("AP", serial));
    }

    @DeleteMapping("/aps/{serial}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    void delete(@PathVariable String serial) {
        Ap before = aps.find(serial).orElseThrow(() -> new NotFoundException("AP", serial));
        aps.delete(serial);
        audit.change("ap.delete", "ap", serial, before.storeId(), before, null);
    }

    private void requireStore(String storeId) {
        if (stores.find(storeId).isEmpty()) {
            throw new BadRequestException("storeId", "store " + storeId + " does not exist");
        }
    }
}
