package dev.esl.broker.persistence;

import dev.esl.broker.config.Durability;
import dev.esl.broker.session.SessionStore;
import dev.esl.broker.session.SessionStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract for stores over a RocksDB directory, which tests may close and open again. */
abstract class OnDiskStoreContract extends SessionStoreContract {
    @TempDir
    Path dir;
    RocksDatabase database;

    /** The store under test, over the RocksDB store of the directory. */
    abstract SessionStore over(RocksSessionStore durable);

    @Override
    protected SessionStore newStore() {
        try {
            database = RocksDatabase.open(Files.createDirectories(dir.resolve("store")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return over(new RocksSessionStore(database, Durability.SYNC));
    }

    @Override
    protected void closeStore() {
        super.closeStore();
        if (database != null) {
            database.close();
            database = null;
        }
    }

    /** Closes the store and opens what it left on disk, as a restart does. */
    SessionStore reopen() {
        closeStore();
        store = newStore();
        return store;
    }
}
