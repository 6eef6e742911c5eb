package dev.esl.tagmanager.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * A chain as the design sizes it, loaded straight into the tag manager's tables: stores with two APs each (online),
 * products, and in every store one tag per product, bound to it and heard by one of the store's APs. Each product
 * has one panel model across the chain (a shelf edge keeps its label size), rotating through three models. One
 * store in ten tries another label template (QR code, black promo), so the task renders those stores' labels
 * apart: one image per product, panel and template.
 */
final class ChainSeed {
    static final int APS_PER_STORE = 2;
    static final String TEMPLATE = "bench-qr";
    static final int TEMPLATE_EVERY = 10;
    private static final int ROWS = 2000;
    private static final List<int[]> PANELS = List.of(new int[] {250, 122}, new int[] {296, 128}, new int[] {400, 300});
    private static final List<String> COLORS = List.of("bw", "bwr", "bwr");

    final int stores;
    final int productsPerStore;

    ChainSeed(int stores, int productsPerStore) {
        this.stores = stores;
        this.productsPerStore = productsPerStore;
    }

    int templatedStores() {
        return (stores + TEMPLATE_EVERY - 1) / TEMPLATE_EVERY;
    }

    long tags() {
        return (long) stores * productsPerStore;
    }

    static String store(int s) {
        return "s" + s;
    }

    static String ap(int s, int a) {
        return "ap-" + s + "-" + a;
    }

    static String sku(int p) {
        return "SKU-" + p;
    }

    void load(Connection c, Progress progress) throws SQLException {
        c.setAutoCommit(true);
        Timestamp now = Timestamp.from(Instant.now());
        try (Statement st = c.createStatement()) {
            st.execute("INSERT INTO chain (id, name) VALUES ('bench', 'Benchmark chain')");
            st.execute("INSERT INTO template (id, name, show_unit_price, show_promo, barcode, promo_style)"
                    + " VALUES ('" + TEMPLATE + "', 'Benchmark: QR code, black promo', TRUE, TRUE, 'QR', 'INVERTED')");
        }
        try (MultiRowInsert storeRows = new MultiRowInsert(c, "store", "id, chain_id, name, currency, template_id",
                ROWS);
             MultiRowInsert apRows = new MultiRowInsert(c, "ap", "serial, store_id, state, status_at, last_seen", ROWS)) {
            for (int s = 0; s < stores; s++) {
                storeRows.add(store(s), "bench", "Store " + s, "EUR", s % TEMPLATE_EVERY == 0 ? TEMPLATE : null);
            }
            storeRows.close();
            for (int s = 0; s < stores; s++) {
                for (int a = 0; a < APS_PER_STORE; a++) {
                    apRows.add(ap(s, a), store(s), "online", now, now);
                }
            }
        }
        try (MultiRowInsert products = new MultiRowInsert(c, "product", "sku, name, price, unit_price, unit, barcode", ROWS)) {
            for (int p = 0; p < productsPerStore; p++) {
                BigDecimal price = BigDecimal.valueOf(99 + p % 1900, 2);
                products.add(sku(p), "Product " + p + " organic 500 g", price, price.multiply(BigDecimal.valueOf(2)), "kg",
                        ean13(400_000_000_000L + p));
            }
        }
        try (MultiRowInsert tags = new MultiRowInsert(c, "tag", "id, store_id, width, height, colors, battery_mv, last_seen, last_ap", ROWS);
             MultiRowInsert bindings = new MultiRowInsert(c, "binding", "tag_id, sku", ROWS);
             MultiRowInsert sightings = new MultiRowInsert(c, "tag_sighting", "tag_id, ap_serial, seen_at, signal_strength", ROWS)) {
            for (int s = 0; s < stores; s++) {
                for (int p = 0; p < productsPerStore; p++) {
                    String tagId = String.format("%06X%010X", s, p);
                    String ap = ap(s, p % APS_PER_STORE);
                    int[] panel = PANELS.get(p % PANELS.size());
                    tags.add(tagId, store(s), panel[0], panel[1], COLORS.get(p % COLORS.size()), 2900, now, ap);
                    bindings.add(tagId, sku(p));
                    sightings.add(tagId, ap, now, -60);
                }
                progress.report("seeded tags", tags.inserted(), tags());
            }
            // The last partial batch of tags before their bindings' (closing in reverse order would break the
            // binding's foreign key whenever the tag count is not a multiple of ROWS).
            tags.close();
        }
    }

    /** The twelve digits and their check digit. */
    private static String ean13(long twelveDigits) {
        String digits = String.format("%012d", twelveDigits);
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (digits.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return digits + (10 - sum % 10) % 10;
    }
}
