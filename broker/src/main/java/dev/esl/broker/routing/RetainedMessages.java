package dev.esl.broker.routing;

import dev.esl.broker.routing.subscription.TopicMatch;
import java.util.ArrayList;
import java.util.List;

/** The last retained message per topic; an empty payload clears it [MQTT-3.3.1-10]. */
public final class RetainedMessages {
    private final RetainedStore store;

    public RetainedMessages(RetainedStore store) {
        this.store = store;
    }

    public void store(Message message) {
        if (message.payload().length == 0) {
            store.remove(message.topic());
        } else {
            store.put(message);
        }
    }

    /** Unexpired retained messages matching the filter; scans all retained topics, which are few per store. */
    public List<Message> matching(String filter, long nowMillis) {
        List<Message> result = new ArrayList<>();
        for (Message m : List.copyOf(store.all())) {
            if (m.isExpired(nowMillis)) {
                store.remove(m.topic());
            } else if (TopicMatch.matches(filter, m.topic())) {
                result.add(m);
            }
        }
        return result;
    }
}
