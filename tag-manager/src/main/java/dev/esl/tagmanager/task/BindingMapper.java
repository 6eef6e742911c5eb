package dev.esl.tagmanager.task;

import java.util.Collection;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.cursor.Cursor;

@Mapper
public interface BindingMapper {

    /**
     * Every tag bound to one of the products, read as a stream: a chain-wide change touches a million. Store by
     * store, so that jobs inserted in this order are claimed a store's worth at a time and leave in a few full
     * batches per AP (in product order, a claim of 2,000 jobs of a 200-store chain made 400 batches of 5).
     */
    @Select("<script>SELECT b.tag_id, t.store_id, b.sku, t.width, t.height, t.colors, s.currency,"
            + " t.template_id AS tag_template, s.template_id AS store_template FROM binding b"
            + " JOIN tag t ON t.id = b.tag_id JOIN store s ON s.id = t.store_id WHERE b.sku IN"
            + " <foreach item='s' collection='skus' open='(' separator=',' close=')'>#{s}</foreach>"
            + " ORDER BY t.store_id, b.sku</script>")
    Cursor<BoundTag> boundTo(@Param("skus") Collection<String> skus);

    /** Every bound tag of a store, read as a stream. */
    @Select("SELECT b.tag_id, t.store_id, b.sku, t.width, t.height, t.colors, s.currency,"
            + " t.template_id AS tag_template, s.template_id AS store_template FROM tag t"
            + " JOIN binding b ON b.tag_id = t.id JOIN store s ON s.id = t.store_id WHERE t.store_id = #{storeId}"
            + " ORDER BY b.sku, t.width, t.height, t.colors")
    Cursor<BoundTag> boundInStore(@Param("storeId") String storeId);

    @Select("SELECT DISTINCT b.sku FROM tag t JOIN binding b ON b.tag_id = t.id WHERE t.store_id = #{storeId}")
    java.util.List<String> skusInStore(@Param("storeId") String storeId);

    @Select("<script>SELECT t.id AS tag_id, t.store_id, b.sku, t.width, t.height, t.colors, s.currency,"
            + " t.template_id AS tag_template, s.template_id AS store_template FROM tag t"
            + " LEFT JOIN binding b ON b.tag_id = t.id JOIN store s ON s.id = t.store_id WHERE t.id IN"
            + " <foreach item='id' collection='ids' open='(' separator=',' close=')'>#{id}</foreach></script>")
    java.util.List<BoundTag> tags(@Param("ids") Collection<String> ids);
}
