package dev.esl.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which client IDs the broker accepts at CONNECT, in seed naming mode and in plain MQTT mode. */
class ClientIdRulesIT {
    /** 9 characters of "GID_AP@@@" plus 55 = 64 (a constant, for the annotations). */
    static final String ID_OF_64 = "GID_AP@@@" + "device-0123456789" + "0123456789" + "0123456789" + "0123456789" + "abcdefgh";
    static final String ID_OF_65 = ID_OF_64 + "z";

    /** A refused client ID, the words of the reason string that name the broken rule, and what is wrong. */
    static Stream<Arguments> badClientIds() {
        return Stream.of(
                Arguments.of("GID_AP-ap-1", "exactly one '@@@'", "no @@@ separator"),
                Arguments.of("GID_AP@@@ap@@@1", "exactly one '@@@'", "two @@@ separators"),
                Arguments.of("APP_X@@@ap-1", "must begin with GID_ or GID-", "group without the GID_ prefix"),
                Arguments.of("gid_AP@@@ap-1", "must begin with GID_ or GID-", "lower-case prefix"),
                Arguments.of("GID_@@@ap-1", "at least one character after its GID_ prefix", "group is only the prefix"),
                Arguments.of("GID_UNKNOWN@@@ap-1", "group 'GID_UNKNOWN' does not exist", "unknown group"),
                Arguments.of(ID_OF_65, "65 characters, at most 64", "65 characters"),
                Arguments.of("GID_AP@@@ap 1", "only letters, digits, '-' and '_'", "space in device"),
                Arguments.of("GID_AP@@@ap.1", "only letters, digits, '-' and '_'", "dot in device"),
                Arguments.of("GID_AP@@@ap@1", "only letters, digits, '-' and '_'", "single @ in device"),
                Arguments.of("GID_A.P@@@ap-1", "only letters, digits, '-' and '_'", "dot in group"),
                Arguments.of("GID_AP@@@", "device ID after '@@@' is empty", "empty device"));
    }

    @Nested
    class InSeedMode {
        @RegisterExtension
        RunningBroker broker = RunningBroker.seed(b -> b.groups("GID_AP", "GID_TAGMGR", "GID_TEST", "GID-x"));

        @ParameterizedTest(name = "[{index}] {2}: {0}")
        @MethodSource("dev.esl.broker.it.ClientIdRulesIT#badClientIds")
        void refusesBadClientIdOverMqtt5WithClientIdentifierNotValidAndTheRule(String clientId, String rule, String what) {
            Mqtt5ConnAck ack = Clients.v5Refusal(Clients.v5(broker, clientId));

            assertThat(ack.getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
            assertThat(ack.getReasonString()).hasValueSatisfying(reason -> assertThat(reason.toString()).contains(rule));
            assertThat(broker.broker().stats()).containsEntry("connectionsRefused", 1L).containsEntry("connectionsAccepted", 0L);
        }

        @ParameterizedTest(name = "[{index}] {2}: {0}")
        @MethodSource("dev.esl.broker.it.ClientIdRulesIT#badClientIds")
        void refusesBadClientIdOverMqtt311WithIdentifierRejected(String clientId, String rule, String what) throws Exception {
            MqttClient client = Clients.v3(broker, clientId);
            try {
                assertThatThrownBy(() -> client.connect(Clients.v3Options(true)))
                        .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode())
                                .isEqualTo(MqttException.REASON_CODE_INVALID_CLIENT_ID));
                assertThat(client.isConnected()).isFalse();
                assertThat(broker.broker().stats()).containsEntry("connectionsRefused", 1L).containsEntry("connectionsAccepted", 0L);
            } finally {
                Clients.closeQuietly(client);
            }
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {ID_OF_64, "GID-x@@@a_b-1", "GID_TAGMGR@@@node-1", "GID_AP@@@AP_0123-abc"})
        void acceptsValidClientIdOverMqtt5AndDeliversToIt(String clientId) throws Exception {
            Mqtt5BlockingClient client = Clients.v5(broker, clientId);
            Mqtt5ConnAck ack = client.connect();
            try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
                assertThat(ack.getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
                assertThat(ack.getAssignedClientIdentifier()).isEmpty();
                client.subscribeWith().topicFilter("esl/echo").qos(MqttQos.AT_LEAST_ONCE).send();
                client.publishWith().topic("esl/echo").payload(clientId.getBytes(StandardCharsets.UTF_8))
                        .qos(MqttQos.AT_LEAST_ONCE).send();
                Mqtt5Publish echo = publishes.receive(Clients.TIMEOUT_SECONDS, TimeUnit.SECONDS).orElseThrow();
                assertThat(new String(echo.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo(clientId);
            } finally {
                Clients.disconnectQuietly(client);
            }
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {ID_OF_64, "GID-x@@@a_b-1"})
        void acceptsValidClientIdOverMqtt311(String clientId) throws Exception {
            Clients.V3Inbox inbox = new Clients.V3Inbox();
            MqttClient client = Clients.v3Connected(broker, clientId, inbox);
            try {
                assertThat(client.isConnected()).isTrue();
                client.subscribe("esl/echo", 1);
                client.publish("esl/echo", clientId.getBytes(StandardCharsets.UTF_8), 1, false);
                assertThat(inbox.next().payload()).isEqualTo(clientId);
            } finally {
                Clients.closeQuietly(client);
            }
        }

        @Test
        void refusesEmptyClientIdOverMqtt5SayingAClientIdIsRequired() {
            Mqtt5ConnAck ack = Clients.v5Refusal(Clients.v5(broker, null));

            assertThat(ack.getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
            assertThat(ack.getReasonString()).hasValueSatisfying(reason -> assertThat(reason.toString())
                    .contains("client ID required"));
            assertThat(ack.getAssignedClientIdentifier()).isEmpty();
        }

        @Test
        void refusesEmptyClientIdOverMqtt311EvenWithCleanSession() throws Exception {
            MqttClient client = Clients.v3(broker, "");
            try {
                assertThatThrownBy(() -> client.connect(Clients.v3Options(true)))
                        .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode())
                                .isEqualTo(MqttException.REASON_CODE_INVALID_CLIENT_ID));
                assertThat(broker.broker().stats()).containsEntry("connectionsRefused", 1L);
            } finally {
                Clients.closeQuietly(client);
            }
        }
    }

