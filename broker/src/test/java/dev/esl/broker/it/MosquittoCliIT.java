package dev.esl.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The broker driven by the real mosquitto_pub and mosquitto_sub programs, as an operator would. */
class MosquittoCliIT {
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(10);

    @RegisterExtension
    RunningBroker broker = RunningBroker.seed();

    @BeforeAll
    static void mosquittoClientsInstalled() {
        // A failure, not a skip: a run without these clients would pass without testing them. scripts/test.sh installs them.
        assertThat(CliProcess.onPath("mosquitto_pub") && CliProcess.onPath("mosquitto_sub"))
                .as("mosquitto_pub and mosquitto_sub on the PATH (Debian package mosquitto-clients; scripts/test.sh installs it)")
                .isTrue();
    }

    @Test
    void mosquittoSubReceivesWhatMosquittoPubSendsAtQos1() throws Exception {
        try (CliProcess sub = subscribe("-i", "GID_AP@@@ap-1", "-t", "esl/#", "-q", "1", "-C", "1", "-v")) {
            CliProcess pub = publish("-i", "GID_TAGMGR@@@n1", "-t", "esl/store/1/x", "-m", "hi", "-q", "1");
            assertThat(pub.exitCode()).as("%s", pub).isZero();

            String delivery = sub.awaitStdoutLine(l -> l.contains("received PUBLISH"), RUN_TIMEOUT);
            assertThat(delivery).as("delivered at QoS 1, not retained").contains("(d0, q1, r0,").contains("'esl/store/1/x'");
            sub.awaitStdoutLine(l -> l.equals("esl/store/1/x hi"), RUN_TIMEOUT);
            assertThat(sub.awaitExit(RUN_TIMEOUT)).as("%s", sub).isZero();
        }
    }

    @Test
    void clientIdOutsideTheSeedGroupsIsRefusedAsIdentifierRejected() throws Exception {
        CliProcess pub = publish("-i", "foo", "-t", "esl/store/1/x", "-m", "hi", "-q", "1");
        assertThat(pub.exitCode()).as("%s", pub).isNotZero();
        assertThat(pub.stderr()).containsIgnoringCase("identifier rejected");

        CliProcess sub = CliProcess.run(RUN_TIMEOUT, command("mosquitto_sub", "-i", "foo", "-t", "esl/#", "-C", "1", "-W", "5"));
        assertThat(sub.exitCode()).as("%s", sub).isNotZero();
        assertThat(sub.stderr()).containsIgnoringCase("identifier rejected");
    }

    @Test
    void mqtt5ClientIdOutsideTheSeedGroupsIsRefusedAsClientIdentifierNotValid() throws Exception {
        CliProcess pub = publish("-V", "mqttv5", "-i", "foo", "-t", "esl/store/1/x", "-m", "hi", "-q", "1");
        assertThat(pub.exitCode()).as("%s", pub).isNotZero();
        assertThat(pub.stderr()).contains("Client Identifier not valid");
    }

    @Test
    void mqtt5PublishToAnUnknownParentTopicPrintsTheBrokersReasonString() throws Exception {
        CliProcess pub = publish("-V", "mqttv5", "-i", "GID_TAGMGR@@@n1", "-t", "nowhere/x", "-m", "hi", "-q", "1");
        assertThat(pub.stderr()).as("%s", pub)
                .contains("Publish 1 failed: Topic Name invalid")
                .contains("parent topic 'nowhere' does not exist on this broker");
    }

    @Test
    void mqtt5SubscriptionToAnUnknownParentTopicIsDenied() throws Exception {
        CliProcess sub = CliProcess.run(RUN_TIMEOUT, command("mosquitto_sub", "-V", "mqttv5", "-i", "GID_AP@@@ap-1",
                "-t", "nowhere/#", "-C", "1", "-W", "5"));
        assertThat(sub.stderr()).as("%s", sub).contains("All subscription requests were denied.");
        assertThat(sub.stdout()).isEmpty();
    }

