package dev.esl.broker.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syncs the write-ahead log for many writers at once: each waiting caller is completed by the first sync
 * that starts after its request, so under load one fsync covers the writes of many clients.
 */
final class GroupCommit implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final CompletableFuture<Void> STOP = new CompletableFuture<>();

    private final RocksDatabase database;
    private final LinkedBlockingQueue<CompletableFuture<Void>> waiting = new LinkedBlockingQueue<>();
    private final Thread syncer;
    private volatile boolean closed;

    GroupCommit(RocksDatabase database) {
        this.database = database;
        this.syncer = new Thread(this::run, "store-group-commit");
        syncer.setDaemon(true);
        syncer.start();
    }

    /** Completes once everything written before this call is synced to disk. */
    CompletableFuture<Void> request() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException("store is closed"));
            return done;
        }
        waiting.add(done);
        return done;
    }

    private void run() {
        List<CompletableFuture<Void>> group = new ArrayList<>();
        while (true) {
            try {
                group.add(waiting.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            waiting.drainTo(group);
            boolean stop = group.remove(STOP);
            try {
                database.syncWal();
                group.forEach(f -> f.complete(null));
            } catch (Exception e) {
                log.error("Write-ahead log sync failed; {} writes are not acknowledged", group.size(), e);
                group.forEach(f -> f.completeExceptionally(e));
            }
            group.clear();
            if (stop) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        waiting.add(STOP);
        try {
            syncer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
