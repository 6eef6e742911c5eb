package dev.esl.broker.config;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every setting of the broker, validated once at start. Zero or null values take the documented defaults,
 * so a YAML file only names what it changes. See docs/broker.md for the meaning of each setting.
 */
public record BrokerConfig(
        String host,
        int port,
        NamingMode naming,
        DuplicateClientIdPolicy duplicateClientId,
        Set<String> groups,
        Set<String> parentTopics,
        int maxPacketSize,
        int maxSubscriptionsPerClient,
        int receiveMaximum,
        int maxInflight,
        int maxQueuedMessages,
        long maxSessionExpirySeconds,
        long maxQueuedBytes,
        long offlineMessageExpirySeconds,
        int maxKeepAliveSeconds,
        int topicAliasMaximum,
        int connectTimeoutSeconds,
        int lanes,
        StorageKind storage,
        String dataDir,
        Durability durability,
        Integer writeBehindMillis,
        int slowClientTimeoutSeconds,
        int writeBufferHighWaterMark) {

    public static final int DEFAULT_PORT = 1883;
    public static final int DEFAULT_MAX_PACKET_SIZE = 256 * 1024;
    public static final int DEFAULT_MAX_SUBSCRIPTIONS = 30;
    public static final int DEFAULT_RECEIVE_MAXIMUM = 64;
    public static final int DEFAULT_MAX_INFLIGHT = 64;
    public static final int DEFAULT_MAX_QUEUED = 10_000;
    public static final long DEFAULT_MAX_SESSION_EXPIRY = 7L * 24 * 3600;
    public static final long DEFAULT_MAX_QUEUED_BYTES = 64L * 1024 * 1024;
    public static final long DEFAULT_OFFLINE_EXPIRY = 72L * 3600;
    public static final int DEFAULT_SLOW_CLIENT_TIMEOUT = 60;
    public static final int DEFAULT_WRITE_BUFFER_HIGH = 1024 * 1024;
    public static final int DEFAULT_MAX_KEEP_ALIVE = 1200;
    public static final int DEFAULT_TOPIC_ALIAS_MAXIMUM = 32;
    public static final int DEFAULT_CONNECT_TIMEOUT = 10;
    public static final int DEFAULT_WRITE_BEHIND_MILLIS = 20;

    public BrokerConfig {
        host = host == null || host.isBlank() ? "0.0.0.0" : host;
        port = port < 0 ? 0 : port;
        naming = naming == null ? NamingMode.SEED : naming;
        duplicateClientId = duplicateClientId == null ? DuplicateClientIdPolicy.TAKEOVER : duplicateClientId;
        groups = groups == null ? Set.of() : Set.copyOf(groups);
        parentTopics = parentTopics == null ? Set.of() : lowerCase(parentTopics);
        maxPacketSize = orDefault(maxPacketSize, DEFAULT_MAX_PACKET_SIZE);
        maxSubscriptionsPerClient = orDefault(maxSubscriptionsPerClient, DEFAULT_MAX_SUBSCRIPTIONS);
        receiveMaximum = Math.min(65_535, orDefault(receiveMaximum, DEFAULT_RECEIVE_MAXIMUM));
        maxInflight = Math.min(65_535, orDefault(maxInflight, DEFAULT_MAX_INFLIGHT));
        maxQueuedMessages = orDefault(maxQueuedMessages, DEFAULT_MAX_QUEUED);
        maxSessionExpirySeconds = maxSessionExpirySeconds <= 0 ? DEFAULT_MAX_SESSION_EXPIRY : maxSessionExpirySeconds;
        maxQueuedBytes = maxQueuedBytes <= 0 ? DEFAULT_MAX_QUEUED_BYTES : maxQueuedBytes;
        offlineMessageExpirySeconds = offlineMessageExpirySeconds <= 0 ? DEFAULT_OFFLINE_EXPIRY : offlineMessageExpirySeconds;
        maxKeepAliveSeconds = Math.min(65_535, orDefault(maxKeepAliveSeconds, DEFAULT_MAX_KEEP_ALIVE));
        topicAliasMaximum = Math.min(65_535, topicAliasMaximum < 0 ? 0 : orDefault(topicAliasMaximum, DEFAULT_TOPIC_ALIAS_MAXIMUM));
        connectTimeoutSeconds = orDefault(connectTimeoutSeconds, DEFAULT_CONNECT_TIMEOUT);
        // One lane per core: with two per core the lanes, the event loops and the load share few cores, and the
        // extra threads only add wake-ups and context switches (docs/benchmarks.md, "Where the CPU goes").
        lanes = lanes <= 0 ? Math.max(2, Runtime.getRuntime().availableProcessors()) : lanes;
        storage = storage == null ? StorageKind.MEMORY : storage;
        dataDir = dataDir == null || dataDir.isBlank() ? "data/broker" : dataDir;
        durability = durability == null ? Durability.SYNC : durability;
        writeBehindMillis = writeBehindMillis == null ? DEFAULT_WRITE_BEHIND_MILLIS : writeBehindMillis;
        if (writeBehindMillis < 0 || writeBehindMillis > 60_000) {
            throw new IllegalArgumentException("writeBehindMillis " + writeBehindMillis
                    + " must be between 0 (write every copy at once) and 60000");
        }
        slowClientTimeoutSeconds = orDefault(slowClientTimeoutSeconds, DEFAULT_SLOW_CLIENT_TIMEOUT);
        writeBufferHighWaterMark = orDefault(writeBufferHighWaterMark, DEFAULT_WRITE_BUFFER_HIGH);
        if (maxPacketSize > 268_435_455) {
            throw new IllegalArgumentException("maxPacketSize " + maxPacketSize + " exceeds MQTT's limit of 268435455 bytes");
        }
        for (String group : groups) {
            if (!group.matches("GID[-_][A-Za-z0-9_-]{1,60}")) {
                throw new IllegalArgumentException("group '" + group
                        + "' must be 5 to 64 letters, digits, '-' or '_' starting with GID_ or GID-");
            }
        }
        for (String parent : parentTopics) {
            if (!parent.matches("[a-z0-9_-]{1,64}")) {
                throw new IllegalArgumentException("parent topic '" + parent
                        + "' must be 1 to 64 letters, digits, '-' or '_'");
            }
        }
    }

    /** The defaults: seed naming, no groups or parent topics yet, an ephemeral port for embedding. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    private static int orDefault(int value, int fallback) {
        return value <= 0 ? fallback : value;
    }

    private static Set<String> lowerCase(Set<String> names) {
        Set<String> result = new TreeSet<>();
        names.forEach(n -> result.add(n.toLowerCase(Locale.ROOT)));
        return Set.copyOf(result);
    }

    /** Fluent construction for tests and embedding. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private NamingMode naming = NamingMode.SEED;
        private DuplicateClientIdPolicy duplicateClientId = DuplicateClientIdPolicy.TAKEOVER;
        private Set<String> groups = Set.of();
        private Set<String> parentTopics = Set.of();
        private int maxPacketSize;
        private int maxSubscriptionsPerClient;
        private int receiveMaximum;
        private int maxInflight;
        private int maxQueuedMessages;
        private long maxSessionExpirySeconds;
        private long maxQueuedBytes;
        private long offlineMessageExpirySeconds;
        private int maxKeepAliveSeconds;
        private int topicAliasMaximum;
        private int connectTimeoutSeconds;
        private int lanes;
        private StorageKind storage = StorageKind.MEMORY;
        private String dataDir;
        private Durability durability = Durability.SYNC;
        private Integer writeBehindMillis;
        private int slowClientTimeoutSeconds;
        private int writeBufferHighWaterMark;

        private Builder() {
        }

        private Builder(BrokerConfig c) {
            host = c.host; port = c.port; naming = c.naming; duplicateClientId = c.duplicateClientId;
            groups = c.groups; parentTopics = c.parentTopics; maxPacketSize = c.maxPacketSize;
            maxSubscriptionsPerClient = c.maxSubscriptionsPerClient; receiveMaximum = c.receiveMaximum;
            maxInflight = c.maxInflight;
            maxQueuedMessages = c.maxQueuedMessages; maxSessionExpirySeconds = c.maxSessionExpirySeconds;
            maxQueuedBytes = c.maxQueuedBytes; offlineMessageExpirySeconds = c.offlineMessageExpirySeconds;
            maxKeepAliveSeconds = c.maxKeepAliveSeconds;
            topicAliasMaximum = c.topicAliasMaximum; connectTimeoutSeconds = c.connectTimeoutSeconds; lanes = c.lanes;
            storage = c.storage; dataDir = c.dataDir; durability = c.durability; writeBehindMillis = c.writeBehindMillis;
            slowClientTimeoutSeconds = c.slowClientTimeoutSeconds; writeBufferHighWaterMark = c.writeBufferHighWaterMark;
        }

        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder naming(NamingMode v) { naming = v; return this; }
        public Builder duplicateClientId(DuplicateClientIdPolicy v) { duplicateClientId = v; return this; }
        public Builder groups(String... v) { groups = Set.of(v); return this; }
        public Builder parentTopics(String... v) { parentTopics = Set.of(v); return this; }
        public Builder maxPacketSize(int v) { maxPacketSize = v; return this; }
        public Builder maxSubscriptionsPerClient(int v) { maxSubscriptionsPerClient = v; return this; }
        public Builder receiveMaximum(int v) { receiveMaximum = v; return this; }
        public Builder maxInflight(int v) { maxInflight = v; return this; }
        public Builder maxQueuedMessages(int v) { maxQueuedMessages = v; return this; }
        public Builder maxSessionExpirySeconds(long v) { maxSessionExpirySeconds = v; return this; }
        public Builder maxQueuedBytes(long v) { maxQueuedBytes = v; return this; }
        public Builder offlineMessageExpirySeconds(long v) { offlineMessageExpirySeconds = v; return this; }
        public Builder maxKeepAliveSeconds(int v) { maxKeepAliveSeconds = v; return this; }
        public Builder topicAliasMaximum(int v) { topicAliasMaximum = v; return this; }
        public Builder connectTimeoutSeconds(int v) { connectTimeoutSeconds = v; return this; }
        public Builder lanes(int v) { lanes = v; return this; }
        public Builder storage(StorageKind v) { storage = v; return this; }
        public Builder dataDir(String v) { dataDir = v; return this; }
        public Builder durability(Durability v) { durability = v; return this; }
        public Builder writeBehindMillis(int v) { writeBehindMillis = v; return this; }
        public Builder slowClientTimeoutSeconds(int v) { slowClientTimeoutSeconds = v; return this; }
        public Builder writeBufferHighWaterMark(int v) { writeBufferHighWaterMark = v; return this; }

        public BrokerConfig build() {
            return new BrokerConfig(host, port, naming, duplicateClientId, groups, parentTopics, maxPacketSize,
                    maxSubscriptionsPerClient, receiveMaximum, maxInflight, maxQueuedMessages, maxSessionExpirySeconds,
                    maxQueuedBytes, offlineMessageExpirySeconds, maxKeepAliveSeconds, topicAliasMaximum,
                    connectTimeoutSeconds, lanes, storage, dataDir, durability, writeBehindMillis, slowClientTimeoutSeconds,
                    writeBufferHighWaterMark);
        }
    }
}