    @Test
    void retainedMessageReachesLaterSubscribersUntilAnEmptyRetainedMessageClearsIt() throws Exception {
        CliProcess set = publish("-i", "GID_TAGMGR@@@n1", "-t", "esl/store/1/price", "-m", "9.99", "-q", "1", "-r");
        assertThat(set.exitCode()).as("%s", set).isZero();

        CliProcess later = CliProcess.run(RUN_TIMEOUT, command("mosquitto_sub", "-i", "GID_AP@@@ap-1",
                "-t", "esl/store/+/price", "-q", "1", "-C", "1", "-W", "5", "-F", "%r %q %t %p"));
        assertThat(later.exitCode()).as("%s", later).isZero();
        assertThat(later.stdout()).as("retain flag, QoS, topic, payload").isEqualTo("1 1 esl/store/1/price 9.99\n");

        CliProcess replace = publish("-i", "GID_TAGMGR@@@n1", "-t", "esl/store/1/price", "-m", "8.49", "-q", "1", "-r");
        assertThat(replace.exitCode()).as("%s", replace).isZero();
        CliProcess afterReplace = CliProcess.run(RUN_TIMEOUT, command("mosquitto_sub", "-i", "GID_AP@@@ap-2",
                "-t", "esl/store/1/price", "-C", "1", "-W", "5", "-F", "%r %p"));
        assertThat(afterReplace.stdout()).isEqualTo("1 8.49\n");

        CliProcess clear = publish("-i", "GID_TAGMGR@@@n1", "-t", "esl/store/1/price", "-n", "-q", "1", "-r");
        assertThat(clear.exitCode()).as("%s", clear).isZero();
        CliProcess afterClear = CliProcess.run(RUN_TIMEOUT, command("mosquitto_sub", "-i", "GID_AP@@@ap-3",
                "-t", "esl/store/1/price", "-C", "1", "-W", "1", "-F", "%r %p"));
        assertThat(afterClear.stdout()).as("nothing retained any more: mosquitto_sub times out").isEmpty();
        assertThat(afterClear.exitCode()).as("%s", afterClear).isNotZero();
    }

    @Test
    void mqtt5UserPropertiesFromMosquittoPubReachMosquittoSubInOrder() throws Exception {
        try (CliProcess sub = subscribe("-V", "mqttv5", "-i", "GID_AP@@@ap-1", "-t", "esl/#", "-C", "1", "-F", "P=%P")) {
            CliProcess pub = publish("-V", "mqttv5", "-i", "GID_TAGMGR@@@n1", "-t", "esl/store/1/x", "-m", "hi", "-q", "1",
                    "-D", "publish", "user-property", "z-first", "1",
                    "-D", "publish", "user-property", "a-second", "2",
                    "-D", "publish", "user-property", "z-first", "3");
            assertThat(pub.exitCode()).as("%s", pub).isZero();
            sub.awaitStdoutLine(l -> l.startsWith("P="), RUN_TIMEOUT);
            assertThat(sub.awaitExit(RUN_TIMEOUT)).isZero();
            assertThat(sub.stdout()).contains("P=z-first:1 a-second:2 z-first:3\n");
        }
    }

    @Test
    void mqtt5ResponseTopicContentTypeAndExpiryFromMosquittoPubReachMosquittoSub() throws Exception {
        try (CliProcess sub = subscribe("-V", "mqttv5", "-i", "GID_AP@@@ap-1", "-t", "esl/#", "-C", "1",
                "-F", "R=%R C=%C E=%E p=%p")) {
            CliProcess pub = publish("-V", "mqttv5", "-i", "GID_TAGMGR@@@n1", "-t", "esl/store/1/x", "-m", "hi", "-q", "1",
                    "-D", "publish", "response-topic", "esl/p2p/GID_TAGMGR@@@n1",
                    "-D", "publish", "content-type", "text/plain",
                    "-D", "publish", "message-expiry-interval", "60");
            assertThat(pub.exitCode()).as("%s", pub).isZero();
            String line = sub.awaitStdoutLine(l -> l.startsWith("R="), RUN_TIMEOUT);
            assertThat(line).matches("R=esl/p2p/GID_TAGMGR@@@n1 C=text/plain E=(59|60) p=hi");
        }
    }

    // ---- helpers

    private List<String> baseArgs(String program) {
        return new ArrayList<>(List.of(program, "-h", "127.0.0.1", "-p", String.valueOf(broker.port())));
    }

    private String[] command(String program, String... args) {
        List<String> all = baseArgs(program);
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    private CliProcess publish(String... args) throws IOException, InterruptedException {
        return CliProcess.run(RUN_TIMEOUT, command("mosquitto_pub", args));
    }

    /**
     * Starts mosquitto_sub with debug output and returns once the broker has acknowledged the subscription.
     * Its standard output is a pipe here, which stdio would buffer fully: stdbuf (coreutils) makes it
     * line-buffered so the SUBACK line shows up as it happens.
     */
    private CliProcess subscribe(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>();
        boolean lineBuffered = CliProcess.onPath("stdbuf");
        if (lineBuffered) {
            all.addAll(List.of("stdbuf", "-oL"));
        }
        all.addAll(List.of(command("mosquitto_sub", args)));
        all.addAll(List.of("-d", "-W", "10"));
        CliProcess sub = CliProcess.start(all.toArray(String[]::new));
        try {
            if (lineBuffered) {
                sub.awaitStdoutLine(l -> l.contains("received SUBACK"), RUN_TIMEOUT);
            } else {
                Thread.sleep(1_000); // no way to see the SUBACK as it happens: give it time
            }
        } catch (AssertionError | InterruptedException e) {
            sub.close();
            throw e;
        }
        return sub;
    }
}
