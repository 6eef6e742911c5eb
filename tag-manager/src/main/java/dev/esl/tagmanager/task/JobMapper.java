package dev.esl.tagmanager.task;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface JobMapper {
    String VIEW = "id, task_id, tag_id, store_id, action, state, attempt, ap_serial, reason, error_code, created_at,"
            + " sent_at, accepted_at, finished_at, deadline";

    @Select("SELECT " + VIEW + " FROM job WHERE id = #{id}")
    JobRow find(long id);

    @Select("<script>SELECT " + VIEW + " FROM job WHERE task_id = #{taskId}"
            + "<if test='state != null'> AND state = #{state}</if> AND id > #{after} ORDER BY id LIMIT #{limit}</script>")
    List<JobRow> ofTask(@Param("taskId") long taskId, @Param("state") JobState state, @Param("after") long after,
            @Param("limit") int limit);

    /**
     * Claims due jobs for this node: the rows stay locked until the caller's transaction ends, and other nodes
     * skip them rather than wait. By {@code due_at} (V8): rows of other states are not in its range at all, so a poll
     * never goes through the uncommitted jobs a task writes SENT, as it did through {@code (state, next_attempt_at)}.
     */
    @Select("SELECT id, task_id, tag_id, store_id, action, image_hash, params, attempt, ap_serial, deadline FROM job"
            + " FORCE INDEX (ix_job_due_at) WHERE due_at <= #{now} ORDER BY due_at, id LIMIT #{limit}"
            + " FOR UPDATE SKIP LOCKED")
    List<DueJob> claimDue(@Param("now") Instant now, @Param("limit") int limit);

    @Update("<script>UPDATE job SET state = 'SENT', state_rank = 1, ap_serial = #{apSerial}, batch_id = #{batchId},"
            + " sent_at = #{at} WHERE state = 'PENDING' AND id IN"
            + " <foreach item='id' collection='ids' open='(' separator=',' close=')'>#{id}</foreach></script>")
    int markSent(@Param("ids") Collection<Long> ids, @Param("apSerial") String apSerial,
            @Param("batchId") String batchId, @Param("at") Instant at);

    /** Jobs that no AP can take now: tried again later. */
    @Update("<script>UPDATE job SET next_attempt_at = #{next}, reason = #{reason} WHERE state = 'PENDING' AND id IN"
            + " <foreach item='id' collection='ids' open='(' separator=',' close=')'>#{id}</foreach></script>")
    int postpone(@Param("ids") Collection<Long> ids, @Param("next") Instant next, @Param("reason") String reason);

    @Update("UPDATE job SET state = 'ACCEPTED_BY_AP', state_rank = 2, accepted_at = #{at}"
            + " WHERE id = #{id} AND attempt = #{attempt} AND state_rank < 2")
    int accepted(@Param("id") long id, @Param("attempt") int attempt, @Param("at") Instant at);

    @Update("UPDATE job SET state = #{state}, state_rank = 3, finished_at = #{at}, reason = #{reason},"
            + " error_code = #{errorCode}, accepted_at = COALESCE(accepted_at, #{at})"
            + " WHERE id = #{id} AND attempt = #{attempt} AND state_rank < 3")
    int finished(@Param("id") long id, @Param("attempt") int attempt, @Param("state") JobState state,
            @Param("at") Instant at, @Param("reason") String reason, @Param("errorCode") Integer errorCode);

    /**
     * A failed attempt to be tried again: the next attempt starts at PENDING; results of this one no longer match.
     * Its times are cleared (the caller copied them to job_attempt); {@code ap_serial} stays, so the dispatcher knows
     * which AP failed, and {@code reason} says why until the next attempt ends.
     */
    @Update("UPDATE job SET state = 'PENDING', state_rank = 0, attempt = attempt + 1, next_attempt_at = #{next},"
            + " reason = #{reason}, error_code = #{errorCode}, sent_at = NULL, accepted_at = NULL, batch_id = NULL"
            + " WHERE id = #{id} AND attempt = #{attempt} AND state_rank < 3")
    int retry(@Param("id") long id, @Param("attempt") int attempt, @Param("next") Instant next,
            @Param("reason") String reason, @Param("errorCode") Integer errorCode);

    @Select("SELECT tag_id, image_hash FROM job WHERE id = #{id}")
    DueJob.Shown shownBy(long id);

    /**
     * Tasks whose deadline passed with jobs still open. Only committed tasks are seen, so a task being created
     * (a million jobs in one transaction) is never waited for; each task's jobs are found by its index.
     */
    @Select("SELECT t.id FROM task t WHERE t.deadline < #{now} AND EXISTS (SELECT 1 FROM job j WHERE j.task_id = t.id"
            + " AND j.state IN ('PENDING', 'SENT', 'ACCEPTED_BY_AP'))")
    List<Long> tasksPastDeadline(@Param("now") Instant now);

    /** A job whose deadline passed before it finished. */
    record PastDeadline(long id, String tagId, int attempt, String apSerial) {
    }

    /**
     * A bounded number of a task's unfinished jobs past their deadline, locked until the transaction ends, so that
     * exactly these are expired and listed in the audit event.
     */
    @Select("SELECT id, tag_id, attempt, ap_serial FROM job WHERE task_id = #{taskId}"
            + " AND state IN ('PENDING', 'SENT', 'ACCEPTED_BY_AP') AND deadline < #{now} ORDER BY id LIMIT #{limit}"
            + " FOR UPDATE")
    List<PastDeadline> pastDeadline(@Param("taskId") long taskId, @Param("now") Instant now, @Param("limit") int limit);

    @Update("<script>UPDATE job SET state = 'EXPIRED', state_rank = 3, finished_at = #{now}, reason = 'deadline passed'"
            + " WHERE state IN ('PENDING', 'SENT', 'ACCEPTED_BY_AP') AND id IN"
            + " <foreach item='id' collection='ids' open='(' separator=',' close=')'>#{id}</foreach></script>")
    int expire(@Param("ids") Collection<Long> ids, @Param("now") Instant now);

    @Update("UPDATE job SET state = 'CANCELLED', state_rank = 3, finished_at = #{now}, reason = 'cancelled'"
            + " WHERE task_id = #{taskId} AND state = 'PENDING'")
    int cancelPending(@Param("taskId") long taskId, @Param("now") Instant now);
}
