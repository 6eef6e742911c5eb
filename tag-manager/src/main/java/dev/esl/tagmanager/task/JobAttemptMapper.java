package dev.esl.tagmanager.task;

import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** The history of earlier attempts ({@code job_attempt}); the current attempt lives in the job row. */
@Mapper
public interface JobAttemptMapper {

    /**
     * The job's {@code attempt} if it is still the current, unfinished one (null otherwise). The row stays locked
     * until the transaction ends, so the copy made of it and the retry that follows see the same attempt.
     */
    @Select("SELECT id AS job_id, attempt, ap_serial, sent_at, accepted_at, NULL AS ended_at, NULL AS outcome,"
            + " NULL AS reason, NULL AS error_code FROM job"
            + " WHERE id = #{jobId} AND attempt = #{attempt} AND state_rank < 3 FOR UPDATE")
    JobAttempt current(@Param("jobId") long jobId, @Param("attempt") int attempt);

    @Insert("INSERT INTO job_attempt (job_id, attempt, ap_serial, sent_at, accepted_at, ended_at, outcome, reason,"
            + " error_code) VALUES (#{jobId}, #{attempt}, #{apSerial}, #{sentAt}, #{acceptedAt}, #{endedAt}, #{outcome},"
            + " #{reason}, #{errorCode})")
    void insert(JobAttempt attempt);

    /** The earlier attempts of some jobs, oldest first. */
    @Select("<script>SELECT job_id, attempt, ap_serial, sent_at, accepted_at, ended_at, outcome, reason, error_code"
            + " FROM job_attempt WHERE job_id IN"
            + " <foreach item='id' collection='jobIds' open='(' separator=',' close=')'>#{id}</foreach>"
            + " ORDER BY job_id, attempt</script>")
    List<JobAttempt> ofJobs(@Param("jobIds") Collection<Long> jobIds);
}
