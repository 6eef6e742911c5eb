package dev.esl.broker.session;

/**
 * An outgoing QoS 1 or 2 PUBLISH not yet completed by the client.
 *
 * @param released for QoS 2: PUBREC arrived and PUBREL was sent, so only PUBCOMP is awaited
 */
public record Inflight(int packetId, long sequence, Delivery delivery, boolean released) {

    Inflight release() {
        return new Inflight(packetId, sequence, delivery, true);
    }
}
