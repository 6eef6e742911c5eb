package dev.esl.broker.routing;

import dev.esl.broker.routing.subscription.TopicMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The last retained message per topic; an empty payload clears it [MQTT-3.3.1-10]. */
public final class RetainedMessages {
    private final Map<String, Message> byTopic = new ConcurrentHashMap<>();

    public void store(Message message) {
        if (message.payload().length == 0) {
            byTopic.remove(message.topic());
        } else {
            byTopic.put(message.topic(), message);
        }
    }

    /** Unexpired retained messages matching the filter; scans all retained topics, which are few per store. */
    public List<Message> matching(String filter, long nowMillis) {
        List<Message> result = new ArrayList<>();
        for (Message m : byTopic.values()) {
            if (m.isExpired(nowMillis)) {
                byTopic.remove(m.topic(), m);
            } else if (TopicMatch.matches(filter, m.topic())) {
                result.add(m);
            }
        }
        return result;
    }

    public int size() {
        return byTopic.size();
    }
}
