package dev.esl.tagmanager.it;

import dev.esl.broker.Broker;
import dev.esl.broker.config.BrokerConfig;
import dev.esl.broker.config.NamingMode;
import dev.esl.broker.config.StorageKind;
import java.nio.file.Path;

/** The real broker in-process on a free port, with the seed's rules and the contract's groups and parent topic. */
public final class TestBrokers {
    private TestBrokers() {
    }

    public static Broker inMemory() throws InterruptedException {
        return new Broker(seed().port(0).build()).start();
    }

    /** With its store on disk, so sessions and queued messages outlive a client's absence as in production. */
    public static Broker durable(Path dir) throws InterruptedException {
        return new Broker(seed().storage(StorageKind.ROCKSDB).dataDir(dir.toString()).port(0).build()).start();
    }

    private static BrokerConfig.Builder seed() {
        return BrokerConfig.builder().naming(NamingMode.SEED).groups("GID_AP", "GID_TAGMGR").parentTopics("esl");
    }
}
