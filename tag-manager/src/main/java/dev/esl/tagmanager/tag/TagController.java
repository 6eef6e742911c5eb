package dev.esl.tagmanager.tag;

import dev.esl.tagmanager.api.BadRequestException;
import dev.esl.tagmanager.api.NotFoundException;
import dev.esl.tagmanager.audit.AuditTrail;
import dev.esl.tagmanager.security.StoreAccess;
import dev.esl.tagmanager.store.StoreMapper;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
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
@Validated
@RequestMapping("/api/v1")
class TagController {
    private final TagMapper tags;
    private final StoreMapper stores;
    private final TagBindings bindings;
    private final Clock clock;
    private final AuditTrail audit;
    private final StoreAccess access;

    TagController(TagMapper tags, StoreMapper stores, Clock clock, AuditTrail audit, StoreAccess access,
            TagBindings bindings) {
        this.bindings = bindings;
        this.access = access;
        this.tags = tags;
        this.stores = stores;
        this.clock = clock;
        this.audit = audit;
    }

    /** Pages by tag id: pass the last id of a page as {@code after} for the next one. */
    @GetMapping("/stores/{storeId}/tags")
    List<Tag> ofStore(@PathVariable String storeId, @RequestParam(defaultValue = "") String after,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        access.store(storeId);
        requireStore(storeId);
        return tags.ofStore(storeId, after.toUpperCase(Locale.ROOT), limit);
    }

    /**
     * Tag health: {@code low-battery} (below {@code belowMv}), {@code not-seen} (no check-in for
     * {@code forMinutes}) or {@code failing} (the latest job failed or expired).
     */
    @GetMapping("/stores/{storeId}/tags/health/{problem}")
    List<Tag> health(@PathVariable String storeId, @PathVariable String problem,
            @RequestParam(defaultValue = "2400") @Min(0) int belowMv,
            @RequestParam(defaultValue = "60") @Min(1) long forMinutes,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        access.store(storeId);
        requireStore(storeId);
        return switch (problem) {
            case "low-battery" -> tags.lowBattery(storeId, belowMv, limit);
            case "not-seen" -> tags.notSeenSince(storeId, clock.instant().minus(Duration.ofMinutes(forMinutes)), limit);
            case "failing" -> tags.failing(storeId, limit);
            default -> throw new BadRequestException("problem", "one of low-battery, not-seen, failing");
        };
    }

    @PostMapping("/tags")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    Tag register(@Valid @RequestBody NewTag tag) {
        access.store(tag.storeId());
        requireStoreField(tag.storeId());
        tags.insert(tag);
        Tag created = tags.find(tag.id()).orElseThrow();
        audit.change("tag.create", "tag", tag.id(), tag.storeId(), null, created);
        return created;
    }

    /** Moves the tag to another store or corrects its panel; its binding and check-in data stay. */
    @PutMapping("/tags/{id}")
    @Transactional
    Tag update(@PathVariable String id, @Valid @RequestBody NewTag tag) {
        String tagId = id.toUpperCase(Locale.ROOT);
        if (!tagId.equals(tag.id())) {
            throw new BadRequestException("id", "must equal the id in the path (" + id + ")");
        }
        access.tag(tagId);
        access.store(tag.storeId());
        requireStoreField(tag.storeId());
        Tag before = tags.find(tagId).orElseThrow(() -> new NotFoundException("tag", id));
        tags.update(tag);
        Tag after = tags.find(tagId).orElseThrow();
        audit.change("tag.update", "tag", tagId, tag.storeId(), before, after);
        return after;
    }

    @GetMapping("/tags/{id}")
    Tag get(@PathVariable String id) {
        access.tag(id);
        return tags.find(id.toUpperCase(Locale.ROOT)).orElseThrow(() -> new NotFoundException("tag", id));
    }

    @DeleteMapping("/tags/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    void delete(@PathVariable String id) {
        access.tag(id);
        Tag before = tags.find(id.toUpperCase(Locale.ROOT)).orElseThrow(() -> new NotFoundException("tag", id));
        tags.delete(before.id());
        audit.change("tag.delete", "tag", before.id(), before.storeId(), before, null);
    }

    /** Binds a product to the tag; the tag shows it with the next price change or refresh of that product. */
    @PutMapping("/tags/{id}/product")
    Tag bind(@PathVariable String id, @Valid @RequestBody BindingRequest binding) {
        access.tag(id);
        return bindings.bind(id, binding.sku());
    }

    @DeleteMapping("/tags/{id}/product")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unbind(@PathVariable String id) {
        access.tag(id);
        bindings.unbind(id);
    }

    record BindingRequest(@NotBlank String sku) {
    }

    private void requireStore(String storeId) {
        stores.find(storeId).orElseThrow(() -> new NotFoundException("store", storeId));
    }

    /** A store named in a request body: unknown is a bad field (400), not a missing resource. */
    private void requireStoreField(String storeId) {
        if (stores.find(storeId).isEmpty()) {
            throw new BadRequestException("storeId", "store " + storeId + " does not exist");
        }
    }
}
