package dev.esl.broker.protocol;

import dev.esl.broker.session.Session;

/** PUBACK, PUBREC and PUBCOMP for messages the broker sent, on the client's lane. */
final class AckProcessor {

    void pubAck(MqttConnection c, int packetId) {
        Session s = c.currentSession();
        if (s != null) {
            s.completed(packetId);
        }
    }

    void pubRec(MqttConnection c, int packetId, int reasonCode) {
        Session s = c.currentSession();
        if (s != null) {
            s.received(packetId, reasonCode >= 0x80);
        }
    }

    void pubComp(MqttConnection c, int packetId) {
        pubAck(c, packetId);
    }
}
