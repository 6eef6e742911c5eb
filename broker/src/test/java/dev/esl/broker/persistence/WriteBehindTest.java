package dev.esl.broker.persistence;

import static dev.esl.broker.session.SessionStoreContract.delivery;
import static dev.esl.broker.session.SessionStoreContract.exactlyOnce;
import static dev.esl.broker.session.SessionStoreContract.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.esl.broker.config.Durability;
import dev.esl.broker.routing.Message;
import dev.esl.broker.session.Delivery;
import dev.esl.broker.session.Inflight;
import dev.esl.broker.session.PublishBatch;
import dev.esl.broker.session.Queued;
import dev.esl.broker.session.SessionRecord;
import dev.esl.broker.stats.BrokerStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * QoS 1 copies for online sessions held in memory: the message may be acknowledged once each copy is either
 * acknowledged by its target or written and synced, and whatever was acknowledged to a publisher is on disk
 * after a restart unless its target acknowledged it first.
 */
class WriteBehindTest {
    private static final Duration NEVER = Duration.ofHours(1);

    @TempDir
    Path dir;
    private RocksDatabase database;
    private RocksSessionStore store;
    private BrokerStats stats;

    private RocksSessionStore open(Durability durability, Duration delay) throws Exception {
        database = RocksDatabase.open(Files.createDirectories(dir.resolve("store")));
        stats = new BrokerStats();
        store = new RocksSessionStore(database, durability, delay, stats);
        store.saveSession(new SessionRecord("a", 60));
        store.saveSession(new SessionRecord("b", 60));
        return store;
    }

