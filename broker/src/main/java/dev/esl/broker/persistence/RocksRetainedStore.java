package dev.esl.broker.persistence;

import dev.esl.broker.persistence.RocksDatabase.Family;
import dev.esl.broker.routing.Message;
import dev.esl.broker.routing.RetainedStore;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/** Retained messages in RocksDB, with every one also in memory for matching new subscriptions. */
public final class RocksRetainedStore implements RetainedStore {
    private final RocksDatabase database;
    private final Map<String, Message> byTopic = new ConcurrentHashMap<>();

    public RocksRetainedStore(RocksDatabase database) {
        this.database = database;
        try (RocksIterator it = database.db().newIterator(database.family(Family.RETAINED))) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                Message m = RecordCodec.decodeMessage(it.value());
                byTopic.put(m.topic(), m);
            }
        }
    }

    @Override
    public void put(Message message) {
        write(message.topic(), RecordCodec.encode(message));
        byTopic.put(message.topic(), message);
    }

    @Override
    public void remove(String topic) {
        if (byTopic.remove(topic) != null) {
            write(topic, null);
        }
    }

    private void write(String topic, byte[] value) {
        byte[] key = topic.getBytes(StandardCharsets.UTF_8);
        try (WriteBatch batch = new WriteBatch()) {
            if (value == null) {
                batch.delete(database.family(Family.RETAINED), key);
            } else {
                batch.put(database.family(Family.RETAINED), key, value);
            }
            database.write(batch);
        } catch (RocksDBException e) {
            throw new StoreFailureException("cannot store retained message on " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Collection<Message> all() {
        return Collections.unmodifiableCollection(byTopic.values());
    }
}
