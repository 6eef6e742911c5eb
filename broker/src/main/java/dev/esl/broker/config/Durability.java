package dev.esl.broker.config;

/** When a QoS 1/2 PUBLISH is acknowledged, with the RocksDB store. */
public enum Durability {
    /** After the write-ahead log is synced to disk (group commit): nothing acknowledged is lost, even on power loss. */
    SYNC,
    /**
     * After the write reached the operating system: survives a broker crash (kill -9) but may lose the last
     * moments of acknowledged messages on power loss or a kernel crash.
     */
    ASYNC
}
