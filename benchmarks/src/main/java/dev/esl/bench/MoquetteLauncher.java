package dev.esl.bench;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Moquette 0.17 in its own JVM so the benchmark measures it the way it measures the others: a separate
 * process, its own heap and RSS. {@code java -cp <benchmarks classpath> dev.esl.bench.MoquetteLauncher <port>}.
 */
public final class MoquetteLauncher {
    private static final Logger log = LoggerFactory.getLogger(MoquetteLauncher.class);

    private MoquetteLauncher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: MoquetteLauncher <port>");
            System.exit(2);
        }
        Server server = new Server();
        server.startServer(new MemoryConfig(properties(Integer.parseInt(args[0]))));
        log.info("Moquette listening on 127.0.0.1:{}", server.getPort());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stopServer();
            stopped.countDown();
        }, "moquette-shutdown"));
        stopped.await();
    }

    /** Property names are those of io.moquette.BrokerConstants in 0.17. */
    static Properties properties(int port) {
        Properties p = new Properties();
        p.setProperty("host", "127.0.0.1");
        p.setProperty("port", Integer.toString(port));
        p.setProperty("allow_anonymous", "true");
        // In memory, like the other targets: no H2 store for sessions and queues.
        p.setProperty("persistence_enabled", "false");
        // 0.17 phones home (telemetry.moquette.io) at start-up by default; a benchmark must not.
        p.setProperty("telemetry_enabled", "false");
        // Epoll, as our broker and Mosquitto use on Linux (Moquette defaults to NIO).
        p.setProperty("netty.epoll", "true");
        // The WebSocket listener is on by default in some versions; only TCP is compared.
        p.setProperty("websocket_port", "disabled");
        return p;
    }
}
