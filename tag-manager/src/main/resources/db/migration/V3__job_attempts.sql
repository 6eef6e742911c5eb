-- Earlier attempts of a job: the job row describes its current attempt only, so when an attempt ends in a retry
-- its AP, times and failure are copied here first. Written on the retry path only, never when jobs are created.
CREATE TABLE job_attempt (
    job_id       BIGINT       NOT NULL,
    attempt      INT          NOT NULL,
    ap_serial    VARCHAR(16),
    sent_at      TIMESTAMP(3) NULL,
    accepted_at  TIMESTAMP(3) NULL,
    ended_at     TIMESTAMP(3) NOT NULL,
    outcome      VARCHAR(16)  NOT NULL,
    reason       VARCHAR(200),
    error_code   INT,
    PRIMARY KEY (job_id, attempt),
    CONSTRAINT fk_job_attempt_job FOREIGN KEY (job_id) REFERENCES job (id) ON DELETE CASCADE
);
