package dev.esl.tagmanager.task;

import dev.esl.tagmanager.product.Product;
import dev.esl.tagmanager.template.Template;
import dev.esl.tagmanager.template.TemplateCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The images of one task: each rendered once per product, panel, currency and template, stored, and shared by
 * every job that shows it. The tag's template is chosen from the catalog read at the start of the task, so a
 * million tags cost no query beyond the stream of bound tags.
 */
final class TaskImages {
    private static final int IMAGES_PER_INSERT = 200;

    private final LabelImages renderer;
    private final ImageMapper images;
    private final TemplateCatalog templates;
    private final Map<String, String> hashes = new HashMap<>();
    private final Map<String, Integer> sizes = new HashMap<>();

    TaskImages(LabelImages renderer, ImageMapper images, TemplateCatalog templates) {
        this.renderer = renderer;
        this.images = images;
        this.templates = templates;
    }

    /**
     * The hash of the image each tag shows for its product, in the order of the tags. Images this task has not
     * made yet are rendered in parallel (rendering is most of a price change's CPU: 10,000 labels for a chain-wide
     * change) and stored a few hundred per statement.
     */
    List<String> hashes(List<BoundTag> tags, Function<BoundTag, Product> products) {
        List<String> keys = new ArrayList<>(tags.size());
        Map<String, Wanted> missing = new LinkedHashMap<>();
        for (BoundTag t : tags) {
            Template template = templates.choose(t.tagTemplate(), t.storeTemplate(), t.width(), t.height()).template();
            Product product = products.apply(t);
            // The price is part of the content: stores with their own price of a product show another image.
            String key = t.sku() + '|' + product.price() + '|' + product.unitPrice() + '|' + product.promo() + '|'
                    + t.width() + 'x' + t.height() + '|' + t.colors() + '|' + t.currency() + '|' + template.id();
            keys.add(key);
            if (!hashes.containsKey(key)) {
                missing.computeIfAbsent(key, k -> new Wanted(t, product, template));
            }
        }
        if (!missing.isEmpty()) {
            store(missing);
        }
        return keys.stream().map(hashes::get).toList();
    }

    /** The compressed size of an image this task made. */
    int bytes(String hash) {
        return sizes.getOrDefault(hash, 0);
    }

    /** How many distinct images the task rendered. */
    int rendered() {
        return hashes.size();
    }

    private void store(Map<String, Wanted> missing) {
        List<String> keys = new ArrayList<>(missing.keySet());
        List<StoredImage> made = missing.values().parallelStream()
                .map(w -> renderer.render(w.product(), w.tag().currency(), w.tag().width(), w.tag().height(),
                        w.tag().colors(), w.template()))
                .toList();
        for (int i = 0; i < made.size(); i += IMAGES_PER_INSERT) {
            images.insertAll(made.subList(i, Math.min(made.size(), i + IMAGES_PER_INSERT)));
        }
        for (int i = 0; i < keys.size(); i++) {
            hashes.put(keys.get(i), made.get(i).hash());
            sizes.put(made.get(i).hash(), made.get(i).data().length);
        }
    }

    private record Wanted(BoundTag tag, Product product, Template template) {
    }
}
