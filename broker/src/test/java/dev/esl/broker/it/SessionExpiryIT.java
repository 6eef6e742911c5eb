package dev.esl.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A persistent session lives on while its client is away, but not forever: after its expiry (MQTT 5 Session
 * Expiry Interval, capped by {@code maxSessionExpirySeconds}, which is also the lifetime of a 3.1.1 persistent
 * session) its subscriptions and queued messages are gone, and a reconnect finds no session.
 */
class SessionExpiryIT {
    private static final long MAX_EXPIRY_SECONDS = 2;

    @RegisterExtension
    RunningBroker broker = RunningBroker.seed(b -> b.maxSessionExpirySeconds(MAX_EXPIRY_SECONDS));

    @ParameterizedTest
    @EnumSource(LibraryClient.Library.class)
    void aSessionBackBeforeItsExpiryFindsItsQueue(LibraryClient.Library library) throws Exception {
        try (LibraryClient ap = library.client(broker, "GID_AP@@@ap-back");
             LibraryClient manager = library.client(broker, "GID_TAGMGR@@@n1")) {
            ap.connect(false);
            ap.subscribe("esl/expiry/#", 1);
            ap.disconnect();
            manager.connect(true);
            manager.publish("esl/expiry/price", "queued", 1);

            assertThat(ap.connect(false)).as("session present").isTrue();
            assertThat(ap.next().payload()).isEqualTo("queued");
            ap.disconnect();
            manager.disconnect();
        }
    }

    @ParameterizedTest
    @EnumSource(LibraryClient.Library.class)
    void anExpiredSessionTakesItsSubscriptionsAndQueueWithIt(LibraryClient.Library library) throws Exception {
        try (LibraryClient ap = library.client(broker, "GID_AP@@@ap-away");
             LibraryClient manager = library.client(broker, "GID_TAGMGR@@@n2")) {
            ap.connect(false); // asks for 300 s (5.0) or forever (3.1.1); the broker grants at most 2 s
            ap.subscribe("esl/expiry/#", 1);
            ap.disconnect();
            manager.connect(true);
            manager.publish("esl/expiry/price", "expired with the session", 1);

            Thread.sleep(Duration.ofSeconds(MAX_EXPIRY_SECONDS).plusMillis(1500).toMillis());

            assertThat(ap.connect(false)).as("session present after its expiry").isFalse();
            manager.publish("esl/expiry/price", "after", 1); // no subscription survived to receive it
            ap.subscribe("esl/expiry/#", 1);
            manager.publish("esl/expiry/price", "marker", 1);
            assertThat(ap.receivedBefore("marker")).as("messages of the expired session").isEmpty();
            ap.disconnect();
            manager.disconnect();
        }
    }
}
