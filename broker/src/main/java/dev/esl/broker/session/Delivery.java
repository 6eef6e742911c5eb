package dev.esl.broker.session;

import dev.esl.broker.routing.Message;
import java.util.List;

/**
 * A message on its way to one session: the message with the QoS, retain flag and subscription
 * identifiers that apply to that subscriber.
 *
 * @param keptForP2p a P2P message kept because its sender's session is persistent (the seed's rule):
 *                   it stays queued even if the target's own session is clean
 */
public record Delivery(Message message, int qos, boolean retain, List<Integer> subscriptionIds, boolean keptForP2p) {

    public Delivery {
        subscriptionIds = subscriptionIds == null ? List.of() : List.copyOf(subscriptionIds);
    }

    /** Approximate bytes held while queued, for the per-session limits. */
    public int size() {
        return message.payload().length + message.topic().length();
    }
}
