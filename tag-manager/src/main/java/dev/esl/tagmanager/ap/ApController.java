package dev.esl.tagmanager.ap;

import dev.esl.tagmanager.api.BadRequestException;
import dev.esl.tagmanager.api.NotFoundException;
import dev.esl.tagmanager.store.StoreMapper;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class ApController {
    private final ApMapper aps;
    private final StoreMapper stores;

    ApController(ApMapper aps, StoreMapper stores) {
        this.aps = aps;
        this.stores = stores;
    }

    @GetMapping("/stores/{storeId}/aps")
    List<Ap> ofStore(@PathVariable String storeId) {
        stores.find(storeId).orElseThrow(() -> new NotFoundException("store", storeId));
        return aps.ofStore(storeId);
    }

    @PostMapping("/aps")
    @ResponseStatus(HttpStatus.CREATED)
    Ap register(@Valid @RequestBody NewAp ap) {
        if (stores.find(ap.storeId()).isEmpty()) {
            throw new BadRequestException("storeId", "store " + ap.storeId() + " does not exist");
        }
        aps.insert(ap);
        return aps.find(ap.serial()).orElseThrow();
    }

    @GetMapping("/aps/{serial}")
    Ap get(@PathVariable String serial) {
        return aps.find(serial).orElseThrow(() -> new NotFoundException("AP", serial));
    }

    @DeleteMapping("/aps/{serial}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String serial) {
        if (aps.delete(serial) == 0) {
            throw new NotFoundException("AP", serial);
        }
    }
}
