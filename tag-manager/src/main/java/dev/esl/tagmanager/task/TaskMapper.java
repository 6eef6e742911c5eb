package dev.esl.tagmanager.task;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface TaskMapper {
    String COLUMNS = "id, kind, description, created_by, trace_id, created_at, effective_at, deadline, cancelled_at,"
            + " store_id";

    @Insert("INSERT INTO task (kind, description, created_by, trace_id, effective_at, deadline)"
            + " VALUES (#{kind}, #{description}, #{createdBy}, #{traceId}, #{effectiveAt}, #{deadline})")
    @Options(useGeneratedKeys = true, keyProperty = "id")
    void insert(NewTask task);

    @Select("SELECT " + COLUMNS + " FROM task WHERE id = #{id}")
    Optional<Task> find(long id);

    /** Newest first; pass the last id of a page as {@code before} for the next one. */
    @Select("SELECT " + COLUMNS + " FROM task WHERE id < #{before} ORDER BY id DESC LIMIT #{limit}")
    List<Task> page(@Param("before") long before, @Param("limit") int limit);

    /** The same, of the tasks whose jobs are all in one store (what a store's staff may see). */
    @Select("SELECT " + COLUMNS + " FROM task t WHERE id < #{before}"
            + " AND EXISTS (SELECT 1 FROM job j WHERE j.task_id = t.id AND j.store_id = #{storeId})"
            + " AND NOT EXISTS (SELECT 1 FROM job j WHERE j.task_id = t.id AND j.store_id <> #{storeId})"
            + " ORDER BY id DESC LIMIT #{limit}")
    List<Task> pageOfStore(@Param("storeId") String storeId, @Param("before") long before, @Param("limit") int limit);

    /** Tasks with at least one job in the store, newest first. */
    @Select("SELECT " + COLUMNS + " FROM task t WHERE id < #{before}"
            + " AND EXISTS (SELECT 1 FROM job j WHERE j.task_id = t.id AND j.store_id = #{storeId})"
            + " ORDER BY id DESC LIMIT #{limit}")
    List<Task> pageTouchingStore(@Param("storeId") String storeId, @Param("before") long before,
            @Param("limit") int limit);

    @Select("SELECT state, COUNT(*) AS count FROM job WHERE task_id = #{taskId} GROUP BY state")
    List<StateCount> counts(long taskId);

    @Update("UPDATE task SET store_id = #{storeId} WHERE id = #{id}")
    void setStore(@Param("id") long id, @Param("storeId") String storeId);

    @Update("UPDATE task SET cancelled_at = #{at} WHERE id = #{id} AND cancelled_at IS NULL")
    int markCancelled(@Param("id") long id, @Param("at") Instant at);

    @Select("SELECT trace_id FROM task WHERE id = #{id}")
    String traceId(long id);
}
