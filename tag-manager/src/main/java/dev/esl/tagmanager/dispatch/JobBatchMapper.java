package dev.esl.tagmanager.dispatch;

import dev.esl.tagmanager.task.DueJob;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** The batches written with their task ({@code job_batch}, V6) and what publishing them needs. */
@Mapper
interface JobBatchMapper {

    /** A batch as stored. */
    record Row(String id, long taskId, String storeId, String apSerial, int jobs, long firstJob, long lastJob) {
    }

    record ApState(String serial, String storeId, String state) {
        boolean online() {
            return "online".equals(state);
        }
    }

    @Select("SELECT serial, store_id, state FROM ap ORDER BY serial")
    List<ApState> aps();

    @Insert("<script>INSERT INTO job_batch (id, task_id, store_id, ap_serial, jobs, first_job, last_job) VALUES"
            + " <foreach item='b' collection='rows' separator=','>(#{b.id}, #{b.taskId}, #{b.storeId}, #{b.apSerial},"
            + " #{b.jobs}, #{b.firstJob}, #{b.lastJob})</foreach></script>")
    void insertAll(@Param("rows") List<Row> rows);

    @Update("<script>UPDATE job_batch SET published_at = #{at} WHERE published_at IS NULL AND id IN"
            + " <foreach item='id' collection='ids' open='(' separator=',' close=')'>#{id}</foreach></script>")
    int published(@Param("ids") Collection<String> ids, @Param("at") Instant at);

    /** Batches written before {@code before} and still not published, locked; other nodes skip them. */
    @Select("SELECT id, task_id, store_id, ap_serial, jobs, first_job, last_job FROM job_batch"
            + " WHERE published_at IS NULL AND created_at < #{before} ORDER BY created_at, id LIMIT #{limit}"
            + " FOR UPDATE SKIP LOCKED")
    List<Row> unpublished(@Param("before") Instant before, @Param("limit") int limit);

    /** The jobs of a batch that are still SENT in it (a job retried since has left it). */
    @Select("SELECT id, task_id, tag_id, store_id, action, image_hash, params, attempt, ap_serial, deadline FROM job"
            + " WHERE id BETWEEN #{firstJob} AND #{lastJob} AND batch_id = #{id} AND state = 'SENT' ORDER BY id")
    List<DueJob> jobsOf(Row batch);
}
