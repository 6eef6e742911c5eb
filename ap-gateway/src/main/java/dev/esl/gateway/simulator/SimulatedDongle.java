package dev.esl.gateway.simulator;

import dev.esl.gateway.dongle.DongleClient.LineOpener;
import dev.esl.gateway.dongle.DongleMessage;
import dev.esl.gateway.dongle.EslStatus;
import dev.esl.gateway.dongle.HostCommand;
import dev.esl.gateway.dongle.MalformedMessageException;
import dev.esl.gateway.dongle.MessageCodec;
import dev.esl.gateway.dongle.TagId;
import dev.esl.gateway.link.LinkEngine;
import dev.esl.gateway.link.LinkListener;
import dev.esl.gateway.link.LinkSettings;
import dev.esl.gateway.serial.LinePump;
import dev.esl.gateway.serial.SerialLine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a radio dongle and its tags on the far end of a serial line, per docs/serial-protocol.md: tags wake
 * on their interval and check in; image blocks go over a simulated radio with airtime and loss; the tag
 * checks the image's hash and shows it; LED, page, refresh and sensor commands are answered. When the line
 * fails the dongle keeps its tags, reopens the line with backoff and announces itself again.
 */
public final class SimulatedDongle implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SimulatedDongle.class);

    private final SimulatorSettings settings;
    private final LineOpener opener;
    private final Map<TagId, SimulatedTag> tags = new LinkedHashMap<>();
    private final ScheduledExecutorService thread;
    private final Random random;
    private final long startedMillis = System.currentTimeMillis();

    private final AtomicLong blocksReceived = new AtomicLong();
    private final AtomicLong blocksLost = new AtomicLong();
    private final AtomicLong imagesShown = new AtomicLong();
    private final AtomicLong imageBytesShown = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong hellos = new AtomicLong();
    private final AtomicLong queueFullRefusals = new AtomicLong();
    /** Commands the link handed over that the dongle thread has not handled yet: the link's "not ready" gauge. */
    private final AtomicInteger inbound = new AtomicInteger();

    // Dongle thread only.
    private SerialLine line;
    private LinkEngine engine;
    private LinePump pump;
    private volatile boolean up;
    private volatile boolean silent;
    private boolean closed;
    private int generation;
    private long reopenDelayMillis = 200;
    private long radioFreeAtNanos = System.nanoTime();
    private final Map<Integer, SimTransfer> transfers = new HashMap<>();

    public SimulatedDongle(SimulatorSettings settings, LineOpener opener) {
        this.settings = settings;
        this.opener = opener;
        this.random = new Random(settings.seed());
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sim-dongle");
            t.setDaemon(true);
            return t;
        });
        // Closing drops the tags' next wake-ups rather than waiting for them (close took 5 s, the await's limit).
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.thread = executor;
        createTags();
    }

    public SimulatedDongle start() {
        run(this::open);
        long interval = settings.wakeInterval().toMillis();
        for (SimulatedTag tag : tags.values()) {
            scheduleWake(tag, (long) (random.nextDouble() * interval));
        }
        return this;
    }

    public List<SimulatedTag> tags() {
        return List.copyOf(tags.values());
    }

    public SimulatedTag tag(TagId id) {
        return tags.get(id);
    }

    public long blocksReceived() {
        return blocksReceived.get();
    }

    public long blocksLost() {
        return blocksLost.get();
    }

    public long imagesShown() {
        return imagesShown.get();
    }

    /** Bytes (as sent, compressed) of the images tags showed. */
    public long imageBytesShown() {
        return imageBytesShown.get();
    }

    public long malformedMessages() {
        return malformed.get();
    }

    /** IMAGE_BEGINs refused with 0x0B queue full: more transfers at once than the dongle runs. */
    public long queueFullRefusals() {
        return queueFullRefusals.get();
    }

    /** HELLOs sent: one per link start. */
    public long hellos() {
        return hellos.get();
    }

    /** The dongle restarts by itself (watchdog): forgets its transfers and announces RSTACK. */
    public void resetItself() {
        run(() -> {
            transfers.clear();
            up = false;
            if (engine != null) {
                engine.start();
            }
        });
    }

    /** A hung dongle: it stops reading and answering until {@code silent} is false again. */
    public void silent(boolean value) {
        run(() -> silent = value);
    }

    @Override
    public void close() {
        run(() -> {
            closed = true;
            closeLine();
        });
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.shutdownNow();
    }

    // ---- tags ----

    private void createTags() {
        List<Panel> panels = settings.panels().assign(settings.tags());
        long vanishWindow = 2 * settings.wakeInterval().toMillis();
        for (int i = 0; i < settings.tags(); i++) {
            TagId id = new TagId(0x0A1B000000000000L | (settings.seed() & 0xFF) << 32 | i);
            boolean low = random.nextDouble() < settings.lowBatteryFraction();
            boolean vanishes = random.nextDouble() < settings.vanishFraction();
            int battery = low ? 2100 + random.nextInt(150) : 2700 + random.nextInt(400);
            int signal = settings.radio() == DongleMessage.Radio.BLE ? -45 - random.nextInt(45) : 120 + random.nextInt(135);
            long vanishAt = vanishes ? startedMillis + (long) (random.nextDouble() * vanishWindow) : Long.MAX_VALUE;
            tags.put(id, new SimulatedTag(id, panels.get(i), battery, 180 + random.nextInt(60), signal,
                    vanishAt));
        }
    }

    private void scheduleWake(SimulatedTag tag, long delayMillis) {
        try {
            thread.schedule(() -> run(() -> wake(tag)), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closedAlready) {
            // closed
        }
    }

    private void wake(SimulatedTag tag) {
        long now = System.currentTimeMillis();
        if (closed || tag.vanished(now)) {
            return;
        }
        if (up && !silent) {
            tag.awakeUntilMillis = now + settings.awakeMs();
            tag.checkedIn();
            Panel p = tag.panel();
            send(new DongleMessage.CheckIn(tag.id(), tag.batteryMv(), tag.temperatureDeciC(), tag.signal(),
                    "2.1.0", tag.imageHash(), p.width, p.height, p.colors, settings.awakeMs()));
        }
        long interval = settings.wakeInterval().toMillis();
        scheduleWake(tag, interval * 9 / 10 + (long) (random.nextDouble() * interval / 5));
    }

    // ---- line ----

    private void open() {
        if (closed) {
            return;
        }
        int gen = ++generation;
        try {
            line = opener.open();
        } catch (IOException e) {
            log.warn("simulator: cannot open the line: {}; again in {} ms", e.getMessage(), reopenDelayMillis);
            scheduleReopen();
            return;
        }
        reopenDelayMillis = 200;
        Link link = new Link(gen);
        engine = new LinkEngine(LinkEngine.Role.DONGLE, "sim", line::write, link, LinkSettings.defaults());
        link.ownEngine = engine;
        LinkEngine e = engine;
        pump = new LinePump(line, (b, o, n) -> {
            if (!silent) {
                e.receive(b, o, n);
            }
        }, ex -> run(() -> {
            if (gen == generation) {
                log.warn("simulator: line failed ({}); reopening", ex.getMessage());
                closeLine();
                scheduleReopen();
            }
        })).start();
        log.info("simulator: {} tags on {}", tags.size(), line.describe());
        engine.start();
    }

    private void scheduleReopen() {
        if (!closed) {
            thread.schedule(() -> run(this::open), reopenDelayMillis, TimeUnit.MILLISECONDS);
            reopenDelayMillis = Math.min(5000, reopenDelayMillis * 2);
        }
    }

    private void closeLine() {
        generation++;
        up = false;
        transfers.clear();
        if (pump != null) {
            pump.close();
            pump = null;
        }
        if (engine != null) {
            engine.close();
            engine = null;
        }
        if (line != null) {
            line.close();
            line = null;
        }
    }

    private final class Link implements LinkListener {
        private final int gen;
        /** This line's engine; set before it starts, so the link thread sees it. */
        private LinkEngine ownEngine;

        Link(int gen) {
            this.gen = gen;
        }

        @Override
        public void linkUp(int resetCode) {
            run(() -> {
                if (gen != generation) {
                    return;
                }
                transfers.clear();
                up = true;
                hellos.incrementAndGet();
                send(new DongleMessage.Hello(1, settings.radio(), settings.firmware(), Math.max(settings.tags(), 1),
                        settings.maxMessage(), settings.maxTransfers()));
            });
        }

        @Override
        public void message(byte[] payload) {
            inbound.incrementAndGet();
            run(() -> {
                inbound.decrementAndGet();
                ownEngine.caughtUp();
                if (gen == generation && !silent) {
                    onCommand(payload);
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
                    up = false;
                    transfers.clear();
                }
            });
        }
    }

    // ---- commands ----

    private void onCommand(byte[] payload) {
        HostCommand command;
        try {
            command = MessageCodec.decodeHostCommand(payload);
        } catch (MalformedMessageException e) {
            malformed.incrementAndGet();
            log.warn("simulator: malformed command: {}: {}", e.getMessage(),
                    HexFormat.of().formatHex(payload, 0, Math.min(payload.length, 64)));
            answerMalformed(payload, e);
            return;
        }
        long now = System.currentTimeMillis();
        if (command instanceof HostCommand.ImageBegin b) {
            begin(b, now);
        } else if (command instanceof HostCommand.ImageBlock b) {
            block(b);
        } else if (command instanceof HostCommand.Led led) {
            simpleCommand(led.ref(), led.tag(), now, t -> t.lowBattery() ? EslStatus.INSUFFICIENT_BATTERY : null,
                    SimulatedTag::flash);
        } else if (command instanceof HostCommand.Page p) {
            simpleCommand(p.ref(), p.tag(), now, t -> t.switchRefusal(p.page()), t -> t.switchTo(p.page()));
        } else if (command instanceof HostCommand.Refresh r) {
            simpleCommand(r.ref(), r.tag(), now, t -> null, t -> { });
        } else if (command instanceof HostCommand.ReadSensor s) {
            SimulatedTag tag = tags.get(s.tag());
            if (tag == null || !tag.awake(now)) {
                send(new DongleMessage.Result(s.ref(), s.tag(), EslStatus.TAG_UNREACHABLE.code()));
            } else {
                int value = s.sensor() == 0 ? tag.batteryMv() : tag.temperatureDeciC();
                send(new DongleMessage.Sensor(s.ref(), s.tag(), s.sensor(), value));
            }
        } else if (command instanceof HostCommand.Ping p) {
            send(new DongleMessage.Pong(p.token()));
        } else if (command instanceof HostCommand.Abort a) {
            transfers.remove(a.ref());
        } else if (command instanceof HostCommand.UpdateComplete u) {
            SimulatedTag tag = tags.get(u.tag());
            if (tag != null) {
                tag.awakeUntilMillis = now;
            }
        }
    }

    private void answerMalformed(byte[] payload, MalformedMessageException e) {
        int ref = e.ref();
        int status = EslStatus.INVALID_PARAMETERS.code();
        if (ref < 0 && payload.length >= 3) {
            // Unknown opcode: every host command starts with a ref, so quote what is there.
            ref = (payload[1] & 0xFF) << 8 | (payload[2] & 0xFF);
            status = EslStatus.INVALID_OPCODE.code();
        }
        if (ref >= 0) {
            send(new DongleMessage.Result(ref, new TagId(0), status));
        }
    }

    /** A one-message command: the tag must be awake, then {@code refusal} says why it cannot do it, or null. */
    private void simpleCommand(int ref, TagId id, long now, Function<SimulatedTag, EslStatus> refusal,
            Consumer<SimulatedTag> action) {
        SimulatedTag tag = tags.get(id);
        EslStatus refused = tag == null || !tag.awake(now) ? EslStatus.TAG_UNREACHABLE : refusal.apply(tag);
        if (refused != null) {
            send(new DongleMessage.Result(ref, id, refused.code()));
            return;
        }
        long airtimeNanos = settings.blockAirtime().toNanos();
        afterRadio(airtimeNanos, () -> {
            action.accept(tag);
            tag.awakeUntilMillis = System.currentTimeMillis() + settings.awakeMs();
            send(new DongleMessage.Result(ref, id, EslStatus.DONE.code()));
        });
    }

    private void begin(HostCommand.ImageBegin b, long now) {
        SimulatedTag tag = tags.get(b.tag());
        EslStatus refusal = null;
        if (tag == null || !tag.awake(now)) {
            refusal = EslStatus.TAG_UNREACHABLE;
        } else if (tag.lowBattery()) {
            refusal = EslStatus.INSUFFICIENT_BATTERY;
        } else if (SimulatedTag.pageRefusal(b.page()) != null) {
            refusal = SimulatedTag.pageRefusal(b.page());
        } else if (transfers.size() >= settings.acceptedTransfers()) {
            queueFullRefusals.incrementAndGet();
            refusal = EslStatus.QUEUE_FULL;
        } else if (b.blockSize() + HostCommand.ImageBlock.OVERHEAD > settings.maxMessage()) {
            refusal = EslStatus.INVALID_PARAMETERS;
        }
        if (refusal != null) {
            send(new DongleMessage.Result(b.ref(), b.tag(), refusal.code()));
            return;
        }
        transfers.put(b.ref(), new SimTransfer(b, tag));
    }

    private void block(HostCommand.ImageBlock block) {
        SimTransfer transfer = transfers.get(block.ref());
        if (transfer == null) {
            return; // aborted, or forgotten in a reset: the host knows
        }
        afterRadio(settings.blockAirtime().toNanos(), () -> deliver(transfer, block));
    }

    /** The radio sends one thing at a time: each block waits for the air to be free. */
    private void afterRadio(long airtimeNanos, Runnable then) {
        long now = System.nanoTime();
        radioFreeAtNanos = Math.max(radioFreeAtNanos, now) + airtimeNanos;
        long delay = radioFreeAtNanos - now;
        if (delay <= 0) {
            then.run();
        } else {
            thread.schedule(() -> run(then), delay, TimeUnit.NANOSECONDS);
        }
    }

    private void deliver(SimTransfer transfer, HostCommand.ImageBlock block) {
        int ref = transfer.begin.ref();
        if (transfers.get(ref) != transfer) {
            return;
        }
        SimulatedTag tag = transfer.tag;
        long now = System.currentTimeMillis();
        if (tag.vanished(now)) {
            transfers.remove(ref);
            send(new DongleMessage.Result(ref, tag.id(), EslStatus.TAG_UNREACHABLE.code()));
            return;
        }
        if (settings.blockLossRate() > 0 && random.nextDouble() < settings.blockLossRate()) {
            blocksLost.incrementAndGet();
            send(new DongleMessage.BlockRequest(ref, List.of(block.index())));
            return;
        }
        if (!transfer.store(block)) {
            transfers.remove(ref);
            send(new DongleMessage.Result(ref, tag.id(), EslStatus.INVALID_IMAGE_INDEX.code()));
            return;
        }
        blocksReceived.incrementAndGet();
        tag.awakeUntilMillis = now + settings.awakeMs();
        send(new DongleMessage.BlockAck(ref, transfer.contiguous()));
        if (transfer.complete()) {
            transfers.remove(ref);
            thread.schedule(() -> run(() -> display(transfer)), settings.displayTime().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void display(SimTransfer transfer) {
        if (!up) {
            return; // the link reset while the panel refreshed: the host no longer waits for this RESULT
        }
        SimulatedTag tag = transfer.tag;
        HostCommand.ImageBegin b = transfer.begin;
        String hash = transfer.unpackedHash();
        if (hash == null || !hash.equalsIgnoreCase(b.hash())) {
            log.warn("simulator: image for tag {} does not match its hash {} (got {})", tag.id(), b.hash(), hash);
            send(new DongleMessage.Result(b.ref(), tag.id(), EslStatus.IMAGE_CORRUPT.code()));
            return;
        }
        tag.show(b.page(), b.hash().toLowerCase());
        tag.awakeUntilMillis = System.currentTimeMillis() + settings.awakeMs();
        imagesShown.incrementAndGet();
        imageBytesShown.addAndGet(b.totalBytes());
        send(new DongleMessage.Result(b.ref(), tag.id(), EslStatus.DONE.code()));
    }

    private void send(DongleMessage message) {
        if (engine != null && up) {
            engine.send(message.encode());
        }
    }

    private void run(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("simulator task failed", e);
                }
            });
        } catch (RejectedExecutionException closedAlready) {
            // closed
        }
    }

    /** Counters for progress lines. */
    public String progress() {
        long now = System.currentTimeMillis();
        int checkedIn = 0;
        for (SimulatedTag t : tags.values()) {
            if (t.checkIns() > 0) {
                checkedIn++;
            }
        }
        List<String> parts = new ArrayList<>();
        parts.add(checkedIn + "/" + tags.size() + " tags heard");
        parts.add(imagesShown() + " images shown");
        parts.add(blocksReceived() + " blocks (" + blocksLost() + " lost on the radio)");
        parts.add("link " + (up ? "up" : "down"));
        return String.join(", ", parts) + " at " + (now - startedMillis) / 1000 + " s";
    }
}
