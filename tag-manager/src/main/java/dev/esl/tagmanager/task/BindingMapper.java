package dev.esl.tagmanager.task;

import java.util.Collection;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface BindingMapper {

    @Select("SELECT id FROM store ORDER BY id")
    java.util.List<String> storeIds();

    @Select("SELECT DISTINCT b.sku FROM tag t JOIN binding b ON b.tag_id = t.id WHERE t.store_id = #{storeId}")
    java.util.List<String> skusInStore(@Param("storeId") String storeId);

    @Select("<script>SELECT t.id AS tag_id, t.store_id, b.sku, t.width, t.height, t.colors, s.currency,"
            + " t.template_id AS tag_template, s.template_id AS store_template, t.last_ap FROM tag t"
            + " LEFT JOIN binding b ON b.tag_id = t.id JOIN store s ON s.id = t.store_id WHERE t.id IN"
            + " <foreach item='id' collection='ids' open='(' separator=',' close=')'>#{id}</foreach></script>")
    java.util.List<BoundTag> tags(@Param("ids") Collection<String> ids);
}
