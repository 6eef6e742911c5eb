package dev.esl.tagmanager.task;

import java.math.BigDecimal;

/**
 * One row of a price change: a product's new price. {@code row} is its 1-based position in the request (the
 * line number in a CSV, counting the header), used to name it in errors.
 */
public record PriceChangeRow(int row, String sku, BigDecimal price, BigDecimal unitPrice, String promo) {
}