    @Nested
    class InPlainMode {
        @RegisterExtension
        RunningBroker broker = RunningBroker.plain();

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"foo", "no-group-at-all.with.dots", "GID_UNKNOWN@@@x"})
        void acceptsAnyClientIdOverMqtt5(String clientId) {
            Mqtt5BlockingClient client = Clients.v5(broker, clientId);
            try {
                Mqtt5ConnAck ack = client.connect();
                assertThat(ack.getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
                assertThat(ack.getAssignedClientIdentifier()).isEmpty();
                // The broker counts an accepted connection just after writing its CONNACK.
                await().atMost(Duration.ofSeconds(Clients.TIMEOUT_SECONDS)).untilAsserted(() ->
                        assertThat(broker.broker().stats()).containsEntry("connectionsAccepted", 1L));
            } finally {
                Clients.disconnectQuietly(client);
            }
        }

        @Test
        void acceptsFooOverMqtt311() throws Exception {
            MqttClient client = Clients.v3Connected(broker, "foo", null);
            try {
                assertThat(client.isConnected()).isTrue();
                // The broker counts an accepted connection just after writing its CONNACK.
                await().atMost(Duration.ofSeconds(Clients.TIMEOUT_SECONDS)).untilAsserted(() ->
                        assertThat(broker.broker().stats()).containsEntry("connectionsAccepted", 1L));
            } finally {
                Clients.closeQuietly(client);
            }
        }

        @Test
        void assignsAClientIdentifierToAnEmptyMqtt5ClientIdAndDeliversUnderIt() throws Exception {
            Mqtt5BlockingClient client = Clients.v5(broker, null);
            Mqtt5ConnAck ack = client.connect();
            try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
                assertThat(ack.getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
                String assigned = ack.getAssignedClientIdentifier().orElseThrow().toString();
                assertThat(assigned).isNotBlank();
                assertThat(client.getConfig().getClientIdentifier()).hasValueSatisfying(id -> assertThat(id.toString()).isEqualTo(assigned));

                client.subscribeWith().topicFilter("any/topic").qos(MqttQos.AT_LEAST_ONCE).send();
                client.publishWith().topic("any/topic").payload("x".getBytes(StandardCharsets.UTF_8)).qos(MqttQos.AT_LEAST_ONCE).send();
                assertThat(publishes.receive(Clients.TIMEOUT_SECONDS, TimeUnit.SECONDS)).isPresent();
            } finally {
                Clients.disconnectQuietly(client);
            }
        }

        @Test
        void givesTwoEmptyMqtt5ClientIdsDifferentAssignedIdentifiers() {
            Mqtt5BlockingClient first = Clients.v5(broker, null);
            Mqtt5BlockingClient second = Clients.v5(broker, null);
            try {
                String a = first.connect().getAssignedClientIdentifier().orElseThrow().toString();
                String b = second.connect().getAssignedClientIdentifier().orElseThrow().toString();
                assertThat(a).isNotEqualTo(b);
                assertThat(first.getState().isConnected()).isTrue();
                assertThat(second.getState().isConnected()).isTrue();
            } finally {
                Clients.disconnectQuietly(first);
                Clients.disconnectQuietly(second);
            }
        }

        @Test
        void acceptsEmptyMqtt311ClientIdWithCleanSession() throws Exception {
            Clients.V3Inbox inbox = new Clients.V3Inbox();
            MqttClient client = Clients.v3Connected(broker, "", inbox);
            try {
                assertThat(client.isConnected()).isTrue();
                client.subscribe("any/topic", 1);
                client.publish("any/topic", "x".getBytes(StandardCharsets.UTF_8), 1, false);
                assertThat(inbox.next().payload()).isEqualTo("x");
            } finally {
                Clients.closeQuietly(client);
            }
        }

        @Test
        void refusesEmptyMqtt311ClientIdWithoutCleanSession() throws Exception {
            MqttClient client = Clients.v3(broker, "");
            try {
                assertThatThrownBy(() -> client.connect(Clients.v3Options(false)))
                        .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode())
                                .isEqualTo(MqttException.REASON_CODE_INVALID_CLIENT_ID));
                // The broker, not the client library, refused it.
                assertThat(broker.broker().stats()).containsEntry("connectionsRefused", 1L).containsEntry("connectionsAccepted", 0L);
            } finally {
                Clients.closeQuietly(client);
            }
        }
    }
}
