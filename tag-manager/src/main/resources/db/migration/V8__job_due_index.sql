-- Due jobs get an index of their own: due_at is next_attempt_at for a PENDING job and NULL for any other. The
-- dispatcher's claim (SELECT ... FOR UPDATE SKIP LOCKED) scanned ix_job_due (state, next_attempt_at) from
-- 'PENDING' on; InnoDB skips a locked row without testing it against the end of the range, so while a task inserted a
-- million jobs SENT (uncommitted, locked, and sorted right after 'PENDING'), every poll went through all of them and
-- converted each one's implicit lock into a lock struct. NULLs sort first, so such rows lie before the range
-- (due_at <= now) and no poll ever visits them.
ALTER TABLE job
    ADD COLUMN due_at TIMESTAMP(3) GENERATED ALWAYS AS (IF(state = 'PENDING', next_attempt_at, NULL)) VIRTUAL,
    DROP KEY ix_job_due,
    ADD KEY ix_job_due_at (due_at);
