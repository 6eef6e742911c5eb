package dev.esl.broker.session;

import java.util.ArrayList;
import java.util.List;

/**
 * Every store write that accepting one message causes: its queue entries for each target session and,
 * for QoS 2, the publisher's packet ID awaiting PUBREL. Applied at once, so a crash leaves either all of
 * them or none, and a redelivered QoS 2 PUBLISH can never reach some targets twice.
 */
public final class PublishBatch {
    private final List<Entry> entries = new ArrayList<>();
    private String qos2ClientId;
    private int qos2PacketId;

    public PublishBatch queue(String clientId, Queued queued) {
        return queue(clientId, queued, false);
    }

    /**
     * @param online the target was online when the message was routed, so it will likely acknowledge its copy
     *               soon: a durable store may then hold the copy in memory for a moment instead of writing it
     */
    public PublishBatch queue(String clientId, Queued queued, boolean online) {
        entries.add(new Entry(clientId, queued, online));
        return this;
    }

    public PublishBatch incomingQos2(String clientId, int packetId) {
        this.qos2ClientId = clientId;
        this.qos2PacketId = packetId;
        return this;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The publisher whose QoS 2 packet ID this batch records, or null. */
    public String qos2ClientId() {
        return qos2ClientId;
    }

    public int qos2PacketId() {
        return qos2PacketId;
    }

    public boolean isEmpty() {
        return entries.isEmpty() && qos2ClientId == null;
    }

    public record Entry(String clientId, Queued queued, boolean online) {
    }
}
