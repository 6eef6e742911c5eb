package dev.esl.tagmanager.product;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface StorePriceMapper {
    String COLUMNS = "SELECT store_id, sku, price, unit_price, promo FROM store_price";

    @Select("<script>" + COLUMNS + " WHERE store_id IN"
            + " <foreach item='s' collection='stores' open='(' separator=',' close=')'>#{s}</foreach>"
            + " ORDER BY store_id, sku</script>")
    List<StorePrice> ofStores(@Param("stores") Collection<String> stores);

    /** Sets a store's own price (VALUES() rather than an alias: MariaDB and MySQL both read it). */
    @Insert("INSERT INTO store_price (store_id, sku, price, unit_price, promo) VALUES (#{storeId}, #{sku}, #{price},"
            + " #{unitPrice}, #{promo}) ON DUPLICATE KEY UPDATE price = VALUES(price), unit_price = VALUES(unit_price),"
            + " promo = VALUES(promo), updated_at = CURRENT_TIMESTAMP(3)")
    void put(@Param("storeId") String storeId, @Param("sku") String sku, @Param("price") BigDecimal price,
            @Param("unitPrice") BigDecimal unitPrice, @Param("promo") String promo);

    /** Sets a store price change's prices as the store's own, in one statement. */
    @Insert("INSERT INTO store_price (store_id, sku, price, unit_price, promo) SELECT #{storeId}, c.sku, c.price,"
            + " c.unit_price, c.promo FROM price_change c WHERE c.task_id = #{taskId} ON DUPLICATE KEY UPDATE"
            + " price = VALUES(price), unit_price = VALUES(unit_price), promo = VALUES(promo),"
            + " updated_at = CURRENT_TIMESTAMP(3)")
    int putAll(@Param("taskId") long taskId, @Param("storeId") String storeId);

    /** A chain-wide change's products lose every store's own price: the chain's new price holds everywhere. */
    @Delete("DELETE sp FROM store_price sp JOIN price_change c ON c.sku = sp.sku AND c.task_id = #{taskId}")
    int clearAll(long taskId);

    @Delete("DELETE FROM store_price WHERE sku = #{sku}")
    int clear(String sku);
}
