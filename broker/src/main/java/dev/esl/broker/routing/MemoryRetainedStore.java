package dev.esl.broker.routing;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Retained messages in memory only: lost on restart. */
public final class MemoryRetainedStore implements RetainedStore {
    private final Map<String, Message> byTopic = new ConcurrentHashMap<>();

    @Override
    public void put(Message message) {
        byTopic.put(message.topic(), message);
    }

    @Override
    public void remove(String topic) {
        byTopic.remove(topic);
    }

    @Override
    public Collection<Message> all() {
        return Collections.unmodifiableCollection(byTopic.values());
    }
}
