package dev.esl.tagmanager.product;

import dev.esl.tagmanager.api.BadRequestException;
import dev.esl.tagmanager.api.NotFoundException;
import dev.esl.tagmanager.audit.AuditTrail;
import dev.esl.tagmanager.task.LabelImages;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
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

/**
 * Products. Changing a price here only edits the record; a price change that reaches the shelf goes through
 * {@code /api/v1/price-changes}, which records a task and updates every bound tag.
 */
@RestController
@Validated
@RequestMapping("/api/v1/products")
class ProductController {
    private final ProductMapper products;
    private final AuditTrail audit;

    ProductController(ProductMapper products, AuditTrail audit) {
        this.products = products;
        this.audit = audit;
    }

    /** Pages by SKU: pass the last SKU of a page as {@code after} for the next one. */
    @GetMapping
    List<Product> list(@RequestParam(defaultValue = "") String after,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return products.page(after, limit);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    Product create(@Valid @RequestBody Product product) {
        requireShowable(product);
        products.insert(product);
        audit.change("product.create", "product", product.sku(), null, null, products.find(product.sku()).orElseThrow());
        return product;
    }

    @GetMapping("/{sku}")
    Product get(@PathVariable String sku) {
        return products.find(sku).orElseThrow(() -> new NotFoundException("product", sku));
    }

    @PutMapping("/{sku}")
    @Transactional
    Product update(@PathVariable String sku, @Valid @RequestBody Product product) {
        if (!sku.equals(product.sku())) {
            throw new BadRequestException("sku", "must equal the SKU in the path (" + sku + ")");
        }
        requireShowable(product);
        Product before = products.find(sku).orElseThrow(() -> new NotFoundException("product", sku));
        products.update(product);
        audit.change("product.update", "product", sku, null, before, products.find(sku).orElseThrow());
        return product;
    }

    /** What a tag cannot show (a bad EAN-13 check digit, a unit price without unit...) is refused now. */
    private static void requireShowable(Product product) {
        try {
            LabelImages.label(product, "EUR");
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("product", e.getMessage());
        }
    }

    @DeleteMapping("/{sku}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    void delete(@PathVariable String sku) {
        Product before = products.find(sku).orElseThrow(() -> new NotFoundException("product", sku));
        products.delete(sku);
        audit.change("product.delete", "product", sku, null, before, null);
    }
}
