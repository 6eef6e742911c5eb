package dev.esl.tagmanager.tag;

import dev.esl.tagmanager.api.BadRequestException;
import dev.esl.tagmanager.api.NotFoundException;
import dev.esl.tagmanager.audit.AuditTrail;
import dev.esl.tagmanager.product.ProductMapper;
import java.util.Locale;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Binding one tag to a product and unbinding it, audited: for the API and the console alike. */
@Service
public class TagBindings {
    private final TagMapper tags;
    private final ProductMapper products;
    private final AuditTrail audit;

    TagBindings(TagMapper tags, ProductMapper products, AuditTrail audit) {
        this.tags = tags;
        this.products = products;
        this.audit = audit;
    }

    /** The tag shows the product with the next price change or refresh of that product. */
    @Transactional
    public Tag bind(String id, String sku) {
        String tagId = id.toUpperCase(Locale.ROOT);
        Tag before = tags.find(tagId).orElseThrow(() -> new NotFoundException("tag", id));
        if (sku == null || sku.isBlank() || products.find(sku).isEmpty()) {
            throw new BadRequestException("sku", "product " + sku + " does not exist");
        }
        tags.bind(tagId, sku);
        audit.change("tag.bind", "tag", tagId, before.storeId(), new TagController.BindingRequest(before.sku()),
                new TagController.BindingRequest(sku));
        return tags.find(tagId).orElseThrow();
    }

    @Transactional
    public void unbind(String id) {
        Tag before = tags.find(id.toUpperCase(Locale.ROOT)).orElse(null);
        if (before == null || tags.unbind(before.id()) == 0) {
            throw new NotFoundException("binding of tag", id);
        }
        audit.change("tag.unbind", "tag", before.id(), before.storeId(),
                new TagController.BindingRequest(before.sku()), null);
    }
}
