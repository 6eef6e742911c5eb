package dev.esl.tagmanager.task;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Collects jobs and inserts them 2,000 rows per statement, on the connection of the caller's transaction.
 *
 * <p>Plain JDBC rather than a MyBatis {@code <foreach>}: for every 2,000 rows MyBatis built and parsed a new
 * statement of 16,000 parameters and read each through reflection, which took twice as long as the database's
 * own work on a million-job task. Times are bound as UTC text (the session's time zone is UTC,
 * docs/tag-manager.md), formatted once per distinct value: the driver builds a date formatter for every
 * {@code Timestamp} it binds.
 */
public final class JobInserter {
    private static final int ROWS_PER_INSERT = 2000;
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)";
    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private final DataSource dataSource;
    private final List<NewJob> pending = new ArrayList<>(ROWS_PER_INSERT);
    private final SqlTimes times = new SqlTimes();
    private Connection connection;
    private PreparedStatement full;
    private long inserted;
    private long[] ids;

    JobInserter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Keeps the id of every job inserted, in the order they were added ({@link #id}): multi-row inserts of a known
     * number of rows take consecutive auto-increment values (lock modes 1 and 2 alike), which the driver reports.
     */
    JobInserter keepingIds() {
        ids = new long[ROWS_PER_INSERT];
        return this;
    }

    /** The id of the job added {@code ordinal}-th (from 0), once inserted; only when {@link #keepingIds}. */
    long id(int ordinal) {
        return ids[ordinal];
    }

    public void add(NewJob job) {
        pending.add(job);
        if (pending.size() == ROWS_PER_INSERT) {
            flush();
        }
    }

    /** Inserts what is left; returns how many jobs were inserted in all. */
    public long finish() {
        try {
            flush();
            return inserted;
        } finally {
            close();
        }
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        try {
            if (connection == null) {
                connection = DataSourceUtils.getConnection(dataSource);
            }
            if (pending.size() == ROWS_PER_INSERT) {
                if (full == null) {
                    full = prepare(sql(ROWS_PER_INSERT));
                }
                inserted += execute(full);
            } else {
                try (PreparedStatement last = prepare(sql(pending.size()))) {
                    inserted += execute(last);
                }
            }
        } catch (SQLException e) {
            close();
            throw new DataAccessResourceFailureException("inserting jobs failed: " + e.getMessage(), e);
        }
        pending.clear();
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        return ids == null ? connection.prepareStatement(sql)
                : connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS);
    }

    private int execute(PreparedStatement statement) throws SQLException {
        int i = 1;
        for (NewJob j : pending) {
            statement.setLong(i++, j.taskId());
            statement.setString(i++, j.tagId());
            statement.setString(i++, j.storeId());
            statement.setString(i++, j.action());
            statement.setString(i++, j.imageHash());
            statement.setString(i++, j.params());
            statement.setString(i++, j.sent() ? "SENT" : "PENDING");
            statement.setInt(i++, j.sent() ? 1 : 0);
            statement.setString(i++, times.text(j.nextAttemptAt()));
            statement.setString(i++, times.text(j.deadline()));
            statement.setString(i++, j.apSerial());
            statement.setString(i++, j.batchId());
            statement.setString(i++, j.sentAt() == null ? null : times.text(j.sentAt()));
        }
        int rows = statement.executeUpdate();
        if (ids != null) {
            keepIds(statement, rows);
        }
        return rows;
    }

    private void keepIds(PreparedStatement statement, int rows) throws SQLException {
        int from = (int) inserted;
        if (ids.length < from + rows) {
            ids = Arrays.copyOf(ids, Math.max(from + rows, ids.length * 2));
        }
        int n = 0;
        try (ResultSet keys = statement.getGeneratedKeys()) {
            while (keys.next()) {
                ids[from + n++] = keys.getLong(1);
            }
        }
        if (n != rows) {
            throw new SQLException("the driver reported " + n + " ids for " + rows + " jobs inserted");
        }
    }

    private void close() {
        try {
            if (full != null) {
                full.close();
            }
        } catch (SQLException e) {
            // the connection goes back to the pool, which closes what is left open
        } finally {
            full = null;
            if (connection != null) {
                DataSourceUtils.releaseConnection(connection, dataSource);
                connection = null;
            }
        }
    }

    private static String sql(int rows) {
        return "INSERT INTO job (task_id, tag_id, store_id, action, image_hash, params, state, state_rank, attempt,"
                + " next_attempt_at, deadline, ap_serial, batch_id, sent_at) VALUES " + String.join(",", Collections.nCopies(rows, ROW));
    }

    /** The last few instants as SQL text: a task's jobs share one or two. */
    private static final class SqlTimes {
        private Instant lastA;
        private String textA;
        private Instant lastB;
        private String textB;

        String text(Instant t) {
            if (t.equals(lastA)) {
                return textA;
            }
            if (t.equals(lastB)) {
                return textB;
            }
            lastB = lastA;
            textB = textA;
            lastA = t;
            textA = SQL_TIME.format(t);
            return textA;
        }
    }
}
