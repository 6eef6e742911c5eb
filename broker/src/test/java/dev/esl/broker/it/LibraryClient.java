package dev.esl.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * One face for a real client of either library, so a scenario runs once over MQTT 3.1.1 (Eclipse Paho) and
 * once over MQTT 5 (HiveMQ). "cleanSession=false" is, for MQTT 5, Clean Start 0 with a Session Expiry
 * Interval above 0. Messages are collected from the moment the client is made, with or without a
 * subscription (P2P messages need none).
 */
interface LibraryClient extends AutoCloseable {
    long PERSISTENT_SESSION_EXPIRY_SECONDS = 300;

    enum Library {
        PAHO_3_1_1, HIVEMQ_5;

        LibraryClient client(RunningBroker broker, String clientId) {
            try {
                return this == PAHO_3_1_1 ? new Paho(broker, clientId) : new HiveMq(broker, clientId);
            } catch (MqttException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    String clientId();

    /** Connects and returns the CONNACK's session-present flag. */
    boolean connect(boolean cleanSession);

    /** Subscribes and checks that the broker granted the QoS asked for. */
    void subscribe(String filter, int qos);

    /** Publishes and returns once the broker acknowledged it (QoS 1: PUBACK, QoS 2: PUBCOMP). */
    void publish(String topic, String payload, int qos);

    /** A normal DISCONNECT. */
    void disconnect();

    /** The next message received, if one arrives within {@code wait}. */
    Optional<Clients.Received> poll(Duration wait) throws InterruptedException;

    default Clients.Received next() throws InterruptedException {
        return poll(Duration.ofSeconds(Clients.TIMEOUT_SECONDS))
                .orElseThrow(() -> new AssertionError(clientId() + " received nothing within " + Clients.TIMEOUT_SECONDS + " s"));
    }

    /**
     * Everything received before the message whose payload is {@code marker}, which must arrive. A test
     * sends the marker after what it checks, on a path that keeps order, so "nothing else arrived" needs
     * no sleeping.
     */
    default List<Clients.Received> receivedBefore(String marker) throws InterruptedException {
        List<Clients.Received> before = new ArrayList<>();
        for (Clients.Received r = next(); !r.payload().equals(marker); r = next()) {
            before.add(r);
        }
        return before;
    }

    @Override
    void close();

    /**
     * Eclipse Paho, MQTT 3.1.1; the client object keeps its in-memory session state between connections.
     * Each connect costs some 300 ms inside Paho (its threads start with Thread.sleep(100), paho.mqtt.java#945).
     */
    final class Paho implements LibraryClient {
        private final MqttClient client;
        private final Clients.V3Inbox inbox = new Clients.V3Inbox();

        Paho(RunningBroker broker, String clientId) throws MqttException {
            client = Clients.v3(broker, clientId);
            client.setTimeToWait(Clients.TIMEOUT_SECONDS * 1000L);
            client.setCallback(inbox);
        }

        @Override
        public String clientId() {
            return client.getClientId();
        }

        @Override
        public boolean connect(boolean cleanSession) {
            try {
                return client.connectWithResult(Clients.v3Options(cleanSession)).getSessionPresent();
            } catch (MqttException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void subscribe(String filter, int qos) {
            try {
                IMqttToken token = client.subscribeWithResponse(filter, qos);
                assertThat(token.getGrantedQos()).as("granted QoS for %s", filter).containsExactly(qos);
            } catch (MqttException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void publish(String topic, String payload, int qos) {
            try {
                client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, false);
            } catch (MqttException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void disconnect() {
            try {
                client.disconnect(Clients.TIMEOUT_SECONDS * 1000L);
            } catch (MqttException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Optional<Clients.Received> poll(Duration wait) throws InterruptedException {
            return Optional.ofNullable(inbox.messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
        }

        @Override
        public void close() {
            Clients.closeQuietly(client);
        }
    }

    /**
     * HiveMQ, MQTT 5. A stream of all incoming messages is opened before each CONNECT (so messages the broker
     * sends at once are not missed) and closed at DISCONNECT; what it received is kept across connections.
     */
    final class HiveMq implements LibraryClient {
        private final Mqtt5BlockingClient client;
        private final BlockingQueue<Clients.Received> received = new LinkedBlockingQueue<>();
        private Mqtt5BlockingClient.Mqtt5Publishes publishes;

        HiveMq(RunningBroker broker, String clientId) {
            client = Clients.v5(broker, clientId);
        }

        @Override
        public String clientId() {
            return client.getConfig().getClientIdentifier().map(Object::toString).orElseThrow();
        }

        @Override
        public boolean connect(boolean cleanSession) {
            publishes = client.publishes(MqttGlobalPublishFilter.ALL);
            return client.connectWith().cleanStart(cleanSession)
                    .sessionExpiryInterval(cleanSession ? 0 : PERSISTENT_SESSION_EXPIRY_SECONDS).send().isSessionPresent();
        }

        @Override
        public void subscribe(String filter, int qos) {
            Mqtt5SubAck ack = client.subscribeWith().topicFilter(filter).qos(MqttQos.fromCode(qos)).send();
            assertThat(ack.getReasonCodes()).as("SUBACK for %s", filter)
                    .extracting(c -> c.getCode()).containsExactly(qos);
        }

        @Override
        public void publish(String topic, String payload, int qos) {
            client.publishWith().topic(topic).qos(MqttQos.fromCode(qos))
                    .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
        }

        @Override
        public void disconnect() {
            keepUnread();
            client.disconnect();
            closePublishes();
        }

        @Override
        public Optional<Clients.Received> poll(Duration wait) throws InterruptedException {
            Clients.Received r = received.poll();
            if (r != null || publishes == null) {
                return Optional.ofNullable(r);
            }
            return publishes.receive(wait.toMillis(), TimeUnit.MILLISECONDS).map(HiveMq::received);
        }

        /** Keeps what arrived but was not read yet, for reading after the stream is closed. */
        private void keepUnread() {
            try {
                for (Optional<Mqtt5Publish> p = publishes.receiveNow(); p.isPresent(); p = publishes.receiveNow()) {
                    received.add(received(p.get()));
                }
            } catch (RuntimeException sessionEnded) {
                // the client ends the stream with an error when its session ends; nothing more to read
            }
        }

        private void closePublishes() {
            keepUnread();
            publishes.close();
            publishes = null;
        }

        private static Clients.Received received(Mqtt5Publish m) {
            return new Clients.Received(m.getTopic().toString(), new String(m.getPayloadAsBytes(), StandardCharsets.UTF_8),
                    m.getQos().getCode());
        }

        @Override
        public void close() {
            Clients.disconnectQuietly(client);
            if (publishes != null) {
                publishes.close();
            }
        }
    }
}
