package dev.esl.broker;

import dev.esl.broker.config.BrokerConfig;
import dev.esl.broker.config.Durability;
import dev.esl.broker.config.StorageKind;
import dev.esl.broker.persistence.RocksDatabase;
import dev.esl.broker.persistence.RocksRetainedStore;
import dev.esl.broker.persistence.RocksSessionStore;
import dev.esl.broker.persistence.TieredSessionStore;
import dev.esl.broker.naming.NamingRules;
import dev.esl.broker.protocol.BrokerContext;
import dev.esl.broker.protocol.PacketDispatcher;
import dev.esl.broker.routing.MemoryRetainedStore;
import dev.esl.broker.routing.RetainedMessages;
import dev.esl.broker.routing.RetainedStore;
import dev.esl.broker.routing.Router;
import dev.esl.broker.routing.subscription.SubscriptionTrie;
import dev.esl.broker.session.Lanes;
import dev.esl.broker.session.MemorySessionStore;
import dev.esl.broker.session.PublishBatch;
import dev.esl.broker.session.SessionLimits;
import dev.esl.broker.session.SessionRegistry;
import dev.esl.broker.session.SessionStore;
import dev.esl.broker.stats.BrokerStats;
import dev.esl.broker.transport.MqttServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT broker, embeddable: build it from a {@link BrokerConfig}, {@link #start()} it (port 0 picks a
 * free port, see {@link #port()}), {@link #stop()} it.
 */
public final class Broker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Broker.class);

    private final BrokerConfig config;
    private final SessionStore store;
    private final RetainedStore retainedStore;
    private final RocksDatabase database;
    private final Clock clock;
    private final BrokerStats stats = new BrokerStats();
    private Lanes lanes;
    private MqttServer server;
    private int port = -1;

    /** A broker with the store its configuration names: in memory, or RocksDB under {@code dataDir}. */
    public Broker(BrokerConfig config) {
        this(config, Clock.systemUTC());
    }

    public Broker(BrokerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        if (config.storage() == StorageKind.ROCKSDB) {
            database = RocksDatabase.open(Path.of(config.dataDir()));
            store = new TieredSessionStore(new RocksSessionStore(database, config.durability(),
                    Duration.ofMillis(config.writeBehindMillis()), stats));
            retainedStore = new RocksRetainedStore(database);
        } else {
            database = null;
            store = new MemorySessionStore();
            retainedStore = new MemoryRetainedStore();
        }
    }

    public synchronized Broker start() throws InterruptedException {
        if (server != null) {
            throw new IllegalStateException("broker already started");
        }
        lanes = new Lanes(config.lanes());
        SubscriptionTrie trie = new SubscriptionTrie();
        SessionRegistry registry = new SessionRegistry(store, trie, lanes, stats, clock, config.duplicateClientId(),
                SessionLimits.of(config));
        Router router = new Router(trie, registry, new RetainedMessages(retainedStore), store, stats, clock,
                SessionLimits.of(config));
        registry.willPublisher(will -> router.publish(will, false, new PublishBatch(), false));
        registry.recover();
        BrokerContext context = new BrokerContext(config, NamingRules.of(config), registry, router, lanes, stats, clock);
        server = new MqttServer();
        try {
            port = server.bind(config, new PacketDispatcher(context), clock);
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            lanes.shutdown();
            server = null;
            throw e;
        }
        log.info("MQTT broker listening on {}:{} (naming {}, duplicate client IDs: {}, groups {}, parent topics {})",
                config.host(), port, config.naming(), config.duplicateClientId(), config.groups(), config.parentTopics());
        if (database != null) {
            log.info("Storage: RocksDB, durability {}, write-behind {} ms", config.durability().name().toLowerCase(),
                    config.durability() == Durability.SYNC ? config.writeBehindMillis() : 0);
        }
        return this;
    }

    /** The bound TCP port, once started. */
    public int port() {
        return port;
    }

    public BrokerConfig config() {
        return config;
    }

    public Map<String, Long> stats() {
        return stats.snapshot();
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        // Lanes finish their work while connections can still take their writes; then connections close.
        server.stopListening();
        lanes.shutdown();
        server.closeConnections();
        store.close();
        retainedStore.close();
        if (database != null) {
            database.close();
        }
        server = null;
        log.info("MQTT broker on port {} stopped", port);
    }

    @Override
    public void close() {
        stop();
    }
}
