package dev.esl.broker.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esl.broker.session.Inflight;
import dev.esl.broker.session.PublishBatch;
import dev.esl.broker.session.Queued;
import dev.esl.broker.session.SessionRecord;
import dev.esl.broker.session.SessionStore;
import org.junit.jupiter.api.Test;

/** The contract (clients with no stored session count as clean), plus which tier each write lands in. */
class TieredSessionStoreTest extends OnDiskStoreContract {

    private RocksSessionStore durable;

    @Override
    SessionStore over(RocksSessionStore durable) {
        this.durable = durable;
        return new TieredSessionStore(durable);
    }

    private PublishBatch one(String clientId, String text, boolean keptForP2p) {
        return new PublishBatch().queue(clientId, new Queued(store.nextSequence(), 1, delivery(text, keptForP2p)));
    }

    @Test
    void onlyPersistentSessionsAndKeptP2pMessagesGoToDiskAndNeedASync() {
        store.saveSession(new SessionRecord("persistent", 60));
        store.saveSession(new SessionRecord("clean", 0));

        assertThat(store.apply(one("clean", "c1", false))).as("clean only: nothing to sync").isCompleted();
        assertThat(store.apply(one("clean", "c2", false).incomingQos2("clean", 4))).isCompleted();
        assertThat(durable.syncRequests()).isZero();
        store.apply(one("clean", "kept", true));
        assertThat(durable.syncRequests()).as("a kept P2P message").isEqualTo(1);
        store.apply(one("persistent", "p1", false).queue("clean", new Queued(store.nextSequence(), 1, delivery("c3", false))));
        assertThat(durable.syncRequests()).isEqualTo(2);
        store.apply(new PublishBatch().incomingQos2("persistent", 5));
        assertThat(durable.syncRequests()).isEqualTo(3);
        assertThat(store.queuedCount("clean")).isEqualTo(4);
        assertThat(store.hasIncomingQos2("clean", 4)).isTrue();

        SessionStore again = reopen();

        assertThat(again.queuedCount("clean")).isEqualTo(1);
        assertThat(text(again.peekQueued("clean").delivery())).isEqualTo("kept");
        assertThat(text(again.peekQueued("persistent").delivery())).isEqualTo("p1");
        assertThat(again.hasIncomingQos2("clean", 4)).isFalse();
        assertThat(again.hasIncomingQos2("persistent", 5)).isTrue();
        assertThat(again.sessions()).extracting(SessionRecord::clientId).containsExactlyInAnyOrder("persistent", "clean");
    }

    private PublishBatch exactlyOnceTo(String clientId, String text) {
        return new PublishBatch().queue(clientId, new Queued(store.nextSequence(), 1, exactlyOnce(text)));
    }

    /** QoS 2, whose in-flight records are kept apart from the queue in either tier. */
    @Test
    void aPersistentSessionResumedAsCleanDrainsBothTiersInOrder() {
        store.saveSession(new SessionRecord("a", 60));
        store.apply(exactlyOnceTo("a", "1 on disk"));
        store.saveSession(new SessionRecord("a", 0));
        store.apply(exactlyOnceTo("a", "2 in memory"));
        store.saveSession(new SessionRecord("a", 60));
        store.apply(exactlyOnceTo("a", "3 on disk"));

        int packetId = 0;
        for (String expected : new String[] {"1 on disk", "2 in memory", "3 on disk"}) {
            Queued head = store.peekQueued("a");
            assertThat(text(head.delivery())).isEqualTo(expected);
            packetId++;
            store.moveToInflight("a", head.sequence(), new Inflight(packetId, packetId, head.delivery(), false));
        }
        assertThat(store.queuedCount("a")).isZero();
        assertThat(store.inflight("a")).extracting(i -> text(i.delivery()))
                .containsExactly("1 on disk", "2 in memory", "3 on disk");

        Inflight second = store.inflight("a").get(1);
        store.saveInflight("a", new Inflight(second.packetId(), second.sequence(), second.delivery(), true));
        assertThat(store.inflight("a").get(1).released()).isTrue();
        store.deleteInflight("a", 1);
        SessionStore again = reopen();
        assertThat(again.inflight("a")).extracting(i -> text(i.delivery())).containsExactly("3 on disk");
    }

    @Test
    void endingACleanSessionLeavesNothingInEitherTier() {
        store.saveSession(new SessionRecord("clean", 0));
        store.apply(one("clean", "x", false));
        store.apply(one("clean", "kept", true));

        store.deleteSession("clean");

        assertThat(store.queuedCount("clean")).isZero();
        assertThat(store.peekQueued("clean")).isNull();
        assertThat(reopen().queuedCount("clean")).isZero();
    }
}
