package dev.esl.broker.routing;

import java.util.Collection;

/** Where retained messages are kept, one per topic. */
public interface RetainedStore extends AutoCloseable {

    void put(Message message);

    void remove(String topic);

    /** Every retained message; implementations keep them in memory, so this does no I/O. */
    Collection<Message> all();

    @Override
    default void close() {
    }
}
