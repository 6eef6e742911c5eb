package dev.esl.tagmanager.tag;

import dev.esl.tagmanager.security.StoreAccess;
import dev.esl.tagmanager.api.ApiError;
import dev.esl.tagmanager.api.BadRequestException;
import dev.esl.tagmanager.audit.AuditTrail;
import dev.esl.tagmanager.product.Product;
import dev.esl.tagmanager.product.ProductMapper;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import dev.esl.tagmanager.db.Transactions;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Binds many tags at once, as when a store is fitted out: all or nothing, every unknown tag or product named. */
@RestController
@Validated
class BindingController {
    private static final int CHUNK = 1000;

    private final TagMapper tags;
    private final ProductMapper products;
    private final Transactions transactions;
    private final AuditTrail audit;
    private final StoreAccess access;

    BindingController(TagMapper tags, ProductMapper products, Transactions transactions, AuditTrail audit,
            StoreAccess access) {
        this.access = access;
        this.tags = tags;
        this.products = products;
        this.transactions = transactions;
        this.audit = audit;
    }

    /** Bindings before and after, as one audit event for the whole request (they may span stores: chain-wide). */
    record Bindings(List<Binding> bindings) {
    }

    record Bound(int bindings) {
    }

    @PostMapping("/api/v1/bindings")
    Bound bindAll(@RequestBody @NotEmpty @Size(max = 100_000) List<@Valid Binding> bindings) {
        List<ApiError.FieldProblem> problems = new ArrayList<>();
        Set<String> knownTags = new HashSet<>();
        Set<String> knownSkus = new HashSet<>();
        List<String> tagIds = bindings.stream().map(Binding::tagId).distinct().toList();
        List<String> skus = bindings.stream().map(Binding::sku).distinct().toList();
        access.tags(tagIds);
        for (int i = 0; i < tagIds.size(); i += CHUNK) {
            knownTags.addAll(tags.existing(tagIds.subList(i, Math.min(tagIds.size(), i + CHUNK))));
        }
        for (int i = 0; i < skus.size(); i += CHUNK) {
            knownSkus.addAll(products.findAll(skus.subList(i, Math.min(skus.size(), i + CHUNK))).stream()
                    .map(Product::sku).collect(Collectors.toSet()));
        }
        for (int i = 0; i < bindings.size() && problems.size() < 100; i++) {
            Binding b = bindings.get(i);
            if (!knownTags.contains(b.tagId())) {
                problems.add(new ApiError.FieldProblem("[" + i + "].tagId", "tag " + b.tagId() + " does not exist"));
            }
            if (!knownSkus.contains(b.sku())) {
                problems.add(new ApiError.FieldProblem("[" + i + "].sku", "product " + b.sku() + " does not exist"));
            }
        }
        if (!problems.isEmpty()) {
            throw new BadRequestException("nothing bound: " + problems.size() + (problems.size() == 100 ? "+" : "")
                    + " problems", problems);
        }
        // In tag order, as check-ins lock tags, so the two wait for each other rather than deadlock.
        List<Binding> ordered = bindings.stream().sorted(java.util.Comparator.comparing(Binding::tagId)).toList();
        transactions.retrying("binding " + ordered.size() + " tags", () -> {
            List<Binding> before = new ArrayList<>();
            for (int i = 0; i < ordered.size(); i += CHUNK) {
                List<Binding> chunk = ordered.subList(i, Math.min(ordered.size(), i + CHUNK));
                before.addAll(tags.bindingsOf(chunk.stream().map(Binding::tagId).toList()));
                tags.bindAll(chunk);
            }
            audit.change("binding.bulk", "bindings", "bulk", null, new Bindings(before),
                    new Bindings(ordered));
        });
        return new Bound(bindings.size());
    }
}
