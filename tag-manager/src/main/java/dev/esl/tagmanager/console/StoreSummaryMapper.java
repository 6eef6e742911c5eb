package dev.esl.tagmanager.console;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** The numbers of a store's dashboard. */
@Mapper
interface StoreSummaryMapper {

    @Select("SELECT COUNT(*) AS tags, COALESCE(SUM(last_seen IS NULL OR last_seen < #{since}), 0) AS offline,"
            + " COALESCE(SUM(battery_mv < #{lowMv}), 0) AS low_battery FROM tag WHERE store_id = #{storeId}")
    TagCounts tags(@Param("storeId") String storeId, @Param("since") Instant since, @Param("lowMv") int lowMv);

    @Select("SELECT COUNT(*) FROM ap WHERE store_id = #{storeId} AND state = 'online'")
    int apsOnline(String storeId);

    @Select("SELECT COUNT(*) FROM ap WHERE store_id = #{storeId}")
    int aps(String storeId);

    /** Tasks with unfinished jobs in the store, newest first, with the store's share of their jobs. */
    @Select("SELECT t.id, t.description, t.created_by, t.created_at, COUNT(*) AS jobs,"
            + " SUM(j.state IN ('DISPLAYED', 'SKIPPED')) AS succeeded, SUM(j.state IN ('FAILED', 'EXPIRED')) AS failed"
            + " FROM job j JOIN task t ON t.id = j.task_id WHERE j.store_id = #{storeId} AND j.task_id IN"
            + " (SELECT DISTINCT task_id FROM job WHERE state IN ('PENDING', 'SENT', 'ACCEPTED_BY_AP')"
            + " AND store_id = #{storeId}) GROUP BY t.id, t.description, t.created_by, t.created_at"
            + " ORDER BY t.id DESC LIMIT 20")
    List<TaskProgress> inProgress(String storeId);

    record TagCounts(long tags, long offline, long lowBattery) {
    }

    record TaskProgress(long id, String description, String createdBy, Instant createdAt, long jobs, long succeeded,
            long failed) {
    }
}
