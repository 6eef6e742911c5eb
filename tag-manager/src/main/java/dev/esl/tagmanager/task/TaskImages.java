package dev.esl.tagmanager.task;

import dev.esl.tagmanager.product.Product;
import dev.esl.tagmanager.template.Template;
import dev.esl.tagmanager.template.TemplateCatalog;
import java.util.HashMap;
import java.util.Map;

/**
 * The images of one task: each rendered once per product, panel, currency and template, stored, and shared by
 * every job that shows it. The tag's template is chosen from the catalog read at the start of the task, so a
 * million tags cost no query beyond the stream of bound tags.
 */
final class TaskImages {
    private final LabelImages renderer;
    private final ImageMapper images;
    private final TemplateCatalog templates;
    private final Map<String, String> hashes = new HashMap<>();

    TaskImages(LabelImages renderer, ImageMapper images, TemplateCatalog templates) {
        this.renderer = renderer;
        this.images = images;
        this.templates = templates;
    }

    /** The hash of the image the tag shows for the product, rendering and storing it the first time. */
    String hash(BoundTag t, Product product) {
        Template template = templates.choose(t.tagTemplate(), t.storeTemplate(), t.width(), t.height()).template();
        String key = t.sku() + '|' + t.width() + 'x' + t.height() + '|' + t.colors() + '|' + t.currency() + '|'
                + template.id();
        return hashes.computeIfAbsent(key, k -> {
            StoredImage image = renderer.render(product, t.currency(), t.width(), t.height(), t.colors(), template);
            images.insert(image);
            return image.hash();
        });
    }

    /** How many distinct images the task rendered. */
    int rendered() {
        return hashes.size();
    }
}
