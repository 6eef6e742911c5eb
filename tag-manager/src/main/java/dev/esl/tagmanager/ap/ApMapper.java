package dev.esl.tagmanager.ap;

import java.util.List;
import java.util.Optional;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface ApMapper {
    String COLUMNS = "serial, store_id, state, radio, firmware, dongle, tags_heard, pending_jobs, version, status_at";

    @Insert("INSERT INTO ap (serial, store_id) VALUES (#{serial}, #{storeId})")
    void insert(NewAp ap);

    /** Moves an AP to another store; its status stays as the AP last reported it. */
    @Update("UPDATE ap SET store_id = #{storeId} WHERE serial = #{serial}")
    int update(NewAp ap);

    /** Records a status; an AP not registered yet is added to the store it names. Older statuses lose. */
    @Insert("INSERT INTO ap (serial, store_id, state, radio, firmware, dongle, tags_heard, pending_jobs, version,"
            + " status_at, last_seen) VALUES (#{serial}, #{storeId}, #{state}, #{radio}, #{firmware}, #{dongle},"
            + " #{tagsHeard}, #{pendingJobs}, #{version}, #{statusAt}, CURRENT_TIMESTAMP(3))"
            + " ON DUPLICATE KEY UPDATE"
            + " radio = IF(status_at IS NULL OR status_at <= VALUES(status_at), COALESCE(VALUES(radio), radio), radio),"
            + " firmware = IF(status_at IS NULL OR status_at <= VALUES(status_at), COALESCE(VALUES(firmware), firmware), firmware),"
            + " dongle = IF(status_at IS NULL OR status_at <= VALUES(status_at), VALUES(dongle), dongle),"
            + " tags_heard = IF(status_at IS NULL OR status_at <= VALUES(status_at), VALUES(tags_heard), tags_heard),"
            + " pending_jobs = IF(status_at IS NULL OR status_at <= VALUES(status_at), VALUES(pending_jobs), pending_jobs),"
            + " version = IF(status_at IS NULL OR status_at <= VALUES(status_at), COALESCE(VALUES(version), version), version),"
            + " state = IF(status_at IS NULL OR status_at <= VALUES(status_at), VALUES(state), state),"
            + " status_at = GREATEST(COALESCE(status_at, VALUES(status_at)), VALUES(status_at)),"
            + " last_seen = CURRENT_TIMESTAMP(3)")
    void recordStatus(Ap status);

    @Delete("DELETE FROM ap WHERE serial = #{serial}")
    int delete(String serial);

    @Select("SELECT " + COLUMNS + " FROM ap WHERE serial = #{serial}")
    Optional<Ap> find(String serial);

    @Select("SELECT " + COLUMNS + " FROM ap WHERE store_id = #{storeId} ORDER BY serial")
    List<Ap> ofStore(String storeId);
}
