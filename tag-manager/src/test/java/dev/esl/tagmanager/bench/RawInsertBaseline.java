package dev.esl.tagmanager.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * The yardstick: the same number of rows as the price change has jobs, with the same columns and values (those of
 * a job written SENT in its batch with the task, as every job of the benchmark is), inserted
 * into a copy of the job table (same indexes) by multi-row statements of 2,000 rows in one transaction, from one
 * connection. This is as fast as the database takes these rows over JDBC.
 */
final class RawInsertBaseline {
    private RawInsertBaseline() {
    }

    /** Rows per second. */
    static double run(Connection c, ChainSeed chain, Progress progress) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS raw_job");
            st.execute("CREATE TABLE raw_job LIKE job");
        }
        Timestamp now = Timestamp.from(Instant.now());
        Timestamp deadline = Timestamp.from(Instant.now().plus(Duration.ofDays(1)));
        String hash = "0123456789abcdef0123456789abcdef";
        long start = System.nanoTime();
        c.setAutoCommit(false);
        // Every column the task writes (the AP, batch and sent time too: its jobs go out with it), with values of the
        // same length: a batch id as BatchIds makes them, about 110 jobs a batch as the task fills them.
        try (MultiRowInsert rows = new MultiRowInsert(c, "raw_job", "task_id, tag_id, store_id, action, image_hash, params,"
                + " state, state_rank, attempt, next_attempt_at, deadline, ap_serial, batch_id, sent_at", 2000)) {
            for (int s = 0; s < chain.stores; s++) {
                for (int p = 0; p < chain.productsPerStore; p++) {
                    int ap = p % ChainSeed.APS_PER_STORE;
                    rows.add(1L, String.format("%06X%010X", s, p), ChainSeed.store(s), "image", hash, null, "SENT", 1, 1,
                            now, deadline, ChainSeed.ap(s, ap), "bench-mxc31rb7-" + (s * 50 + ap * 25 + p / 220), now);
                }
                progress.report("raw insert", rows.inserted(), chain.tags());
            }
        }
        c.commit();
        c.setAutoCommit(true);
        double seconds = (System.nanoTime() - start) / 1e9;
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE raw_job");
        }
        return chain.tags() / seconds;
    }
}
