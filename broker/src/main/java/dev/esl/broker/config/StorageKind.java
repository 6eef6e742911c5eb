package dev.esl.broker.config;

/** Where sessions, queues and retained messages live. */
public enum StorageKind {
    /** In memory: lost on restart. For tests, embedding and throw-away brokers. */
    MEMORY,
    /** RocksDB under {@code dataDir}: survives restarts and crashes. */
    ROCKSDB
}
