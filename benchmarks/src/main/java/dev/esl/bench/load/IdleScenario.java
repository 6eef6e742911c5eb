package dev.esl.bench.load;

import dev.esl.bench.brokers.ProcLimits;
import dev.esl.bench.brokers.ProcMemory;
import dev.esl.bench.brokers.RunningBroker;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens many MQTT connections that then sit idle (keep-alive, nothing subscribed) and charges the broker's
 * RSS growth to them. Clients connect from several loopback addresses (127.0.0.2, 127.0.0.3, ...) because
 * one source address has only ~28,000 ephemeral ports towards the broker's one port. A JVM cannot be asked
 * to collect garbage from outside, so both RSS readings are taken after the same settle pause; heap the JVM
 * reserved and has not returned counts, as it would in production.
 */
public final class IdleScenario {
    private static final Logger log = LoggerFactory.getLogger(IdleScenario.class);

    /** Open files a process needs beyond one per connection (jars, logs, epoll, the RocksDB files). */
    static final int SPARE_FILES = 1_000;

    private final LoadSettings settings;

    public IdleScenario(LoadSettings settings) {
        this.settings = settings;
    }

    /**
     * Why {@code n} connections cannot be held here, or null: each is a file in this JVM and one in the broker,
     * which inherits this JVM's open-files limit.
     */
    public static String cannotHold(int n) {
        long limit = ProcLimits.openFiles(ProcessHandle.current().pid());
        if (limit >= 0 && limit < n + SPARE_FILES) {
            return String.format("open files limit %,d, needs about %,d (raise the hard limit: ulimit -Hn, as "
                    + "root with CAP_SYS_RESOURCE)", limit, n + SPARE_FILES);
        }
        return null;
    }

    public IdleResult run(RunningBroker broker, int n) throws IOException, InterruptedException {
        String prefix = broker.name() + " idle-" + n;
        // Each run takes source addresses no earlier run used: the ports of closed connections wait in TIME_WAIT
        // for a minute, and a second run from the same address failed with "Address already in use".
        int addresses = (n - 1) / settings.perSourceAddress() + 1;
        int firstAddress = nextFreeAddress.getAndAdd(addresses);
        if (firstAddress + addresses + 2 > 255) {
            throw new IllegalArgumentException(n + " connections need more source addresses than 127.0.0.254 has left");
        }
        Thread.sleep(settings.settle().toMillis());
        ProcMemory before = broker.memory();

        EventLoopGroup loops = new NioEventLoopGroup(2);
        ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        AtomicInteger connected = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        // A bounded number of CONNECTs in flight, like a fleet of devices reconnecting, not one SYN flood.
        Semaphore window = new Semaphore(settings.connectConcurrency());
        Bootstrap bootstrap = new Bootstrap().group(loops).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .option(ChannelOption.TCP_NODELAY, true);
        InetSocketAddress remote = new InetSocketAddress("127.0.0.1", broker.port());
        long start = System.nanoTime();
        Progress progress = new Progress(prefix,
                () -> "connected " + connected.get() + "/" + n + ", failed " + failed.get());
        try {
            for (int i = 0; i < n; i++) {
                if (!window.tryAcquire(settings.stallTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    firstError.compareAndSet(null, "no CONNACK within " + settings.stallTimeout().toSeconds() + " s");
                    break;
                }
                IdleClientHandler client = new IdleClientHandler("idle-" + i, settings.idleKeepAliveSeconds());
                client.connected().whenComplete((ok, e) -> {
                    if (e == null) {
                        connected.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        firstError.compareAndSet(null, e.toString());
                    }
                    window.release();
                });
                ChannelFuture f = bootstrap.clone().handler(client)
                        .connect(remote, new InetSocketAddress(sourceAddress(firstAddress + i / settings.perSourceAddress()), 0));
                channels.add(f.channel());
                f.addListener(c -> {
                    if (!c.isSuccess()) {
                        client.connected().completeExceptionally(c.cause());
                    }
                });
            }
            // Wait for the answers still outstanding.
            window.tryAcquire(settings.connectConcurrency(), settings.stallTimeout().toMillis(), TimeUnit.MILLISECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            log.info("[{}] {} connected in {} s, {} failed", prefix, connected.get(), String.format("%.2f", seconds),
                    failed.get());

            Thread.sleep(settings.settle().toMillis());
            broker.requireAlive();
            ProcMemory after = broker.memory();
            int open = (int) channels.stream().filter(c -> c.isActive()).count();
            return new IdleResult(n, connected.get(), open, seconds, before.rssKb(), after.rssKb(), firstError.get());
        } finally {
            progress.close();
            channels.close().awaitUninterruptibly(30, TimeUnit.SECONDS);
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    private static final AtomicInteger nextFreeAddress = new AtomicInteger();

    /** 127.0.0.2, 127.0.0.3, ... */
    private static InetAddress sourceAddress(int index) throws IOException {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + index)});
    }
}
