package dev.esl.broker.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esl.broker.routing.Message;
import dev.esl.broker.routing.subscription.Subscription;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SessionStore} must do; one subclass per implementation. */
public abstract class SessionStoreContract {
    protected SessionStore store;

    protected abstract SessionStore newStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    @AfterEach
    void close() {
        closeStore();
    }

    protected void closeStore() {
        if (store != null) {
            store.close();
            store = null;
        }
    }

    public static Delivery delivery(String text, boolean keptForP2p) {
        Message m = new Message("esl/x", text.getBytes(StandardCharsets.UTF_8), 1, false, null, "GID_AP@@@p", 0);
        return new Delivery(m, 1, false, List.of(7), keptForP2p);
    }

    public static String text(Delivery d) {
        return new String(d.message().payload(), StandardCharsets.UTF_8);
    }

    @Test
    void savesAndListsSessions() {
        store.saveSession(new SessionRecord("a", 60));
        store.saveSession(new SessionRecord("a", 120));
        store.saveSession(new SessionRecord("b", 0));
        assertThat(store.sessions()).containsExactlyInAnyOrder(new SessionRecord("a", 120), new SessionRecord("b", 0));
    }

    @Test
    void keepsSubscriptionsByKey() {
        Subscription plain = new Subscription("a", null, "esl/#", 1, false, false, 0, 0);
        Subscription shared = new Subscription("a", "g", "esl/#", 2, false, false, 0, 0);
        store.saveSubscription("a", plain);
        store.saveSubscription("a", shared);
        assertThat(store.subscriptions("a")).containsExactlyInAnyOrder(plain, shared);
        store.deleteSubscription("a", "$share/g/esl/#");
        assertThat(store.subscriptions("a")).containsExactly(plain);
        assertThat(store.subscriptions("nobody")).isEmpty();
    }

    @Test
    void queuesInSequenceOrderAndCountsEntriesAndBytes() {
        long first = store.nextSequence();
        long second = store.nextSequence();
        assertThat(second).isGreaterThan(first);
        store.apply(new PublishBatch()
                .queue("a", new Queued(second, 20, delivery("22", false)))
                .queue("b", new Queued(first, 10, delivery("1", true))));
        store.enqueue("a", delivery("333", false), 30);
        store.apply(new PublishBatch().queue("a", new Queued(first, 10, delivery("1", true))));

        assertThat(store.queuedCount("a")).isEqualTo(3);
        assertThat(store.queuedBytes("a")).isEqualTo(3 * "esl/x".length() + 1 + 2 + 3);
        Queued head = store.peekQueued("a");
        assertThat(text(head.delivery())).isEqualTo("1");
        assertThat(head.queuedAtMillis()).isEqualTo(10);
        assertThat(head.delivery().keptForP2p()).isTrue();
        store.deleteQueued("a", head.sequence());
        assertThat(text(store.peekQueued("a").delivery())).isEqualTo("22");
        assertThat(store.queuedCount("b")).isEqualTo(1);
        assertThat(store.peekQueued("nobody")).isNull();
        assertThat(store.queuedCount("nobody")).isZero();
    }

    public static Delivery exactlyOnce(String text) {
        Message m = new Message("esl/x", text.getBytes(StandardCharsets.UTF_8), 2, false, null, "GID_AP@@@p", 0);
        return new Delivery(m, 2, false, List.of(), false);
    }

    /** QoS 2: a durable store may keep a QoS 1 delivery in its queue while it is in flight (see its own tests). */
    @Test
    void movesAQueuedEntryIntoFlight() {
        store.enqueue("a", exactlyOnce("x"), 1);
        Queued q = store.peekQueued("a");
        store.moveToInflight("a", q.sequence(), new Inflight(1, 1, q.delivery(), false));
        assertThat(store.queuedCount("a")).isZero();
        assertThat(store.queuedBytes("a")).isZero();
        assertThat(store.inflight("a")).extracting(i -> text(i.delivery())).containsExactly("x");
    }

    @Test
    void keepsInflightInSendOrderAndReleaseState() {
        store.saveInflight("a", new Inflight(9, 2, delivery("second", false), false));
        store.saveInflight("a", new Inflight(3, 1, delivery("first", false), false));
        store.saveInflight("a", new Inflight(9, 2, delivery("second", false), true));
        List<Inflight> inflight = store.inflight("a");
        assertThat(inflight).extracting(Inflight::packetId).containsExactly(3, 9);
        assertThat(inflight.get(1).released()).isTrue();
        assertThat(inflight.get(0).delivery().subscriptionIds()).containsExactly(7);
        store.deleteInflight("a", 3);
        assertThat(store.inflight("a")).extracting(Inflight::packetId).containsExactly(9);
    }

    @Test
    void recordsIncomingQos2PacketIdsWithTheBatch() {
        store.apply(new PublishBatch().incomingQos2("a", 5).queue("b", new Queued(store.nextSequence(), 1, delivery("x", false))));
        assertThat(store.hasIncomingQos2("a", 5)).isTrue();
        assertThat(store.hasIncomingQos2("a", 6)).isFalse();
        assertThat(store.incomingQos2Count("a")).isEqualTo(1);
        assertThat(store.queuedCount("b")).isEqualTo(1);
        assertThat(store.deleteIncomingQos2("a", 5)).isTrue();
        assertThat(store.deleteIncomingQos2("a", 5)).isFalse();
    }

    @Test
    void syncCompletes() throws Exception {
        store.enqueue("a", delivery("x", false), 1);
        store.sync().get(5, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void deletingASessionDeletesEverythingItHolds() {
        store.saveSession(new SessionRecord("a", 60));
        store.saveSubscription("a", new Subscription("a", null, "esl/#", 1, false, false, 0, 0));
        store.enqueue("a", delivery("1", false), 1);
        store.saveInflight("a", new Inflight(1, 1, delivery("2", false), false));
        store.apply(new PublishBatch().incomingQos2("a", 1));
        store.saveSession(new SessionRecord("b", 60));

        store.deleteSession("a");

        assertThat(store.sessions()).extracting(SessionRecord::clientId).containsExactly("b");
        assertThat(store.subscriptions("a")).isEmpty();
        assertThat(store.queuedCount("a")).isZero();
        assertThat(store.peekQueued("a")).isNull();
        assertThat(store.inflight("a")).isEmpty();
        assertThat(store.incomingQos2Count("a")).isZero();
    }
}
