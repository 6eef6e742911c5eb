package dev.esl.tagmanager.preview;

import dev.esl.tagmanager.api.BadRequestException;
import dev.esl.tagmanager.api.NotFoundException;
import dev.esl.tagmanager.product.Product;
import dev.esl.tagmanager.product.ProductMapper;
import dev.esl.tagmanager.product.ShelfPrices;
import dev.esl.tagmanager.product.StorePriceMapper;
import dev.esl.tagmanager.store.StoreMapper;
import dev.esl.tagmanager.tag.Tag;
import dev.esl.tagmanager.tag.TagMapper;
import dev.esl.tagmanager.task.LabelImages;
import dev.esl.tagmanager.template.Template;
import dev.esl.tagmanager.template.TemplateService;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** What a tag shows: its product's label at the current price, for its panel, with its template, as a PNG. */
@Component
public class TagPreviews {
    private final TagMapper tags;
    private final ProductMapper products;
    private final StoreMapper stores;
    private final LabelImages images;
    private final TemplateService templates;
    private final StorePriceMapper storePrices;

    TagPreviews(TagMapper tags, ProductMapper products, StoreMapper stores, LabelImages images,
            TemplateService templates, StorePriceMapper storePrices) {
        this.storePrices = storePrices;
        this.tags = tags;
        this.products = products;
        this.stores = stores;
        this.images = images;
        this.templates = templates;
    }

    public byte[] of(String id) {
        Tag tag = tags.find(id.toUpperCase(Locale.ROOT)).orElseThrow(() -> new NotFoundException("tag", id));
        if (tag.sku() == null) {
            throw new BadRequestException("id", "tag " + tag.id() + " has no product bound");
        }
        Product product = ShelfPrices.of(storePrices, List.of(tag.storeId())).in(tag.storeId(),
                products.find(tag.sku()).orElseThrow(() -> new NotFoundException("product", tag.sku())));
        String currency = stores.find(tag.storeId()).orElseThrow().currency();
        Template template = templates.ofTag(tag.id()).template();
        return images.preview(product, currency, tag.width(), tag.height(), tag.colors(), template);
    }
}
