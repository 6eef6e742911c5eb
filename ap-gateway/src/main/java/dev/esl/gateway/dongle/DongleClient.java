package dev.esl.gateway.dongle;

import dev.esl.gateway.dongle.HostCommand.Compression;
import dev.esl.gateway.link.Frame;
import dev.esl.gateway.link.LinkEngine;
import dev.esl.gateway.link.LinkListener;
import dev.esl.gateway.link.LinkStats;
import dev.esl.gateway.serial.LinePump;
import dev.esl.gateway.serial.SerialLine;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's side of its radio dongle: keeps a port open (reopening it with backoff when it fails), runs
 * the link on it, checks the dongle is alive, and turns image and command requests into application
 * messages. Image transfers are sent block by block, at most {@code transferWindow} blocks ahead of the
 * tag's acknowledgements, and blocks the tag missed are sent again.
 *
 * <p>Requests may come from any thread; state changes and listener calls happen on one event thread.
 */
public final class DongleClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DongleClient.class);

    /** Opens the line to the dongle: a serial port, a pty, a pipe. */
    @FunctionalInterface
    public interface LineOpener {
        SerialLine open() throws IOException;
    }

    private final String name;
    private final LineOpener opener;
    private final DongleSettings settings;
    private final DongleListener listener;
    private final ScheduledExecutorService events;
    private final AtomicLong lastHeardNanos = new AtomicLong(System.nanoTime());
    private final AtomicLong malformed = new AtomicLong();
    /** Messages the link handed over that the event thread has not handled yet: the link's "not ready" gauge. */
    private final AtomicInteger inbound = new AtomicInteger();

    // Event thread only.
    private SerialLine line;
    private LinkEngine engine;
    private LinePump pump;
    private volatile DongleMessage.Hello hello;
    private int blockSize;
    private final Map<Integer, ImageTransfer> transfers = new LinkedHashMap<>();
    private final Map<Integer, TagId> commands = new HashMap<>();
    private int nextRef = 1;
    private long pingToken;
    private Duration reopenDelay;
    private ScheduledFuture<?> helloTimer;
    private boolean closed;
    /** Counts line generations so callbacks of a line already closed are ignored. */
    private int generation;

    public DongleClient(String name, LineOpener opener, DongleSettings settings, DongleListener listener) {
        this.name = name;
        this.opener = opener;
        this.settings = settings;
        this.listener = listener;
        this.reopenDelay = settings.reopenInitial();
        this.events = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dongle-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        run(this::open);
        long period = Math.max(100, settings.silenceBeforePing().toMillis() / 5);
        events.scheduleWithFixedDelay(() -> run(this::checkSilence), period, period, TimeUnit.MILLISECONDS);
    }

    /** The dongle's HELLO while it is up; null while it is down. */
    public DongleMessage.Hello hello() {
        return hello;
    }

    public boolean isUp() {
        return hello != null;
    }

    /** Link counters of the current port, or null before the first open. */
    public LinkStats linkStats() {
        LinkEngine e = engine;
        return e == null ? null : e.stats();
    }

    public long malformedMessages() {
        return malformed.get();
    }

    /**
     * Starts sending an image to a tag; the outcome comes as {@link DongleListener#result} with the returned
     * ref (or never, if the dongle goes down first: {@link DongleListener#dongleDown}).
     */
    public int sendImage(TagId tag, byte[] data, String hash, Compression compression, int page) {
        int ref = allocateRef();
        run(() -> {
            if (!isUp()) {
                return;
            }
            HostCommand.ImageBegin begin = new HostCommand.ImageBegin(ref, tag, data.length, blockSize, hash,
                    compression, page);
            ImageTransfer transfer = new ImageTransfer(begin, data);
            transfers.put(ref, transfer);
            send(begin);
            pumpBlocks();
        });
        return ref;
    }

    public int sendLed(TagId tag, HostCommand.LedColor color, HostCommand.LedPattern pattern, int count,
            int durationMs) {
        int ref = allocateRef();
        command(ref, tag, new HostCommand.Led(ref, tag, color, pattern, count, durationMs));
        return ref;
    }

    public int sendPage(TagId tag, int page, int durationSeconds) {
        int ref = allocateRef();
        command(ref, tag, new HostCommand.Page(ref, tag, page, durationSeconds));
        return ref;
    }

    /** Gives a transfer or command up; no RESULT follows. */
    public void abort(int ref) {
        run(() -> {
            if (transfers.remove(ref) != null | commands.remove(ref) != null) {
                send(new HostCommand.Abort(ref));
                pumpBlocks();
            }
        });
    }

    /** Nothing more for this tag now: it may go back to sleep. */
    public void updateComplete(TagId tag) {
        run(() -> {
            if (isUp()) {
                send(new HostCommand.UpdateComplete(tag));
            }
        });
    }

    @Override
    public void close() {
        run(() -> {
            closed = true;
            closeLine();
        });
        events.shutdown();
        try {
            events.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.shutdownNow();
    }

    private void command(int ref, TagId tag, HostCommand command) {
        run(() -> {
            if (isUp()) {
                commands.put(ref, tag);
                send(command);
            }
        });
    }

    /**
     * Refs are 16 bits and skip 0. A ref comes round again only after 65,535 more requests, far more than
     * ever run at once, so no bookkeeping of refs in use is needed.
     */
    private synchronized int allocateRef() {
        int ref = nextRef;
        nextRef = nextRef == 0xFFFF ? 1 : nextRef + 1;
        return ref;
    }

    // ---- port and link supervision (event thread) ----

    private void open() {
        if (closed) {
            return;
        }
        int gen = ++generation;
        try {
            line = opener.open();
        } catch (IOException e) {
            log.warn("{}: cannot open the dongle's port: {}; trying again in {} ms", name, e.getMessage(),
                    reopenDelay.toMillis());
            scheduleReopen();
            return;
        }
        log.info("{}: port {} open, resetting the link", name, line.describe());
        Link link = new Link(gen);
        engine = new LinkEngine(LinkEngine.Role.HOST, name, line::write, link, settings.link());
        link.ownEngine = engine;
        pump = new LinePump(line, engine::receive, e -> run(() -> {
            if (gen == generation) {
                portFailed("port failed: " + e.getMessage());
            }
        })).start();
        engine.start();
    }

    private void portFailed(String reason) {
        log.warn("{}: {}; reopening in {} ms", name, reason, reopenDelay.toMillis());
        goDown(reason);
        closeLine();
        scheduleReopen();
    }

    private void scheduleReopen() {
        if (closed) {
            return;
        }
        events.schedule(() -> run(this::open), reopenDelay.toMillis(), TimeUnit.MILLISECONDS);
        Duration doubled = reopenDelay.multipliedBy(2);
        reopenDelay = doubled.compareTo(settings.reopenMax()) > 0 ? settings.reopenMax() : doubled;
    }

    private void closeLine() {
        generation++;
        if (pump != null) {
            pump.close();
            pump = null;
        }
        if (engine != null) {
            engine.close();
        }
        if (line != null) {
            line.close();
            line = null;
        }
        goDown("port closed");
    }

    private void goDown(String reason) {
        cancelHelloTimer();
        if (hello != null) {
            hello = null;
            log.warn("{}: dongle down: {} ({} transfers and {} commands lost)", name, reason, transfers.size(),
                    commands.size());
            transfers.clear();
            commands.clear();
            listener.dongleDown(reason);
        } else {
            transfers.clear();
            commands.clear();
        }
    }

    private void checkSilence() {
        if (engine == null || hello == null) {
            return;
        }
        long silentNanos = System.nanoTime() - lastHeardNanos.get();
        if (silentNanos > settings.silenceBeforePing().toNanos()) {
            // Unanswered, the PING ends in ack timeouts and a link reset.
            send(new HostCommand.Ping(++pingToken));
            lastHeardNanos.set(System.nanoTime());
        }
    }

    private void cancelHelloTimer() {
        if (helloTimer != null) {
            helloTimer.cancel(false);
            helloTimer = null;
        }
    }

    /** Link events, moved to the event thread and tied to one line generation. */
    private final class Link implements LinkListener {
        private final int gen;
        /** This line's engine; set before it starts, so the link thread sees it. */
        private LinkEngine ownEngine;

        Link(int gen) {
            this.gen = gen;
        }

        @Override
        public void linkUp(int resetCode) {
            lastHeardNanos.set(System.nanoTime());
            run(() -> {
                if (gen != generation) {
                    return;
                }
                goDown("link reset");
                cancelHelloTimer();
                helloTimer = events.schedule(() -> run(() -> {
                    if (gen == generation && hello == null && engine != null) {
                        engine.reset("no HELLO within " + settings.helloTimeout().toMillis() + " ms");
                    }
                }), settings.helloTimeout().toMillis(), TimeUnit.MILLISECONDS);
            });
        }

        @Override
        public void message(byte[] payload) {
            lastHeardNanos.set(System.nanoTime());
            inbound.incrementAndGet();
            run(() -> {
                inbound.decrementAndGet();
                ownEngine.caughtUp();
                if (gen == generation) {
                    onMessage(payload);
                }
            });
        }

        @Override
        public int backlog() {
            return inbound.get();
        }

        @Override
        public void linkDown(String reason) {
            run(() -> {
                if (gen == generation) {
                    goDown(reason);
                }
            });
        }

        @Override
        public void linkFailed(String reason) {
            run(() -> {
                if (gen == generation) {
                    portFailed(reason);
                }
            });
        }
    }

    // ---- messages (event thread) ----

    private void onMessage(byte[] payload) {
        DongleMessage message;
        try {
            message = MessageCodec.decodeDongleMessage(payload);
        } catch (MalformedMessageException e) {
            malformed.incrementAndGet();
            log.warn("{}: malformed message from the dongle: {}: {}", name, e.getMessage(),
                    HexFormat.of().formatHex(payload, 0, Math.min(payload.length, 64)));
            return;
        }
        if (message instanceof DongleMessage.Hello h) {
            onHello(h);
            return;
        }
        if (hello == null) {
            log.warn("{}: {} before HELLO ignored", name, message.getClass().getSimpleName());
            return;
        }
        if (message instanceof DongleMessage.CheckIn c) {
            listener.checkIn(c);
        } else if (message instanceof DongleMessage.BlockAck a) {
            ImageTransfer t = transfers.get(a.ref());
            if (t != null) {
                t.acknowledge(a.next());
                pumpBlocks();
            }
        } else if (message instanceof DongleMessage.BlockRequest r) {
            ImageTransfer t = transfers.get(r.ref());
            if (t != null) {
                for (int index : r.blocks()) {
                    if (t.valid(index)) {
                        send(t.block(index));
                    }
                }
            }
        } else if (message instanceof DongleMessage.Result r) {
            ImageTransfer t = transfers.remove(r.ref());
            TagId commandTag = commands.remove(r.ref());
            if (t != null) {
                pumpBlocks();
            }
            if (t == null && commandTag == null) {
                log.debug("{}: RESULT for unknown or aborted ref {}", name, r.ref());
                return;
            }
            listener.result(r.ref(), r.tag(), EslStatus.of(r.status()));
        } else if (message instanceof DongleMessage.Sensor s) {
            commands.remove(s.ref());
            listener.sensor(s);
        }
        // PONG only proves the dongle is alive, which lastHeardNanos already recorded.
    }

    private void onHello(DongleMessage.Hello h) {
        if (hello != null) {
            goDown("dongle said HELLO again");
        }
        cancelHelloTimer();
        blockSize = Math.min(settings.blockSize(),
                Math.min(h.maxMessage(), Frame.MAX_DATA) - HostCommand.ImageBlock.OVERHEAD);
        reopenDelay = settings.reopenInitial();
        hello = h;
        log.info("{}: dongle up: {} firmware {}, up to {} tags, {} transfers, {}-byte blocks", name,
                h.radio().label(), h.firmware(), h.maxTags(), h.maxTransfers(), blockSize);
        listener.dongleUp(h);
    }

    /**
     * Hands blocks to the link, one per transfer in turn, while fewer than {@code blocksInFlight} blocks await
     * their tags' acknowledgement.
     */
    private void pumpBlocks() {
        int inFlight = 0;
        for (ImageTransfer t : transfers.values()) {
            inFlight += t.inFlight();
        }
        boolean progress = true;
        while (progress && inFlight < settings.blocksInFlight()) {
            progress = false;
            for (ImageTransfer t : transfers.values()) {
                if (inFlight >= settings.blocksInFlight()) {
                    break;
                }
                int index = t.nextBlock(settings.transferWindow());
                if (index >= 0) {
                    send(t.block(index));
                    inFlight++;
                    progress = true;
                }
            }
        }
    }

    private void send(HostCommand command) {
        if (engine != null) {
            engine.send(command.encode());
        }
    }

    private void run(Runnable task) {
        try {
            events.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("{}: dongle task failed", name, e);
                }
            });
        } catch (RejectedExecutionException closedAlready) {
            // closed
        }
    }
}
