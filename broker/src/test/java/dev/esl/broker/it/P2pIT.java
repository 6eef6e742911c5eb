package dev.esl.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.esl.broker.it.Clients.Received;
import dev.esl.broker.it.LibraryClient.Library;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * P2P messages ({@code <parentTopic>/p2p/<targetClientId>}): they reach their target alone, with no
 * subscription, and whether one is kept for an offline target follows the sender's session (the seed's rule).
 */
class P2pIT {
    static final String AP = "GID_AP@@@ap-7";
    static final String OTHER_AP = "GID_AP@@@ap-8";
    static final String MANAGER = "GID_TAGMGR@@@node-1";
    static final String TO_AP = "esl/p2p/" + AP;
    static final Duration QUIET = Duration.ofMillis(300);
    static final String ROUTER_LOGGER = "dev.esl.broker.routing.Router";
    static final String DISPATCHER_LOGGER = "dev.esl.broker.protocol.PacketDispatcher";

    @RegisterExtension
    RunningBroker broker = RunningBroker.seed();

    final List<LibraryClient> clients = new ArrayList<>();
    /** The broker's "<clientId> disconnected" lines, to know when a client counts as offline. */
    final LogCapture disconnects = LogCapture.of(DISPATCHER_LOGGER, Level.INFO);

    @AfterEach
    void closeClients() {
        clients.forEach(LibraryClient::close);
        disconnects.close();
    }

    LibraryClient client(Library library, String clientId) {
        LibraryClient c = library.client(broker, clientId);
        clients.add(c);
        return c;
    }

    @ParameterizedTest
    @EnumSource(Library.class)
    void reachesItsTargetAloneThoughTheTargetHasNoSubscription(Library library) throws Exception {
        LibraryClient ap = client(library, AP);
        ap.connect(true);
        LibraryClient otherAp = client(library, OTHER_AP);
        otherAp.connect(true);
        for (String filter : List.of("esl/#", "esl/p2p/+", TO_AP)) {
            otherAp.subscribe(filter, 2);
        }
        LibraryClient manager = client(library, MANAGER);
        manager.connect(true);

        for (int qos = 0; qos <= 2; qos++) {
            manager.publish(TO_AP, "job-q" + qos, qos);
        }
        manager.publish("esl/store-1/broadcast", "for-subscribers", 1);

        List<Received> atTarget = List.of(ap.next(), ap.next(), ap.next());
        assertThat(atTarget).containsExactlyInAnyOrder(
                new Received(TO_AP, "job-q0", 0), new Received(TO_AP, "job-q1", 1), new Received(TO_AP, "job-q2", 2));
        assertThat(otherAp.next()).as("a subscriber of esl/#, esl/p2p/+ and the P2P topic itself")
                .isEqualTo(new Received("esl/store-1/broadcast", "for-subscribers", 1));
        assertThat(otherAp.poll(QUIET)).isEmpty();
        assertThat(ap.poll(QUIET)).as("the broadcast at the target, which subscribed to nothing").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Library.class)
    void reachesATargetOnceEvenWhenItsOwnSubscriptionMatchesTheP2pTopic(Library library) throws Exception {
        LibraryClient ap = client(library, AP);
        ap.connect(true);
        ap.subscribe("esl/#", 1);
        LibraryClient manager = client(library, MANAGER);
        manager.connect(true);

        manager.publish(TO_AP, "job", 1);

        assertThat(ap.next()).isEqualTo(new Received(TO_AP, "job", 1));
        assertThat(ap.poll(QUIET)).as("a second copy through esl/#").isEmpty();
    }

    static Stream<Arguments> librariesAndQos12() {
        return Stream.of(Library.values()).flatMap(l -> Stream.of(Arguments.of(l, 1), Arguments.of(l, 2)));
    }

    @ParameterizedTest(name = "{0}, QoS {1}")
    @MethodSource("librariesAndQos12")
    void isKeptForAnOfflineTargetAndDeliveredOnceAtItsReconnectWhenTheSendersSessionIsPersistent(Library library, int qos)
            throws Exception {
        LibraryClient ap = client(library, AP);
        ap.connect(false);
        goOffline(ap);
        LibraryClient manager = client(library, MANAGER);
        manager.connect(false);

        manager.publish(TO_AP, "job", qos);
        manager.disconnect();

        assertThat(ap.connect(false)).as("session present").isTrue();
        assertThat(ap.next()).isEqualTo(new Received(TO_AP, "job", qos));
        assertThat(ap.poll(QUIET)).as("a duplicate").isEmpty();
        assertThat(broker.broker().stats()).containsEntry("p2pDropped", 0L);
    }

    @ParameterizedTest
    @EnumSource(Library.class)
    void isKeptForATargetWithACleanSessionWhenTheSendersSessionIsPersistent(Library library) throws Exception {
        LibraryClient ap = client(library, AP);
        ap.connect(true);
        goOffline(ap);
        LibraryClient manager = client(library, MANAGER);
        manager.connect(false);

        manager.publish(TO_AP, "job", 1);

        assertThat(ap.connect(true)).as("session present").isFalse();
        assertThat(ap.next()).isEqualTo(new Received(TO_AP, "job", 1));
        assertThat(ap.poll(QUIET)).isEmpty();
    }

    static Stream<Arguments> droppedCases() {
        return Stream.of(Library.values()).flatMap(l -> Stream.of(
                Arguments.of(l, 1, true), Arguments.of(l, 2, true), Arguments.of(l, 0, false)));
    }

    @ParameterizedTest(name = "{0}: QoS {1}, sender cleanSession={2}")
    @MethodSource("droppedCases")
    void isDroppedCountedAndLoggedForAnOfflineTargetWhenTheSendersSessionIsCleanOrQosIs0(
            Library library, int qos, boolean senderCleanSession) throws Exception {
        LibraryClient ap = client(library, AP);
        ap.connect(false);
        goOffline(ap);
        LibraryClient manager = client(library, MANAGER);
        manager.connect(senderCleanSession);

        try (LogCapture routerLog = LogCapture.of(ROUTER_LOGGER, Level.INFO)) {
            manager.publish(TO_AP, "lost", qos);

            await().atMost(Duration.ofSeconds(Clients.TIMEOUT_SECONDS))
                    .until(() -> broker.broker().stats().get("p2pDropped") == 1L);
            assertThat(routerLog.lines()).anySatisfy(line -> assertThat(line)
                    .startsWith("INFO P2P message from " + MANAGER + " to offline " + AP + " dropped"));
        }

        assertThat(ap.connect(false)).as("session present").isTrue();
        manager.publish(TO_AP, "marker", qos); // same QoS: both libraries keep the order within a QoS
        assertThat(ap.receivedBefore("marker")).as("received before the marker").isEmpty();
        assertThat(broker.broker().stats()).containsEntry("p2pDropped", 1L);
    }

    /** Disconnects normally and waits until the broker has taken the client offline. */
    private void goOffline(LibraryClient client) {
        client.disconnect();
        await().atMost(Duration.ofSeconds(Clients.TIMEOUT_SECONDS)).until(() -> disconnects.lines().stream()
                .anyMatch(line -> line.startsWith("INFO " + client.clientId() + " disconnected")));
    }
}
