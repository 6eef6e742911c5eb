package dev.esl.tagmanager.tag;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface TagMapper {
    String COLUMNS = "t.id, t.store_id, t.width, t.height, t.colors, b.sku, t.battery_mv, t.temperature_c, t.rssi,"
            + " t.lqi, t.firmware, t.image_hash, t.last_seen, t.last_ap";
    String FROM = " FROM tag t LEFT JOIN binding b ON b.tag_id = t.id";

    @Insert("INSERT INTO tag (id, store_id, width, height, colors) VALUES (#{id}, #{storeId}, #{width}, #{height}, #{colors})")
    void insert(NewTag tag);

    /** Moves a tag to another store or corrects its panel (check-ins never change the panel of a known tag). */
    @Update("UPDATE tag SET store_id = #{storeId}, width = #{width}, height = #{height}, colors = #{colors}"
            + " WHERE id = #{id}")
    int update(NewTag tag);

    @Delete("DELETE FROM tag WHERE id = #{id}")
    int delete(String id);

    @Select("SELECT " + COLUMNS + FROM + " WHERE t.id = #{id}")
    Optional<Tag> find(String id);

    @Select("SELECT " + COLUMNS + FROM + " WHERE t.store_id = #{storeId} AND t.id > #{after} ORDER BY t.id LIMIT #{limit}")
    List<Tag> ofStore(@Param("storeId") String storeId, @Param("after") String after, @Param("limit") int limit);

    @Select("SELECT " + COLUMNS + FROM + " WHERE b.sku = #{sku} ORDER BY t.id")
    List<Tag> boundTo(String sku);

    @Insert("INSERT INTO binding (tag_id, sku) VALUES (#{tagId}, #{sku})"
            + " ON DUPLICATE KEY UPDATE sku = VALUES(sku), bound_at = CURRENT_TIMESTAMP(3)")
    void bind(@Param("tagId") String tagId, @Param("sku") String sku);

    /** The current bindings of these tags (those that have one). */
    @Select("<script>SELECT tag_id, sku FROM binding WHERE tag_id IN"
            + " <foreach item='id' collection='ids' open='(' separator=',' close=')'>#{id}</foreach> ORDER BY tag_id</script>")
    java.util.List<Binding> bindingsOf(@Param("ids") java.util.Collection<String> ids);

    /** Many bindings in one statement; a tag already bound is rebound. */
    @Insert("<script>INSERT INTO binding (tag_id, sku) VALUES <foreach item='b' collection='bindings' separator=','>"
            + "(#{b.tagId}, #{b.sku})</foreach> ON DUPLICATE KEY UPDATE sku = VALUES(sku), bound_at = CURRENT_TIMESTAMP(3)"
            + "</script>")
    void bindAll(@Param("bindings") java.util.List<Binding> bindings);

    @Select("<script>SELECT id FROM tag WHERE id IN <foreach item='id' collection='ids' open='(' separator=',' close=')'>"
            + "#{id}</foreach></script>")
    java.util.Set<String> existing(@Param("ids") java.util.Collection<String> ids);

    @Delete("DELETE FROM binding WHERE tag_id = #{tagId}")
    int unbind(String tagId);

    /** A check-in: registers a tag never seen (with the panel it reports), else updates what it says now. */
    @Insert("INSERT INTO tag (id, store_id, width, height, colors, battery_mv, temperature_c, rssi, lqi, firmware,"
            + " image_hash, image_hash_at, last_seen, last_ap) VALUES (#{tagId}, #{storeId}, #{width}, #{height},"
            + " #{colors}, #{batteryMv}, #{temperatureC}, #{rssi}, #{lqi}, #{firmware}, #{imageHash}, #{seenAt}, #{seenAt},"
            + " #{apSerial})"
            + " ON DUPLICATE KEY UPDATE"
            + " battery_mv = IF(last_seen IS NULL OR last_seen <= VALUES(last_seen), VALUES(battery_mv), battery_mv),"
            + " temperature_c = IF(last_seen IS NULL OR last_seen <= VALUES(last_seen), VALUES(temperature_c), temperature_c),"
            + " rssi = IF(last_seen IS NULL OR last_seen <= VALUES(last_seen), VALUES(rssi), rssi),"
            + " lqi = IF(last_seen IS NULL OR last_seen <= VALUES(last_seen), VALUES(lqi), lqi),"
            + " firmware = IF(last_seen IS NULL OR last_seen <= VALUES(last_seen), VALUES(firmware), firmware),"
            + " image_hash = IF(image_hash_at IS NULL OR image_hash_at <= VALUES(last_seen), VALUES(image_hash), image_hash),"
            + " image_hash_at = GREATEST(COALESCE(image_hash_at, VALUES(last_seen)), VALUES(last_seen)),"
            + " last_ap = IF(last_seen IS NULL OR last_seen <= VALUES(last_seen), VALUES(last_ap), last_ap),"
            + " last_seen = GREATEST(COALESCE(last_seen, VALUES(last_seen)), VALUES(last_seen))")
    void checkIn(TagTelemetry telemetry);

    /** Many check-ins in one statement, as {@link #checkIn}; the caller passes each tag once. */
    @Insert("<script>INSERT INTO tag (id, store_id, width, height, colors, battery_mv, temperature_c, rssi, lqi, firmware,"
            + " image_hash, image_hash_at, last_seen, last_ap) VALUES <foreach item='t' collection='checkIns' separator=','>"
            + "(#{t.tagId}, #{t.storeId}, #{t.width}, #{t.height}, #{t.colors}, #{t.batteryMv}, #{t.temperatureC},"
            + " #{t.rssi}, #{t.lqi}, #{t.firmware}, #{t.imageHash}, #{t.seenAt}, #{t.seenAt}, #{t.apSerial})</foreach>"
            + " ON DUPLICATE KEY UPDATE"
            + " battery_mv = IF(last_seen IS NULL OR last_seen &lt;= VALUES(last_seen), VALUES(battery_mv), battery_mv),"
            + " temperature_c = IF(last_seen IS NULL OR last_seen &lt;= VALUES(last_seen), VALUES(temperature_c), temperature_c),"
            + " rssi = IF(last_seen IS NULL OR last_seen &lt;= VALUES(last_seen), VALUES(rssi), rssi),"
            + " lqi = IF(last_seen IS NULL OR last_seen &lt;= VALUES(last_seen), VALUES(lqi), lqi),"
            + " firmware = IF(last_seen IS NULL OR last_seen &lt;= VALUES(last_seen), VALUES(firmware), firmware),"
            + " image_hash = IF(image_hash_at IS NULL OR image_hash_at &lt;= VALUES(last_seen), VALUES(image_hash), image_hash),"
            + " image_hash_at = GREATEST(COALESCE(image_hash_at, VALUES(last_seen)), VALUES(last_seen)),"
            + " last_ap = IF(last_seen IS NULL OR last_seen &lt;= VALUES(last_seen), VALUES(last_ap), last_ap),"
            + " last_seen = GREATEST(COALESCE(last_seen, VALUES(last_seen)), VALUES(last_seen))</script>")
    void checkInAll(@Param("checkIns") java.util.List<TagTelemetry> checkIns);

    @Insert("<script>INSERT INTO tag_sighting (tag_id, ap_serial, seen_at, signal_strength) VALUES"
            + " <foreach item='t' collection='checkIns' separator=','>(#{t.tagId}, #{t.apSerial}, #{t.seenAt},"
            + " COALESCE(#{t.rssi}, #{t.lqi}))</foreach>"
            + " ON DUPLICATE KEY UPDATE signal_strength = IF(seen_at &lt;= VALUES(seen_at), VALUES(signal_strength), signal_strength),"
            + " seen_at = GREATEST(seen_at, VALUES(seen_at))</script>")
    void sightedAll(@Param("checkIns") java.util.List<TagTelemetry> checkIns);

    /** A check-in of a known tag from an AP that did not report the panel. */
    @Update("UPDATE tag SET battery_mv = #{batteryMv}, temperature_c = #{temperatureC}, rssi = #{rssi}, lqi = #{lqi},"
            + " firmware = #{firmware}, last_ap = #{apSerial}, last_seen = #{seenAt},"
            + " image_hash = IF(image_hash_at IS NULL OR image_hash_at <= #{seenAt}, #{imageHash}, image_hash),"
            + " image_hash_at = GREATEST(COALESCE(image_hash_at, #{seenAt}), #{seenAt})"
            + " WHERE id = #{tagId} AND (last_seen IS NULL OR last_seen <= #{seenAt})")
    int checkInKnown(TagTelemetry telemetry);

    @Insert("INSERT INTO tag_sighting (tag_id, ap_serial, seen_at, signal_strength)"
            + " VALUES (#{tagId}, #{apSerial}, #{seenAt}, COALESCE(#{rssi}, #{lqi}))"
            + " ON DUPLICATE KEY UPDATE signal_strength = IF(seen_at <= VALUES(seen_at), VALUES(signal_strength), signal_strength),"
            + " seen_at = GREATEST(seen_at, VALUES(seen_at))")
    void sighted(TagTelemetry telemetry);

    /** The tag confirmed showing an image at {@code at}; a check-in from before that no longer changes it. */
    @Update("UPDATE tag SET image_hash = #{hash}, image_hash_at = #{at} WHERE id = #{tagId}"
            + " AND (image_hash_at IS NULL OR image_hash_at <= #{at})")
    void shows(@Param("tagId") String tagId, @Param("hash") String hash, @Param("at") java.time.Instant at);

    @Select("SELECT " + COLUMNS + FROM + " WHERE t.store_id = #{storeId} AND t.battery_mv < #{belowMv}"
            + " ORDER BY t.battery_mv LIMIT #{limit}")
    List<Tag> lowBattery(@Param("storeId") String storeId, @Param("belowMv") int belowMv, @Param("limit") int limit);

    @Select("SELECT " + COLUMNS + FROM + " WHERE t.store_id = #{storeId} AND (t.last_seen IS NULL OR t.last_seen < #{since})"
            + " ORDER BY t.last_seen LIMIT #{limit}")
    List<Tag> notSeenSince(@Param("storeId") String storeId, @Param("since") Instant since, @Param("limit") int limit);

    /** Tags whose latest job failed or expired: the shelf does not show what it should. */
    @Select("SELECT " + COLUMNS + FROM + " JOIN (SELECT tag_id, MAX(id) AS id FROM job WHERE store_id = #{storeId}"
            + " GROUP BY tag_id) latest ON latest.tag_id = t.id JOIN job j ON j.id = latest.id"
            + " WHERE j.state IN ('FAILED', 'EXPIRED') ORDER BY t.id LIMIT #{limit}")
    List<Tag> failing(@Param("storeId") String storeId, @Param("limit") int limit);

    /** A store's tags whose id starts with {@code text}, or whose product's SKU or name contains it. */
    @Select("SELECT " + COLUMNS + FROM + " LEFT JOIN product p ON p.sku = b.sku WHERE t.store_id = #{storeId}"
            + " AND (t.id LIKE CONCAT(#{text}, '%') OR b.sku LIKE CONCAT('%', #{text}, '%')"
            + " OR p.name LIKE CONCAT('%', #{text}, '%')) ORDER BY t.id LIMIT #{limit}")
    List<Tag> search(@Param("storeId") String storeId, @Param("text") String text, @Param("limit") int limit);
}