    /** Closes the store and opens what it left on disk, as a restart does; nothing is held any more. */
    private RocksSessionStore reopen() throws Exception {
        close();
        database = RocksDatabase.open(dir.resolve("store"));
        store = new RocksSessionStore(database, Durability.SYNC, NEVER, new BrokerStats());
        return store;
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
            database.close();
            store = null;
        }
    }

    private Queued copy(Delivery d) {
        return new Queued(store.nextSequence(), 1, d);
    }

    @Test
    void aCopyItsTargetAcknowledgesInTimeIsNeverWritten() throws Exception {
        open(Durability.SYNC, NEVER);
        Queued forA = copy(delivery("m", false));
        Queued forB = copy(forA.delivery());
        CompletableFuture<Void> accepted = store.apply(new PublishBatch().queue("a", forA, true).queue("b", forB, true));
        assertThat(store.queuedCount("a")).isEqualTo(1);
        assertThat(text(store.peekQueued("a").delivery())).isEqualTo("m");

        store.moveToInflight("a", forA.sequence(), new Inflight(1, 1, forA.delivery(), false));
        assertThat(store.peekQueued("a")).as("in flight").isNull();
        store.deleteInflight("a", 1); // a's PUBACK
        assertThat(accepted).as("b has not acknowledged yet").isNotDone();
        store.moveToInflight("b", forB.sequence(), new Inflight(1, 1, forB.delivery(), false));
        store.deleteInflight("b", 1);
        assertThat(accepted).as("both copies acknowledged: the publisher may be").isCompleted();
        assertThat(stats.writeBehindHeld.sum()).isEqualTo(2);
        assertThat(stats.writeBehindWritten.sum()).isZero();

        RocksSessionStore again = reopen();
        assertThat(again.queuedCount("a")).isZero();
        assertThat(again.queuedCount("b")).isZero();
    }

    @Test
    void aCopyNotAcknowledgedByItsDeadlineIsWrittenAndSyncedThenTheMessageIsAcknowledged() throws Exception {
        open(Durability.SYNC, Duration.ofMillis(300));
        Queued q = copy(delivery("late", false));
        CompletableFuture<Void> accepted = store.apply(new PublishBatch().queue("a", q, true));
        assertThat(accepted).isNotDone();

        accepted.get(5, TimeUnit.SECONDS); // the group commit's flush wrote and synced it
        assertThat(stats.writeBehindWritten.sum()).isEqualTo(1);
        assertThat(text(store.peekQueued("a").delivery())).as("now read from disk").isEqualTo("late");

        assertThat(text(reopen().peekQueued("a").delivery())).isEqualTo("late");
    }

    @Test
    void heldAndWrittenEntriesOfOneQueueComeOutInSequenceOrder() throws Exception {
        open(Durability.SYNC, NEVER);
        store.apply(new PublishBatch().queue("a", copy(delivery("1 held", false)), true));
        store.apply(new PublishBatch().queue("a", copy(delivery("2 written", false)), false));
        store.apply(new PublishBatch().queue("a", copy(delivery("3 held", false)), true));
        store.apply(new PublishBatch().queue("a", copy(delivery("4 written", false)), false));

        assertThat(drain("a")).containsExactly("1 held", "2 written", "3 held", "4 written");
        assertThat(store.queuedBytes("a")).isZero();
    }

    private List<String> drain(String clientId) {
        List<String> seen = new java.util.ArrayList<>();
        for (Queued head = store.peekQueued(clientId); head != null; head = store.peekQueued(clientId)) {
            seen.add(text(head.delivery()));
            store.deleteQueued(clientId, head.sequence());
        }
        return seen;
    }

    @Test
    void copiesStillHeldAtCloseAreWrittenWithTheirInFlightOnesQueuedAgainAfterARestart() throws Exception {
        open(Durability.SYNC, NEVER);
        Queued sent = copy(delivery("sent", false));
        store.apply(new PublishBatch().queue("a", sent, true));
        store.apply(new PublishBatch().queue("a", copy(delivery("queued", false)), true));
        store.moveToInflight("a", sent.sequence(), new Inflight(1, 1, sent.delivery(), false));

        RocksSessionStore again = reopen();

        Queued first = again.peekQueued("a");
        assertThat(text(first.delivery())).isEqualTo("sent");
        assertThat(again.maybeSentBefore("a", first)).as("sent again with DUP").isTrue();
        assertThat(drain("a")).containsExactly("sent", "queued");
    }

    @Test
    void aCopyAcknowledgedWhileBeingWrittenIsDeletedAfterTheWrite() throws Exception {
        open(Durability.SYNC, NEVER);
        Queued acked = copy(delivery("acked", false));
        Queued dropped = copy(delivery("dropped", false));
        Queued kept = copy(delivery("kept", false));
        CompletableFuture<Void> accepted = store.apply(new PublishBatch().queue("a", acked, true));
        store.apply(new PublishBatch().queue("a", dropped, true));
        store.apply(new PublishBatch().queue("a", kept, true));
        store.moveToInflight("a", acked.sequence(), new Inflight(1, 1, acked.delivery(), false));

        synchronized (store.flushLock) { // this test is the flush now
            List<Unwritten> claimed = store.writeBehind.claimOverdue(true); // all three taken for writing
            store.deleteInflight("a", 1); // PUBACK arrives meanwhile
            assertThat(accepted).isCompleted();
            assertThat(text(store.peekQueued("a").delivery())).isEqualTo("dropped");
            store.deleteQueued("a", dropped.sequence()); // dropped (say, expired) meanwhile
            store.writeClaimed(claimed, true);
        }

        assertThat(drain("a")).as("neither comes back from disk").containsExactly("kept");
        store.apply(new PublishBatch().queue("a", copy(delivery("later", false)), false));
        RocksSessionStore again = reopen();
        assertThat(again.queuedCount("a")).isEqualTo(1);
        assertThat(text(again.peekQueued("a").delivery())).isEqualTo("later");
    }

    @Test
    void aCopyWrittenWhileTheQueueIsReadIsNotSkipped() throws Exception {
        open(Durability.SYNC, NEVER);
        Queued first = copy(delivery("1 held", false));
        store.apply(new PublishBatch().queue("a", first, true));
        store.apply(new PublishBatch().queue("a", copy(delivery("2 held", false)), true));
        store.apply(new PublishBatch().queue("a", copy(delivery("3 written", false)), false));

        synchronized (store.flushLock) {
            List<Unwritten> claimed = store.writeBehind.claimOverdue(true);
            assertThat(text(store.peekQueued("a").delivery())).as("read while 1 and 2 are being written").isEqualTo("1 held");
            store.moveToInflight("a", first.sequence(), new Inflight(1, 1, first.delivery(), false));
            store.writeClaimed(claimed, true);
        }

        assertThat(drain("a")).containsExactly("2 held", "3 written");
    }

    @Test
    void aSessionDeletedWhileItsCopyIsWrittenLeavesNothingOnDisk() throws Exception {
        open(Durability.SYNC, NEVER);
        Queued sent = copy(delivery("sent", false));
        CompletableFuture<Void> accepted = store.apply(new PublishBatch().queue("a", sent, true)
                .queue("a", copy(delivery("queued", false)), true));
        store.moveToInflight("a", sent.sequence(), new Inflight(1, 1, sent.delivery(), false));

        synchronized (store.flushLock) {
            List<Unwritten> claimed = store.writeBehind.claimOverdue(true);
            store.deleteSession("a");
            assertThat(accepted).isCompleted();
            store.writeClaimed(claimed, true);
        }

        RocksSessionStore again = reopen();
        assertThat(again.queuedCount("a")).isZero();
        assertThat(again.peekQueued("a")).isNull();
    }

    @Test
    void deletingASessionSettlesItsHeldCopies() throws Exception {
        open(Durability.SYNC, NEVER);
        Queued q = copy(delivery("m", false));
        CompletableFuture<Void> accepted = store.apply(new PublishBatch().queue("a", q, true));
        store.deleteSession("a");
        assertThat(accepted).isCompleted();
        assertThat(store.queuedCount("a")).isZero();
        assertThat(reopen().queuedCount("a")).isZero();
    }

    @Test
    void copiesOfQos2MessagesOfflineTargetsKeptP2pMessagesAndAsyncStoresAreWrittenAtOnce() throws Exception {
        open(Durability.SYNC, NEVER);
        Message exactly = exactlyOnce("x").message();
        Delivery downgraded = new Delivery(exactly, 1, false, List.of(), false); // QoS 2 message, QoS 1 subscription
        store.apply(new PublishBatch().queue("a", copy(exactlyOnce("qos2")), true)).get(5, TimeUnit.SECONDS);
        store.apply(new PublishBatch().queue("a", copy(downgraded), true)).get(5, TimeUnit.SECONDS);
        store.apply(new PublishBatch().queue("a", copy(delivery("offline", false)), false)).get(5, TimeUnit.SECONDS);
        store.apply(new PublishBatch().queue("a", copy(delivery("kept P2P", true)), true)).get(5, TimeUnit.SECONDS);
        assertThat(stats.writeBehindHeld.sum()).isZero();
        close();

        open(Durability.ASYNC, NEVER);
        assertThat(store.apply(new PublishBatch().queue("a", copy(delivery("async", false)), true))).isCompleted();
        assertThat(store.writeBehind.enabled()).isFalse();
        assertThat(drain("a")).containsExactly("qos2", "x", "offline", "kept P2P", "async");
    }
}
