package dev.esl.tagmanager.task;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface PriceChangeMapper {

    @Insert("<script>INSERT INTO price_change (task_id, sku, old_price, price, unit_price, promo, applied_at) VALUES"
            + " <foreach item='r' collection='rows' separator=','>(#{taskId}, #{r.sku}, #{r.oldPrice}, #{r.price},"
            + " #{r.unitPrice}, #{r.promo}, #{appliedAt})</foreach></script>")
    void insertAll(@Param("taskId") long taskId, @Param("rows") List<PriceRow> rows, @Param("appliedAt") Instant appliedAt);

    /** Puts a task's new prices on its products, in one statement. */
    @Update("UPDATE product p JOIN price_change c ON c.sku = p.sku AND c.task_id = #{taskId} SET p.price = c.price,"
            + " p.unit_price = c.unit_price, p.promo = c.promo, p.version = p.version + 1,"
            + " p.updated_at = CURRENT_TIMESTAMP(3)")
    int applyAll(@Param("taskId") long taskId);

    /** Price changes whose time has come but whose prices are not on the products yet. */
    @Select("SELECT p.task_id, p.sku, p.old_price, p.price, p.unit_price, p.promo, t.store_id FROM price_change p"
            + " JOIN task t ON t.id = p.task_id WHERE p.applied_at IS NULL AND t.effective_at <= #{now}"
            + " AND t.cancelled_at IS NULL ORDER BY t.effective_at, p.task_id LIMIT #{limit} FOR UPDATE SKIP LOCKED")
    List<DuePrice> due(@Param("now") Instant now, @Param("limit") int limit);

    @Update("UPDATE price_change SET applied_at = #{at} WHERE task_id = #{taskId} AND sku = #{sku}")
    void applied(@Param("taskId") long taskId, @Param("sku") String sku, @Param("at") Instant at);

    @Select("SELECT sku, old_price, price, unit_price, promo FROM price_change WHERE task_id = #{taskId} ORDER BY sku")
    List<PriceRow> ofTask(long taskId);

    /** One product's new price in a task, and the price it replaces. */
    record PriceRow(String sku, BigDecimal oldPrice, BigDecimal price, BigDecimal unitPrice, String promo) {
    }

    /** {@code storeId}: the store whose own price it becomes; null: the product's (the chain's) price. */
    record DuePrice(long taskId, String sku, BigDecimal oldPrice, BigDecimal price, BigDecimal unitPrice, String promo,
            String storeId) {
    }
}
