package dev.esl.tagmanager.security;

import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** The stores that what a request names belongs to. */
@Mapper
interface StoreScopeMapper {

    @Select("<script>SELECT DISTINCT store_id FROM tag WHERE id IN"
            + " <foreach item='id' collection='ids' open='(' separator=',' close=')'>#{id}</foreach></script>")
    List<String> ofTags(@Param("ids") Collection<String> ids);

    @Select("SELECT store_id FROM ap WHERE serial = #{serial}")
    List<String> ofAp(String serial);

    @Select("SELECT DISTINCT store_id FROM job WHERE task_id = #{taskId}")
    List<String> ofTask(long taskId);

    @Select("<script>SELECT DISTINCT t.store_id FROM binding b JOIN tag t ON t.id = b.tag_id WHERE b.sku IN"
            + " <foreach item='sku' collection='skus' open='(' separator=',' close=')'>#{sku}</foreach></script>")
    List<String> ofProducts(@Param("skus") Collection<String> skus);
}
