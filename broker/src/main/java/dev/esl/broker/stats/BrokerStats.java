package dev.esl.broker.stats;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counters of what the broker did and, above all, of what it refused or dropped, so no loss is silent. */
public final class BrokerStats {
    public final LongAdder connectionsAccepted = new LongAdder();
    public final LongAdder connectionsRefused = new LongAdder();
    public final LongAdder takeovers = new LongAdder();
    public final LongAdder messagesReceived = new LongAdder();
    public final LongAdder messagesSent = new LongAdder();
    public final LongAdder p2pDropped = new LongAdder();
    public final LongAdder queueOverflowDropped = new LongAdder();
    public final LongAdder quotaRefused = new LongAdder();
    public final LongAdder expiredDropped = new LongAdder();
    public final LongAdder oversizedDropped = new LongAdder();
    public final LongAdder slowClientDropped = new LongAdder();
    public final LongAdder qos0DroppedOnDisconnect = new LongAdder();
    public final LongAdder slowClientsDisconnected = new LongAdder();
    public final LongAdder protocolErrors = new LongAdder();
    /** QoS 1 copies for online persistent sessions held in memory instead of written (write-behind). */
    public final LongAdder writeBehindHeld = new LongAdder();
    /** Of those, the ones written because their subscriber had not acknowledged them in time. */
    public final LongAdder writeBehindWritten = new LongAdder();

    /** A point-in-time copy, by counter name, for logs, the admin API and tests. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("connectionsAccepted", connectionsAccepted.sum());
        m.put("connectionsRefused", connectionsRefused.sum());
        m.put("takeovers", takeovers.sum());
        m.put("messagesReceived", messagesReceived.sum());
        m.put("messagesSent", messagesSent.sum());
        m.put("p2pDropped", p2pDropped.sum());
        m.put("queueOverflowDropped", queueOverflowDropped.sum());
        m.put("quotaRefused", quotaRefused.sum());
        m.put("expiredDropped", expiredDropped.sum());
        m.put("oversizedDropped", oversizedDropped.sum());
        m.put("slowClientDropped", slowClientDropped.sum());
        m.put("qos0DroppedOnDisconnect", qos0DroppedOnDisconnect.sum());
        m.put("slowClientsDisconnected", slowClientsDisconnected.sum());
        m.put("protocolErrors", protocolErrors.sum());
        m.put("writeBehindHeld", writeBehindHeld.sum());
        m.put("writeBehindWritten", writeBehindWritten.sum());
        return m;
    }
}
