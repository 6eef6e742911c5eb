package dev.esl.audit.cli;

import dev.esl.audit.sink.AuditEventMapper;
import java.util.Properties;
import org.apache.ibatis.datasource.unpooled.UnpooledDataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import picocli.CommandLine.Option;

/** Where the audit tables are: the tag manager's database, by JDBC URL (options shared by every command). */
final class DatabaseOptions {
    /** Every stored time is UTC: the session must be too, as in the tag manager. */
    static final String URL_OPTIONS = "connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";

    @Option(names = "--url", required = true, defaultValue = "${env:AUDIT_DB_URL}",
            description = "JDBC URL of the database, e.g. jdbc:mysql://db:3306/esl (or AUDIT_DB_URL)")
    String url;

    @Option(names = "--user", defaultValue = "${env:AUDIT_DB_USER:-root}", description = "database user (AUDIT_DB_USER)")
    String user;

    @Option(names = "--password", defaultValue = "${env:AUDIT_DB_PASSWORD:-}", arity = "0..1", interactive = true,
            description = "database password (AUDIT_DB_PASSWORD; --password alone asks for it)")
    String password;

    SqlSessionFactory sessions() {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password == null ? "" : password);
        String full = url + (url.contains("?") ? "&" : "?") + URL_OPTIONS;
        UnpooledDataSource ds = new UnpooledDataSource("com.mysql.cj.jdbc.Driver", full, props);
        Configuration config = new Configuration(new Environment("audit", new JdbcTransactionFactory(), ds));
        config.addMapper(AuditEventMapper.class);
        return new SqlSessionFactoryBuilder().build(config);
    }

    /** A session whose work is committed by the caller (auto-commit off). */
    SqlSession open() {
        return sessions().openSession(false);
    }
}
