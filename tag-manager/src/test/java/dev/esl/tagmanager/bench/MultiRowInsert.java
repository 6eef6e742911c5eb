package dev.esl.tagmanager.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Rows of one table inserted a few thousand per statement ({@code INSERT ... VALUES (...), (...), ...}), each
 * statement committed: the fastest way to load MySQL short of LOAD DATA, and what the tag manager itself does.
 */
final class MultiRowInsert implements AutoCloseable {
    private final Connection connection;
    private final String table;
    private final String columns;
    private final int width;
    private final int rowsPerStatement;
    private final List<Object[]> pending = new ArrayList<>();
    private PreparedStatement full;
    private long inserted;

    MultiRowInsert(Connection connection, String table, String columns, int rowsPerStatement) {
        this.connection = connection;
        this.table = table;
        this.columns = columns;
        this.width = columns.split(",").length;
        this.rowsPerStatement = rowsPerStatement;
    }

    void add(Object... row) throws SQLException {
        if (row.length != width) {
            throw new IllegalArgumentException(table + ": " + row.length + " values for " + width + " columns");
        }
        pending.add(row);
        if (pending.size() == rowsPerStatement) {
            if (full == null) {
                full = connection.prepareStatement(sql(rowsPerStatement));
            }
            execute(full);
        }
    }

    long inserted() {
        return inserted;
    }

    @Override
    public void close() throws SQLException {
        if (!pending.isEmpty()) {
            try (PreparedStatement last = connection.prepareStatement(sql(pending.size()))) {
                execute(last);
            }
        }
        if (full != null) {
            full.close();
        }
    }

    private void execute(PreparedStatement statement) throws SQLException {
        int i = 1;
        for (Object[] row : pending) {
            for (Object value : row) {
                statement.setObject(i++, value);
            }
        }
        inserted += statement.executeUpdate();
        pending.clear();
    }

    private String sql(int rows) {
        String one = "(" + String.join(",", Collections.nCopies(width, "?")) + ")";
        return "INSERT INTO " + table + " (" + columns + ") VALUES " + String.join(",", Collections.nCopies(rows, one));
    }
}
