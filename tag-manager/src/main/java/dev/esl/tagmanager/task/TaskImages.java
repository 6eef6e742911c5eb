package dev.esl.tagmanager.task;

import dev.esl.tagmanager.product.Product;
import dev.esl.tagmanager.template.Template;
import dev.esl.tagmanager.template.TemplateCatalog;
import java.math.BigDecimal;
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
    private final Map<ImageKey, Made> made = new HashMap<>();

    TaskImages(LabelImages renderer, ImageMapper images, TemplateCatalog templates) {
        this.renderer = renderer;
        this.images = images;
        this.templates = templates;
    }

    /**
     * The image each tag shows for its product, in the order of the tags. Images this task has not made yet are
     * rendered in parallel (rendering is most of a price change's CPU: 10,000 labels for a chain-wide change) and
     * stored a few hundred per statement.
     */
    List<Made> images(List<BoundTag> tags, Function<BoundTag, Product> products) {
        List<ImageKey> keys = new ArrayList<>(tags.size());
        Map<ImageKey, Wanted> missing = new LinkedHashMap<>();
        for (BoundTag t : tags) {
            Template template = templates.choose(t.tagTemplate(), t.storeTemplate(), t.width(), t.height()).template();
            Product product = products.apply(t);
            ImageKey key = new ImageKey(t.sku(), product.price(), product.unitPrice(), product.promo(), t.width(),
                    t.height(), t.colors(), t.currency(), template.id());
            keys.add(key);
            if (!made.containsKey(key)) {
                missing.computeIfAbsent(key, k -> new Wanted(t, product, template));
            }
        }
        if (!missing.isEmpty()) {
            store(missing);
        }
        List<Made> shown = new ArrayList<>(keys.size());
        for (ImageKey key : keys) {
            shown.add(made.get(key));
        }
        return shown;
    }

    /** How many distinct images the task rendered. */
    int rendered() {
        return made.size();
    }

    private void store(Map<ImageKey, Wanted> missing) {
        List<ImageKey> keys = new ArrayList<>(missing.keySet());
        List<StoredImage> rendered = missing.values().parallelStream()
                .map(w -> renderer.render(w.product(), w.tag().currency(), w.tag().width(), w.tag().height(),
                        w.tag().colors(), w.template()))
                .toList();
        for (int i = 0; i < rendered.size(); i += IMAGES_PER_INSERT) {
            images.insertAll(rendered.subList(i, Math.min(rendered.size(), i + IMAGES_PER_INSERT)));
        }
        for (int i = 0; i < keys.size(); i++) {
            made.put(keys.get(i), new Made(rendered.get(i).hash(), rendered.get(i).data().length));
        }
    }

    /** An image of this task: its content hash and compressed size. */
    record Made(String hash, int bytes) {
    }

    /**
     * What an image's content depends on. The price is part of it: stores with their own price of a product show
     * another image. A record rather than a joined string: a million tags look up their image.
     */
    private record ImageKey(String sku, BigDecimal price, BigDecimal unitPrice, String promo, int width, int height,
            String colors, String currency, String template) {
    }

    private record Wanted(BoundTag tag, Product product, Template template) {
    }
}
