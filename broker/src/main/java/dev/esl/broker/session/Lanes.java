package dev.esl.broker.session;

import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single-threaded lanes, one chosen per client ID by hash: all work on a session runs on its lane, in
 * order, so session state needs no locks and storage never blocks a Netty event loop.
 */
public final class Lanes {
    private static final Logger log = LoggerFactory.getLogger(Lanes.class);
    private final EventExecutor[] executors;

    public Lanes(int count) {
        executors = new EventExecutor[count];
        DefaultThreadFactory threads = new DefaultThreadFactory("session-lane", true);
        for (int i = 0; i < count; i++) {
            executors[i] = new DefaultEventExecutor(threads);
        }
    }

    private EventExecutor lane(String clientId) {
        return executors[Math.floorMod(clientId.hashCode(), executors.length)];
    }

    /** Runs {@code task} on the client's lane, after everything already queued there. */
    public void execute(String clientId, Runnable task) {
        EventExecutor lane = lane(clientId);
        if (lane.isShuttingDown()) {
            log.debug("Broker stopping: dropped work for {}", clientId); // connections closing at shutdown
            return;
        }
        lane.execute(guarded(clientId, task));
    }

    /** Runs {@code task} now when already on the client's lane, keeping call order; otherwise queues it. */
    public void run(String clientId, Runnable task) {
        EventExecutor lane = lane(clientId);
        if (lane.inEventLoop()) {
            guarded(clientId, task).run();
        } else {
            lane.execute(guarded(clientId, task));
        }
    }

    public ScheduledFuture<?> schedule(String clientId, Runnable task, long delay, TimeUnit unit) {
        return lane(clientId).schedule(guarded(clientId, task), delay, unit);
    }

    public boolean inLane(String clientId) {
        return lane(clientId).inEventLoop();
    }

    public void shutdown() {
        for (EventExecutor e : executors) {
            e.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
        for (EventExecutor e : executors) {
            Future<?> f = e.terminationFuture();
            f.awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    private static Runnable guarded(String clientId, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                log.error("Unexpected failure while handling client {}", clientId, e);
            }
        };
    }
}
