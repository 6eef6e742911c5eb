package dev.esl.tagmanager.task;

import java.util.Collection;
import java.util.Collections;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Streams bound tags, a million for a chain-wide change, on the connection of the caller's transaction. Plain JDBC
 * rather than a MyBatis cursor: mapping each row to the record through MyBatis's reflection cost more than the
 * database's join.
 */
@Component
class BoundTagReader {
    private static final String COLUMNS = "SELECT b.tag_id, t.store_id, b.sku, t.width, t.height, t.colors,"
            + " s.currency, t.template_id, s.template_id, t.last_ap FROM ";

    private final JdbcTemplate jdbc;

    BoundTagReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every tag bound to one of the products, store by store. */
    void boundTo(Collection<String> skus, Consumer<BoundTag> action) {
        String marks = String.join(",", Collections.nCopies(skus.size(), "?"));
        read(COLUMNS + "binding b JOIN tag t ON t.id = b.tag_id JOIN store s ON s.id = t.store_id WHERE b.sku IN ("
                + marks + ") ORDER BY t.store_id, b.sku", action, skus.toArray());
    }

    /** Every bound tag of a store. */
    void inStore(String storeId, Consumer<BoundTag> action) {
        read(COLUMNS + "tag t JOIN binding b ON b.tag_id = t.id JOIN store s ON s.id = t.store_id"
                + " WHERE t.store_id = ? ORDER BY b.sku, t.width, t.height, t.colors", action, storeId);
    }

    private void read(String sql, Consumer<BoundTag> action, Object... args) {
        jdbc.query(sql, rs -> {
            action.accept(new BoundTag(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
                    rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10)));
        }, args);
    }
}
