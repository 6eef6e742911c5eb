package dev.esl.tagmanager.task;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A price change as JSON; with {@code storeId}, the prices become that store's own, shown by its tags only. Rows are checked one by one (see {@link PriceChangeService}), so they carry no
 * validation annotations here: a bad row is reported by its 1-based position, not refused with the whole request.
 */
public record PriceChangeRequest(@Size(max = 500) String description, Instant effectiveAt, Instant deadline,
        String storeId, @NotEmpty @Size(max = 100_000) List<Row> rows) {

    public record Row(String sku, BigDecimal price, BigDecimal unitPrice, String promo) {
    }

    List<PriceChangeRow> numberedRows() {
        List<PriceChangeRow> numbered = new java.util.ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            numbered.add(r == null ? new PriceChangeRow(i + 1, null, null, null, null)
                    : new PriceChangeRow(i + 1, r.sku(), r.price(), r.unitPrice(), r.promo()));
        }
        return numbered;
    }
}
