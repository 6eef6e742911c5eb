package dev.esl.broker.session;

/** The live connection of a session, as the session needs it: the protocol layer implements it. */
public interface ClientChannel {

    /**
     * Writes a PUBLISH without flushing.
     *
     * @return false if the client's Maximum Packet Size is too small for it, so it was not sent
     */
    boolean sendPublish(Delivery delivery, int packetId, boolean dup);

    void sendPubRel(int packetId);

    void flush();

    /** False while the socket's send buffer is above its high-water mark: send nothing more for now. */
    boolean isWritable();

    /** How many QoS 1/2 PUBLISH packets may await acknowledgement at once (MQTT 5 Receive Maximum). */
    int receiveMaximum();

    /** Closes the connection because another one took its client ID over. */
    void closeTakenOver();

    String remoteAddress();
}
