package dev.esl.broker.it;

import dev.esl.broker.Broker;
import dev.esl.broker.config.BrokerConfig;
import dev.esl.broker.config.NamingMode;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real broker on an ephemeral port for each test: {@code @RegisterExtension RunningBroker broker = RunningBroker.seed();}.
 * The seed configuration has the contract's groups (GID_AP, GID_TAGMGR) plus GID_TEST, and the parent
 * topics esl and test.
 */
public final class RunningBroker implements BeforeEachCallback, AfterEachCallback {
    private final BrokerConfig config;
    private Broker broker;

    private RunningBroker(BrokerConfig config) {
        this.config = config;
    }

    public static RunningBroker seed() {
        return seed(b -> b);
    }

    public static RunningBroker seed(UnaryOperator<BrokerConfig.Builder> tweak) {
        return new RunningBroker(tweak.apply(BrokerConfig.builder()
                .naming(NamingMode.SEED)
                .groups("GID_AP", "GID_TAGMGR", "GID_TEST")
                .parentTopics("esl", "test")).build());
    }

    /** The seed configuration on a RocksDB store in {@code dataDir}: restarts keep everything. */
    public static RunningBroker durable(java.nio.file.Path dataDir) {
        return seed(b -> b.storage(dev.esl.broker.config.StorageKind.ROCKSDB).dataDir(dataDir.toString()));
    }

    public static RunningBroker plain() {
        return plain(b -> b);
    }

    public static RunningBroker plain(UnaryOperator<BrokerConfig.Builder> tweak) {
        return new RunningBroker(tweak.apply(BrokerConfig.builder().naming(NamingMode.PLAIN)).build());
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        broker = new Broker(config).start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (broker != null) {
            broker.stop();
        }
    }

    public int port() {
        return broker.port();
    }

    public String tcpUri() {
        return "tcp://127.0.0.1:" + port();
    }

    public Broker broker() {
        return broker;
    }

    /** Stops and starts the broker on the same port (the in-memory store loses its sessions). */
    public void restart() throws InterruptedException {
        int port = broker.port();
        broker.stop();
        broker = new Broker(config.toBuilder().port(port).build()).start();
    }
}
