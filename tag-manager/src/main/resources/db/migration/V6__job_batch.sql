-- Batches of jobs written ready to send when their task was created (jobs inserted SENT with their AP and batch):
-- the creating node publishes them as soon as the task commits and records when the broker took each one
-- (published_at). A batch still unpublished a while after it was written (its node stopped, the broker was away) is
-- published again, with the same batch id, by any node; first_job and last_job bound its jobs' ids.
CREATE TABLE job_batch (
    id            VARCHAR(40)  NOT NULL PRIMARY KEY,
    task_id       BIGINT       NOT NULL,
    store_id      VARCHAR(16)  NOT NULL,
    ap_serial     VARCHAR(16)  NOT NULL,
    jobs          INT          NOT NULL,
    first_job     BIGINT       NOT NULL,
    last_job      BIGINT       NOT NULL,
    created_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    published_at  TIMESTAMP(3) NULL,
    CONSTRAINT fk_job_batch_task FOREIGN KEY (task_id) REFERENCES task (id),
    KEY ix_job_batch_unpublished (published_at, created_at)
);
