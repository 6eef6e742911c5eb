package dev.esl.broker.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.esl.broker.routing.Message;
import dev.esl.broker.routing.subscription.Subscription;
import dev.esl.broker.session.Inflight;
import dev.esl.broker.session.PublishBatch;
import dev.esl.broker.session.Queued;
import dev.esl.broker.session.SessionRecord;
import dev.esl.broker.session.SessionStore;
import dev.esl.broker.session.Will;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RocksSessionStoreTest extends OnDiskStoreContract {

    @Override
    SessionStore over(RocksSessionStore durable) {
        return durable;
    }

    @Test
    void everythingSurvivesReopening() {
        Message willMessage = new Message("esl/status", new byte[] {1}, 1, true, null, "a", 0);
        store.saveSession(new SessionRecord("a", 60, 1234, false, new Will(willMessage, 5, 30)));
        store.saveSubscription("a", new Subscription("a", null, "esl/#", 1, false, false, 0, 0));
        long seq = store.nextSequence();
        store.apply(new PublishBatch().queue("a", new Queued(seq, 7, delivery("q", false))).incomingQos2("p", 9));
        store.saveInflight("a", new Inflight(3, 1, delivery("i", false), true));

        SessionStore again = reopen();

        SessionRecord record = again.sessions().get(0);
        assertThat(record.expirySeconds()).isEqualTo(60);
        assertThat(record.disconnectedAtMillis()).isEqualTo(1234);
        assertThat(record.will().delaySeconds()).isEqualTo(5);
        assertThat(record.will().messageExpirySeconds()).isEqualTo(30);
        assertThat(record.will().message().topic()).isEqualTo("esl/status");
        assertThat(again.subscriptions("a")).extracting(Subscription::filter).containsExactly("esl/#");
        assertThat(again.queuedCount("a")).isEqualTo(1);
        assertThat(text(again.peekQueued("a").delivery())).isEqualTo("q");
        assertThat(again.nextSequence()).isGreaterThan(seq);
        assertThat(again.hasIncomingQos2("p", 9)).isTrue();
        assertThat(again.inflight("a")).singleElement().satisfies(i -> assertThat(i.released()).isTrue());
    }

    @Test
    void aDrainedQueueKeepsFindingLaterEntries() {
        for (int i = 0; i < 1000; i++) {
            store.enqueue("a", delivery("m" + i, false), i);
            Queued head = store.peekQueued("a");
            assertThat(text(head.delivery())).isEqualTo("m" + i);
            store.deleteQueued("a", head.sequence());
        }
        assertThat(store.queuedCount("a")).isZero();
        assertThat(store.queuedBytes("a")).isZero();
        // An entry with a lower sequence applied late (another publisher's lane) is still found.
        long early = store.nextSequence();
        long late = store.nextSequence();
        store.apply(new PublishBatch().queue("a", new Queued(late, 1, delivery("late", false))));
        assertThat(text(store.peekQueued("a").delivery())).isEqualTo("late");
        store.apply(new PublishBatch().queue("a", new Queued(early, 1, delivery("early", false))));
        assertThat(text(store.peekQueued("a").delivery())).isEqualTo("early");
    }

    @Test
    void aQos1DeliveryInFlightStaysQueuedOnDiskUntilAcknowledged() {
        store.saveSession(new SessionRecord("a", 60));
        for (String text : new String[] {"one", "two", "three"}) {
            store.enqueue("a", delivery(text, false), 1);
        }
        Queued one = store.peekQueued("a");
        store.moveToInflight("a", one.sequence(), new Inflight(1, 1, one.delivery(), false));
        Queued two = store.peekQueued("a");
        assertThat(text(two.delivery())).as("the held entry is skipped").isEqualTo("two");
        store.moveToInflight("a", two.sequence(), new Inflight(2, 2, two.delivery(), false));
        assertThat(store.queuedCount("a")).isEqualTo(1);
        assertThat(store.isQueued("a", one.sequence())).as("in flight, not queued").isFalse();
        assertThat(store.inflight("a").stream().filter(i -> i.delivery().qos() == 1)).isEmpty();
        assertThat(store.queuedCount("a")).as("asked for in-flight records, held entries are queued again").isEqualTo(3);

        store.moveToInflight("a", one.sequence(), new Inflight(1, 1, one.delivery(), false));
        store.deleteInflight("a", 1); // PUBACK: deleted with the next batch, hidden until then
        assertThat(store.isQueued("a", one.sequence())).isFalse();
        assertThat(text(store.peekQueued("a").delivery())).isEqualTo("two");
        SessionStore again = reopen();

        assertThat(again.queuedCount("a")).isEqualTo(2);
        Queued head = again.peekQueued("a");
        assertThat(text(head.delivery())).isEqualTo("two");
        assertThat(again.maybeSentBefore("a", head)).as("it may have been in flight: DUP").isTrue();
        again.enqueue("a", delivery("four", false), 2);
        Queued four = null;
        for (Queued q = again.peekQueued("a"); q != null; q = again.peekQueued("a")) {
            four = q;
            again.deleteQueued("a", q.sequence());
        }
        assertThat(text(four.delivery())).isEqualTo("four");
        assertThat(again.maybeSentBefore("a", four)).as("queued in this run").isFalse();
    }

    @Test
    void refusesADirectoryThatHoldsSomethingElse() throws Exception {
        closeStore();
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("notes.txt"), "not a store");
        assertThatThrownBy(() -> RocksDatabase.open(other)).isInstanceOf(CorruptStoreException.class)
                .hasMessageContaining("CURRENT is missing");
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> RocksDatabase.open(file)).hasMessageContaining("not a directory");
        store = newStore();
    }

    @Test
    void refusesAMissingDirectoryInsteadOfStartingEmpty() {
        assertThatThrownBy(() -> RocksDatabase.open(dir.resolve("unmounted/store"))).isInstanceOf(CorruptStoreException.class)
                .hasMessageContaining("does not exist").hasMessageContaining("mkdir -p");
        assertThat(dir.resolve("unmounted")).doesNotExist();
    }

    @Test
    void refusesACorruptStore() throws Exception {
        store.enqueue("a", delivery("x", false), 1);
        closeStore();
        Path current = dir.resolve("store/CURRENT");
        Files.writeString(current, "MANIFEST-999999\n");
        assertThatThrownBy(() -> RocksDatabase.open(dir.resolve("store"))).isInstanceOf(CorruptStoreException.class)
                .hasMessageContaining("cannot open the store");
    }

    @Test
    void retainedMessagesSurviveReopening() {
        RocksRetainedStore retained = new RocksRetainedStore(database);
        retained.put(new Message("esl/a", new byte[] {1}, 1, true, null, "p", 0));
        retained.put(new Message("esl/b", new byte[] {2}, 0, true, null, "p", 0));
        retained.remove("esl/b");
        reopen();
        assertThat(new RocksRetainedStore(database).all()).extracting(Message::topic).containsExactly("esl/a");
    }
}
