package dev.esl.tagmanager.template;

import java.util.List;
import java.util.Optional;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface TemplateMapper {
    String COLUMNS = "id, name, show_unit_price, show_promo, barcode, promo_style, panels";

    @Select("SELECT " + COLUMNS + " FROM template ORDER BY id")
    List<TemplateRow> all();

    @Select("SELECT " + COLUMNS + " FROM template WHERE id = #{id}")
    Optional<TemplateRow> find(String id);

    @Insert("INSERT INTO template (" + COLUMNS + ") VALUES (#{id}, #{name}, #{showUnitPrice}, #{showPromo},"
            + " #{barcode}, #{promoStyle}, #{panels})")
    void insert(TemplateRow row);

    @Update("UPDATE template SET name = #{name}, show_unit_price = #{showUnitPrice}, show_promo = #{showPromo},"
            + " barcode = #{barcode}, promo_style = #{promoStyle}, panels = #{panels},"
            + " updated_at = CURRENT_TIMESTAMP(3) WHERE id = #{id}")
    int update(TemplateRow row);

    @Delete("DELETE FROM template WHERE id = #{id}")
    int delete(String id);

    /** How many stores and tags name the template (both columns are indexed by their foreign keys). */
    @Select("SELECT (SELECT COUNT(*) FROM store WHERE template_id = #{id}) AS stores,"
            + " (SELECT COUNT(*) FROM tag WHERE template_id = #{id}) AS tags")
    Usage usage(String id);

    record Usage(long stores, long tags) {
    }

    /** A store's own template id, null when it has none. */
    record StoreAssignment(String storeId, String templateId) {
    }

    /** A tag's store and panel, its own template id and its store's (each null when none). */
    record TagAssignment(String tagId, String storeId, int width, int height, String templateId,
            String storeTemplateId) {
    }

    @Select("SELECT id AS store_id, template_id FROM store WHERE id = #{id}")
    Optional<StoreAssignment> ofStore(String id);

    @Select("SELECT t.id AS tag_id, t.store_id, t.width, t.height, t.template_id, s.template_id AS store_template_id"
            + " FROM tag t JOIN store s ON s.id = t.store_id WHERE t.id = #{id}")
    Optional<TagAssignment> ofTag(String id);

    @Update("UPDATE store SET template_id = #{templateId} WHERE id = #{storeId}")
    int assignToStore(@Param("storeId") String storeId, @Param("templateId") String templateId);

    @Update("UPDATE tag SET template_id = #{templateId} WHERE id = #{tagId}")
    int assignToTag(@Param("tagId") String tagId, @Param("templateId") String templateId);
}
