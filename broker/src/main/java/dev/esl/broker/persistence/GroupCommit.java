package dev.esl.broker.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syncs the write-ahead log for many writers at once: each waiting caller is completed by the first sync
 * that starts after its request, so under load one fsync covers the writes of many clients.
 */
final class GroupCommit implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final CompletableFuture<Void> STOP = new CompletableFuture<>();

    /** The expensive step the writers share: for the store, an fsync of RocksDB's write-ahead log. */
    interface Sync {
        void run() throws Exception;
    }

    /** Deferred writes (the deletes of acknowledged QoS 1 deliveries) are made at least this often. */
    private static final long IDLE_INTERVAL_MILLIS = 10;

    private final Sync sync;
    private final Runnable idleWork;
    private final LinkedBlockingQueue<CompletableFuture<Void>> waiting = new LinkedBlockingQueue<>();
    private final Thread syncer;
    private final LongAdder syncs = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private long syncNanos;
    private long maxSyncNanos;
    private volatile boolean closed;

    GroupCommit(Sync sync) {
        this(sync, () -> { });
    }

    GroupCommit(Sync sync, Runnable idleWork) {
        this.sync = sync;
        this.idleWork = idleWork;
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
        requests.increment();
        waiting.add(done);
        return done;
    }

    private void run() {
        List<CompletableFuture<Void>> group = new ArrayList<>();
        while (true) {
            try {
                CompletableFuture<Void> first = waiting.poll(IDLE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    idleWorkQuietly();
                    continue;
                }
                group.add(first);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            waiting.drainTo(group);
            boolean stop = group.remove(STOP);
            if (group.isEmpty()) {
                return; // closing with nobody waiting: the store's own close syncs
            }
            try {
                long start = System.nanoTime();
                sync.run();
                long took = System.nanoTime() - start;
                syncNanos += took;
                maxSyncNanos = Math.max(maxSyncNanos, took);
                syncs.increment();
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

    private void idleWorkQuietly() {
        try {
            idleWork.run();
        } catch (RuntimeException e) {
            log.error("Deferred store write failed: {}", e.getMessage());
        }
    }

    /** Syncs done so far; fewer than {@link #requests()} under load is the point of a group commit. */
    long syncs() {
        return syncs.sum();
    }

    long requests() {
        return requests.sum();
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
        long n = syncs();
        if (n > 0) {
            // Read after the syncer stopped. Tells what the disk gave a run: the spread between runs follows it.
            log.info("Group commit: {} syncs for {} requests ({} a sync), sync mean {} ms, max {} ms", n, requests(),
                    String.format("%.1f", (double) requests() / n), String.format("%.3f", syncNanos / 1e6 / n),
                    String.format("%.1f", maxSyncNanos / 1e6));
        }
    }
}
