package dev.esl.tagmanager.db;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded MariaDB used when no {@code spring.datasource.url} is configured.
 *
 * @param dataDir where the database files live; kept across restarts
 * @param port    0 picks a free port
 * @param database the schema the tag manager uses
 * @param bufferPoolSize InnoDB's buffer pool, in MariaDB's notation (512M, 2G)
 */
@ConfigurationProperties("esl.db.embedded")
public record EmbeddedDatabaseSettings(@DefaultValue("data/mariadb") Path dataDir, @DefaultValue("0") int port,
        @DefaultValue("esl") String database, @DefaultValue(EmbeddedMariaDb.DEFAULT_BUFFER_POOL_SIZE) String bufferPoolSize) {
}
