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
abstract class SessionStoreContract {
    protected SessionStore store;

    protected abstract SessionStore newStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    static Delivery delivery(String text, boolean keptForP2p) {
        Message m = new Message("esl/x", text.getBytes(StandardCharsets.UTF_8), 1, false, null, "GID_AP@@@p", 0);
        return new Delivery(m, 1, false, List.of(7), keptForP2p);
    }

    static String text(Delivery d) {
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
    void queuesInOrderAndFilters() {
        store.enqueue("a", delivery("1", false));
        store.enqueue("a", delivery("2", true));
        store.enqueue("a", delivery("3", false));
        assertThat(store.queuedCount("a")).isEqualTo(3);
        store.retainQueued("a", Delivery::keptForP2p);
        assertThat(store.queuedCount("a")).isEqualTo(1);
        assertThat(text(store.pollQueued("a"))).isEqualTo("2");
        assertThat(store.pollQueued("a")).isNull();
        assertThat(store.pollQueued("nobody")).isNull();
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
    void remembersIncomingQos2PacketIdsOnce() {
        assertThat(store.addIncomingQos2("a", 5)).isTrue();
        assertThat(store.addIncomingQos2("a", 5)).isFalse();
        assertThat(store.incomingQos2Count("a")).isEqualTo(1);
        assertThat(store.deleteIncomingQos2("a", 5)).isTrue();
        assertThat(store.deleteIncomingQos2("a", 5)).isFalse();
    }

    @Test
    void deletingASessionDeletesEverythingItHolds() {
        store.saveSession(new SessionRecord("a", 60));
        store.saveSubscription("a", new Subscription("a", null, "esl/#", 1, false, false, 0, 0));
        store.enqueue("a", delivery("1", false));
        store.saveInflight("a", new Inflight(1, 1, delivery("2", false), false));
        store.addIncomingQos2("a", 1);
        store.saveSession(new SessionRecord("b", 60));

        store.deleteSession("a");

        assertThat(store.sessions()).extracting(SessionRecord::clientId).containsExactly("b");
        assertThat(store.subscriptions("a")).isEmpty();
        assertThat(store.queuedCount("a")).isZero();
        assertThat(store.inflight("a")).isEmpty();
        assertThat(store.incomingQos2Count("a")).isZero();
    }
}
