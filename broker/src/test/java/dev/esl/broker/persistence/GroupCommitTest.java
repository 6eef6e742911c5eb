package dev.esl.broker.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A write is confirmed only by a sync that began after it, and one sync confirms all writers waiting for it. */
class GroupCommitTest {

    @Test
    void nothingIsConfirmedBeforeTheSyncCompletes() throws Exception {
        CountDownLatch syncing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (GroupCommit commit = new GroupCommit(() -> {
            syncing.countDown();
            release.await();
        })) {
            CompletableFuture<Void> write = commit.request();
            assertThat(syncing.await(5, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(100);
            assertThat(write).as("confirmed while the fsync is still running").isNotDone();
            release.countDown();
            write.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aWriteRequestedDuringASyncWaitsForTheNextOne() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger syncsRun = new AtomicInteger();
        try (GroupCommit commit = new GroupCommit(() -> {
            if (syncsRun.incrementAndGet() == 1) {
                firstStarted.countDown();
                releaseFirst.await();
            }
        })) {
            CompletableFuture<Void> early = commit.request();
            assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> late = commit.request(); // its data may not be in the running sync
            releaseFirst.countDown();
            early.get(5, TimeUnit.SECONDS);
            late.get(5, TimeUnit.SECONDS);
            assertThat(syncsRun.get()).isEqualTo(2);
        }
    }

    @Test
    void manyWritersShareFewSyncs() throws Exception {
        int writers = 64;
        int writesEach = 50;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try (GroupCommit commit = new GroupCommit(() -> Thread.sleep(2))) { // an fsync of a few milliseconds
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                all.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < writesEach; i++) {
                        commit.request().join(); // each writer waits for its write, as a publisher awaits PUBACK
                    }
                }, pool));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            System.out.printf("GroupCommitTest: %d writes confirmed by %d syncs%n", commit.requests(), commit.syncs());
            assertThat(commit.requests()).isEqualTo((long) writers * writesEach);
            assertThat(commit.syncs()).as("syncs for %d writes", writers * writesEach).isLessThan(writers * writesEach / 8);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedSyncFailsEveryWriteItWouldHaveConfirmed() {
        try (GroupCommit commit = new GroupCommit(() -> {
            throw new java.io.IOException("disk full");
        })) {
            CompletableFuture<Void> write = commit.request();
            assertThat(write).failsWithin(5, TimeUnit.SECONDS).withThrowableThat().withMessageContaining("disk full");
        }
    }
}
