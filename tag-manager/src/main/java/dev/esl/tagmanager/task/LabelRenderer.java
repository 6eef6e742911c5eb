package dev.esl.tagmanager.task;

import dev.esl.tagmanager.product.Product;

/** Renders the image a tag shows for a product: packed for its panel, compressed, named by its hash. */
public interface LabelRenderer {

    StoredImage render(Product product, String currency, int width, int height, String colors);
}
