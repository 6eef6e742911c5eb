package dev.esl.tagmanager.it;

import dev.esl.tagmanager.db.EmbeddedMariaDb;
import dev.esl.tagmanager.db.JdbcUrls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The database the tests run on: one embedded MariaDB per test JVM, or the external MySQL / MariaDB named by
 * {@code ESL_TEST_DB_URL} (a server URL such as {@code jdbc:mysql://db:3306/}, with {@code ESL_TEST_DB_USER}
 * and {@code ESL_TEST_DB_PASSWORD}). Every test class gets a fresh schema of its own.
 */
public final class TestDatabase {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static Server server;

    /** A server and the credentials to reach it. */
    public record Server(String url, String user, String password) {
    }

    /** A fresh, empty schema: its JDBC URL. */
    public static synchronized Schema newSchema() {
        Server s = server();
        String name = "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        try (Connection c = DriverManager.getConnection(s.url() + JdbcUrls.OPTIONS, s.user(), s.password());
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test schema " + name + " at " + s.url() + ": " + e.getMessage(), e);
        }
        return new Schema(s.url() + name + JdbcUrls.OPTIONS, s.user(), s.password());
    }

    public record Schema(String url, String user, String password) {
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        /** The single number a query such as {@code SELECT COUNT(*) ...} returns. */
        public long count(String sql) throws SQLException {
            try (Connection c = connect(); Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Server server() {
        if (server == null) {
            String external = System.getenv("ESL_TEST_DB_URL");
            if (external != null && !external.isBlank()) {
                server = new Server(external.endsWith("/") ? external : external + "/",
                        System.getenv().getOrDefault("ESL_TEST_DB_USER", "root"),
                        System.getenv().getOrDefault("ESL_TEST_DB_PASSWORD", ""));
            } else {
                try {
                    Path dir = Files.createTempDirectory("esl-test-mariadb");
                    EmbeddedMariaDb db = EmbeddedMariaDb.start(dir.resolve("data"), 0, "esl");
                    Runtime.getRuntime().addShutdownHook(new Thread(db::close));
                    String url = db.jdbcUrl();
                    server = new Server(url.substring(0, url.indexOf("/esl") + 1), "root", "");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        return server;
    }

    private TestDatabase() {
    }
}
