package dev.esl.broker.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's RocksDB instance: one column family per kind of record. Writes go to the write-ahead log
 * without a sync each; {@link GroupCommit} syncs it once for many writers.
 */
public final class RocksDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RocksDatabase.class);

    static {
        RocksDB.loadLibrary();
    }

    enum Family {
        SESSIONS, SUBSCRIPTIONS, QUEUE, INFLIGHT, QOS2, RETAINED;

        byte[] id() {
            return name().toLowerCase(java.util.Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final Path dir;
    private final DBOptions options;
    private final ColumnFamilyOptions familyOptions;
    private final RocksDB db;
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();
    private final WriteOptions writeOptions = new WriteOptions().setSync(false);

    private RocksDatabase(Path dir, DBOptions options, ColumnFamilyOptions familyOptions) throws RocksDBException {
        this.dir = dir;
        this.options = options;
        this.familyOptions = familyOptions;
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, familyOptions));
        for (Family f : Family.values()) {
            descriptors.add(new ColumnFamilyDescriptor(f.id(), familyOptions));
        }
        this.db = RocksDB.open(options, dir.toString(), descriptors, handles);
    }

    /**
     * Opens the store in {@code dir}, which must exist: an empty directory gets a new store. A missing directory
     * (a forgotten mount, a deleted path) or one that does not hold a readable store stops start-up with the
     * reason: a broker must never come up silently empty.
     */
    public static RocksDatabase open(Path dir) {
        if (!Files.exists(dir)) {
            throw new CorruptStoreException("store directory " + dir.toAbsolutePath() + " does not exist. If this is the"
                    + " broker's first start, create it (mkdir -p " + dir + ") and the broker makes a new store there;"
                    + " if it held the store, restore it or mount it before starting.");
        }
        if (!Files.isDirectory(dir)) {
            throw new CorruptStoreException("store path " + dir + " is not a directory");
        }
        boolean fresh = isEmpty(dir);
        if (!fresh && !Files.exists(dir.resolve("CURRENT"))) {
            throw new CorruptStoreException("store directory " + dir + " holds files but no RocksDB store (CURRENT is missing);"
                    + " refusing to start with an empty store. Restore it, or point dataDir at an empty directory.");
        }
        DBOptions options = new DBOptions()
                .setCreateIfMissing(fresh)
                .setCreateMissingColumnFamilies(true)
                .setParanoidChecks(true)
                .setMaxBackgroundJobs(2)
                .setInfoLogLevel(org.rocksdb.InfoLogLevel.WARN_LEVEL);
        ColumnFamilyOptions familyOptions = new ColumnFamilyOptions().optimizeForPointLookup(16);
        try {
            RocksDatabase database = new RocksDatabase(dir, options, familyOptions);
            log.info("{} store at {}", fresh ? "Created a new" : "Opened", dir.toAbsolutePath());
            return database;
        } catch (RocksDBException e) {
            options.close();
            familyOptions.close();
            throw new CorruptStoreException("cannot open the store at " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    RocksDB db() {
        return db;
    }

    ColumnFamilyHandle family(Family f) {
        return handles.get(f.ordinal() + 1);
    }

    void write(WriteBatch batch) {
        try {
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new StoreFailureException("store write failed in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** One record written on its own: a single JNI call, where a batch of one costs four. */
    void put(Family f, byte[] key, byte[] value) {
        try {
            db.put(family(f), writeOptions, key, value);
        } catch (RocksDBException e) {
            throw new StoreFailureException("store write failed in " + dir + ": " + e.getMessage(), e);
        }
    }

    void delete(Family f, byte[] key) {
        try {
            db.delete(family(f), writeOptions, key);
        } catch (RocksDBException e) {
            throw new StoreFailureException("store write failed in " + dir + ": " + e.getMessage(), e);
        }
    }

    byte[] get(Family f, byte[] key) {
        try {
            return db.get(family(f), key);
        } catch (RocksDBException e) {
            throw new StoreFailureException("store read failed in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fsyncs the write-ahead log: everything written so far survives a power loss. Every write already went to
     * the operating system as it was made, so it survives the death of the process. (Buffering the log in
     * RocksDB and flushing it by hand, with fewer system calls, measured slower under load: writers waited
     * on the sync.)
     */
    void syncWal() throws RocksDBException {
        db.syncWal();
    }

    @Override
    public void close() {
        try {
            syncWal();
        } catch (RocksDBException e) {
            log.warn("Final sync of {} failed: {}", dir, e.getMessage());
        }
        handles.forEach(ColumnFamilyHandle::close);
        db.close();
        writeOptions.close();
        options.close();
        familyOptions.close();
    }
}
