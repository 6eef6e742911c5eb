package dev.esl.broker.it;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubRecException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.pubrec.Mqtt5PubRec;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscription;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Client factories for the integration tests: no automatic reconnect, short timeouts, nothing on disk. */
final class Clients {
    static final int TIMEOUT_SECONDS = 5;

    private Clients() {
    }

    /** An MQTT 5 client (HiveMQ); the HiveMQ client never reconnects unless told to. */
    static Mqtt5ClientBuilder v5Builder(RunningBroker broker, String clientId) {
        Mqtt5ClientBuilder builder = MqttClient.builder().useMqttVersion5()
                .serverHost("127.0.0.1").serverPort(broker.port());
        return clientId == null ? builder : builder.identifier(clientId);
    }

    static Mqtt5BlockingClient v5(RunningBroker broker, String clientId) {
        return v5Builder(broker, clientId).buildBlocking();
    }

    /** A connected MQTT 5 client. */
    static Mqtt5BlockingClient v5Connected(RunningBroker broker, String clientId) {
        Mqtt5BlockingClient client = v5(broker, clientId);
        client.connect();
        return client;
    }

    /** The CONNACK of a refused MQTT 5 CONNECT; fails if the broker accepted it. */
    static Mqtt5ConnAck v5Refusal(Mqtt5BlockingClient client) {
        try {
            Mqtt5ConnAck ack = client.connect();
            client.disconnect();
            throw new AssertionError("CONNECT was accepted: " + ack);
        } catch (Mqtt5ConnAckException e) {
            return e.getMqttMessage();
        }
    }

    /**
     * The SUBACK for a SUBSCRIBE of the filters at QoS 1, whether or not the HiveMQ client turned it into a
     * {@link Mqtt5SubAckException} (it does when every code is an error).
     */
    static Mqtt5SubAck subAck(Mqtt5BlockingClient client, String... filters) {
        Mqtt5Subscribe subscribe = Mqtt5Subscribe.builder().addSubscriptions(Arrays.stream(filters)
                .map(f -> Mqtt5Subscription.builder().topicFilter(f).qos(MqttQos.AT_LEAST_ONCE).build())).build();
        try {
            return client.subscribe(subscribe);
        } catch (Mqtt5SubAckException e) {
            return e.getMqttMessage();
        }
    }

    /** Publishes a small QoS 1 message and returns the broker's PUBACK, successful or not. */
    static Mqtt5PubAck pubAck(Mqtt5BlockingClient client, String topic, String payload) {
        try {
            Mqtt5PublishResult result = client.publishWith().topic(topic).payload(payload.getBytes(StandardCharsets.UTF_8))
                    .qos(MqttQos.AT_LEAST_ONCE).send();
            return ((Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck();
        } catch (Mqtt5PubAckException e) {
            return e.getMqttMessage();
        }
    }

    /** Publishes a small QoS 2 message and returns the broker's PUBREC, successful or not. */
    static Mqtt5PubRec pubRec(Mqtt5BlockingClient client, String topic, String payload) {
        try {
            Mqtt5PublishResult result = client.publishWith().topic(topic).payload(payload.getBytes(StandardCharsets.UTF_8))
                    .qos(MqttQos.EXACTLY_ONCE).send();
            return ((Mqtt5PublishResult.Mqtt5Qos2Result) result).getPubRec();
        } catch (Mqtt5PubRecException e) {
            return e.getMqttMessage();
        }
    }

    /** Payload of the next message a client receives, failing after the timeout. */
    static String nextPayload(Mqtt5BlockingClient.Mqtt5Publishes publishes) throws InterruptedException {
        Mqtt5Publish publish = publishes.receive(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .orElseThrow(() -> new AssertionError("no message within " + TIMEOUT_SECONDS + " s"));
        return new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    static void disconnectQuietly(Mqtt5BlockingClient client) {
        try {
            if (client.getState().isConnected()) {
                client.disconnect();
            }
        } catch (RuntimeException ignored) {
            // already gone
        }
    }

    /** An MQTT 3.1.1 client (Eclipse Paho), not yet connected. */
    static org.eclipse.paho.client.mqttv3.MqttClient v3(RunningBroker broker, String clientId) throws MqttException {
        return new org.eclipse.paho.client.mqttv3.MqttClient(broker.tcpUri(), clientId, new MemoryPersistence());
    }

    /**
     * MQTT 3.1.1 exactly: Paho's default would retry a refused CONNECT as MQTT 3.1 and report that
     * second answer instead.
     */
    static MqttConnectOptions v3Options(boolean cleanSession) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(cleanSession);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(TIMEOUT_SECONDS);
        options.setKeepAliveInterval(30);
        return options;
    }

    static org.eclipse.paho.client.mqttv3.MqttClient v3Connected(RunningBroker broker, String clientId, V3Inbox inbox)
            throws MqttException {
        org.eclipse.paho.client.mqttv3.MqttClient client = v3(broker, clientId);
        client.setTimeToWait(TIMEOUT_SECONDS * 1000L);
        if (inbox != null) {
            client.setCallback(inbox);
        }
        client.connect(v3Options(true));
        return client;
    }

    static void closeQuietly(org.eclipse.paho.client.mqttv3.MqttClient client) {
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
        } catch (MqttException ignored) {
            // already gone
        }
        try {
            client.close(true);
        } catch (MqttException ignored) {
            // nothing more to release
        }
    }

    /** Collects what a Paho MQTT 3.1.1 client receives, and whether its connection was lost. */
    static final class V3Inbox implements MqttCallback {
        final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();
        final List<Throwable> connectionLost = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void connectionLost(Throwable cause) {
            connectionLost.add(cause == null ? new RuntimeException("connection lost") : cause);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            messages.add(new Received(topic, new String(message.getPayload(), java.nio.charset.StandardCharsets.UTF_8),
                    message.getQos()));
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }

        Received next() throws InterruptedException {
            Received r = messages.poll(TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
            if (r == null) {
                throw new AssertionError("no message within " + TIMEOUT_SECONDS + " s");
            }
            return r;
        }

        List<Received> drain() {
            List<Received> all = new ArrayList<>();
            messages.drainTo(all);
            return all;
        }
    }

    record Received(String topic, String payload, int qos) {
    }
}
