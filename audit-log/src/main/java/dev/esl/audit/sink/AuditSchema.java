package dev.esl.audit.sink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

/** The audit tables' DDL, shipped with the library so every user of the tables creates the same ones. */
public final class AuditSchema {
    private AuditSchema() {
    }

    /** The CREATE TABLE statements, comments removed. */
    public static List<String> statements() {
        try (InputStream in = AuditSchema.class.getResourceAsStream("audit-schema.sql")) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String code = String.join("\n", sql.lines().filter(l -> !l.strip().startsWith("--")).toList());
            return Arrays.stream(code.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void create(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String s : statements()) {
                st.execute(s);
            }
        }
    }
}
