package dev.esl.gateway.link;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One end of the ASH-like link of docs/serial-protocol.md: sliding window, cumulative acks, NAK and
 * go-back-N retransmission, adaptive ack timeout, reset handshake, "not ready" flow control. The host and the
 * dongle (simulator) run the same engine in their own role.
 *
 * <p>All state lives on one thread of its own; bytes come in from the port's reader thread through
 * {@link #receive}, messages go out through {@link #send}, and frames are written to the {@link ByteSink}
 * from the link thread.
 */
public final class LinkEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LinkEngine.class);

    public enum Role { HOST, DONGLE }

    /** Where the engine writes its bytes: the serial port, a pipe, a pacer. */
    @FunctionalInterface
    public interface ByteSink {
        void write(byte[] bytes) throws IOException;
    }

    private enum State { DOWN, RESETTING, UP }

    private record Sent(Frame.Data frame, long sentAtNanos, boolean retransmitted) {
    }

    private final Role role;
    private final String name;
    private final ByteSink sink;
    private final LinkListener listener;
    private final LinkSettings settings;
    private final LinkStats stats = new LinkStats();
    private final ScheduledExecutorService thread;
    private final FrameDecoder decoder;
    private final BadFrameLog badFrameLog;

    // Everything below is touched on the link thread only.
    private State state = State.DOWN;
    private int nextFrame;
    private final ReceiveWindow received = new ReceiveWindow();
    private boolean ackOwed;
    private boolean peerNotReady;
    private final ArrayDeque<Sent> unacked = new ArrayDeque<>();
    private final ArrayDeque<byte[]> outbox = new ArrayDeque<>();
    private long ackTimeoutNanos;
    private int consecutiveTimeouts;
    private ScheduledFuture<?> ackTimer;
    private ScheduledFuture<?> resetTimer;
    private int resetAttempts;
    /** Our last ACK or NAK told the peer "not ready"; read by {@link #caughtUp()} from other threads. */
    private volatile boolean notReadySent;

    public LinkEngine(Role role, String name, ByteSink sink, LinkListener listener, LinkSettings settings) {
        this.role = role;
        this.name = name;
        this.sink = sink;
        this.listener = listener;
        this.settings = settings;
        this.ackTimeoutNanos = settings.initialAckTimeout().toNanos();
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "link-" + name);
            t.setDaemon(true);
            return t;
        });
        this.badFrameLog = new BadFrameLog(name);
        this.decoder = new FrameDecoder(new FrameDecoder.Listener() {
            @Override
            public void frame(Frame frame) {
                run(() -> onFrame(frame));
            }

            @Override
            public void badFrame(String reason) {
                run(() -> onBadFrame(reason));
            }
        });
    }

    /** Host: begins the reset handshake. Dongle: sends RSTACK (power on) and takes no DATA before an RST. */
    public void start() {
        run(() -> {
            if (role == Role.HOST) {
                beginReset();
            } else {
                resetState();
                state = State.DOWN;
                write(new Frame.RstAck(Frame.VERSION, Frame.RstAck.POWER_ON));
            }
        });
    }

    /** Queues a message; it goes out in order once the window allows. Dropped if the link resets first. */
    public void send(byte[] message) {
        if (message.length > Frame.MAX_DATA) {
            throw new IllegalArgumentException("message of " + message.length + " bytes exceeds " + Frame.MAX_DATA);
        }
        run(() -> {
            if (state == State.UP) {
                outbox.add(message);
                pump();
            } else {
                log.debug("{}: link not up, message of {} bytes dropped", name, message.length);
            }
        });
    }

    /** Bytes read from the line; called by one reader thread. */
    public void receive(byte[] bytes, int offset, int count) {
        decoder.feed(bytes, offset, count);
    }

    /** Host: starts the reset handshake again (e.g. after a silent dongle). */
    public void reset(String reason) {
        run(() -> {
            if (role == Role.HOST) {
                log.warn("{}: resetting the link: {}", name, reason);
                listener.linkDown(reason);
                beginReset();
            }
        });
    }

    /** The user worked off some {@link LinkListener#backlog()}: a peer told "not ready" may go on once it is low. */
    public void caughtUp() {
        if (notReadySent) {
            run(() -> {
                if (state == State.UP && notReadySent && !notReady()) {
                    writeAck();
                }
            });
        }
    }

    public LinkStats stats() {
        return stats;
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }

    private void run(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("{}: link task failed", name, e);
                }
            });
        } catch (RejectedExecutionException closed) {
            // closed: nothing more to do
        }
    }

    private void onFrame(Frame frame) {
        stats.framesReceived.increment();
        if (frame instanceof Frame.Data data) {
            onData(data);
        } else if (frame instanceof Frame.Ack ack) {
            if (state == State.UP) {
                processAck(ack.ackNumber());
                peerNotReady = ack.notReady();
                pump();
            }
        } else if (frame instanceof Frame.Nak nak) {
            if (state == State.UP) {
                stats.naksReceived.increment();
                processAck(nak.ackNumber());
                peerNotReady = nak.notReady();
                retransmitUnacked();
                pump();
            }
        } else if (frame instanceof Frame.Rst) {
            onRst();
        } else if (frame instanceof Frame.RstAck ack) {
            onRstAck(ack);
        } else if (frame instanceof Frame.Error error) {
            onError(error);
        }
    }

    private void onRst() {
        if (role == Role.HOST) {
            log.warn("{}: ignoring RST from the dongle", name);
            return;
        }
        resetState();
        write(new Frame.RstAck(Frame.VERSION, Frame.RstAck.HOST_REQUEST));
        goUp(Frame.RstAck.HOST_REQUEST);
    }

    private void onRstAck(Frame.RstAck ack) {
        if (role == Role.DONGLE) {
            return;
        }
        if (ack.resetCode() != Frame.RstAck.HOST_REQUEST) {
            onDongleRestarted(ack.resetCode());
            return;
        }
        if (state == State.UP) {
            // A late answer to an RST we repeated: the dongle did reset, so whatever was in progress is gone.
            log.warn("{}: the dongle answered an earlier RST; unfinished work is replayed", name);
            listener.linkDown("dongle reset (code 0x" + Integer.toHexString(ack.resetCode()) + ")");
        }
        cancelResetTimer();
        resetState();
        goUp(ack.resetCode());
    }

    /** The dongle restarted by itself; it takes no DATA until it gets an RST, so the host sends one. */
    private void onDongleRestarted(int resetCode) {
        if (state == State.RESETTING) {
            // The dongle powered up while our RST was on its way (or lost). If the RST arrives, the dongle
            // answers it; if it was lost, the RST timer sends another. A second RST now would make the link
            // reset twice.
            log.debug("{}: dongle announced reset code 0x{} while our RST is outstanding", name,
                    Integer.toHexString(resetCode));
            return;
        }
        String reason = "dongle reset (code 0x" + Integer.toHexString(resetCode) + ")";
        log.warn("{}: {}; unfinished work is replayed after the link reset", name, reason);
        if (state == State.UP) {
            listener.linkDown(reason);
        }
        beginReset();
    }

    private void onError(Frame.Error error) {
        if (role == Role.DONGLE) {
            return;
        }
        if (state == State.RESETTING) {
            // Most likely 0x52 for DATA we sent before the dongle saw our RST: the RST on its way answers it.
            log.debug("{}: dongle reported link error 0x{} while our RST is outstanding", name,
                    Integer.toHexString(error.code()));
            return;
        }
        String reason = String.format("dongle reported link error 0x%02X", error.code());
        log.warn("{}: {}; resetting the link", name, reason);
        listener.linkDown(reason);
        beginReset();
    }

    private void onData(Frame.Data data) {
        if (state != State.UP) {
            if (role == Role.DONGLE) {
                write(new Frame.Error(Frame.VERSION, Frame.Error.NOT_RESET));
            }
            return;
        }
        processAck(data.ackNumber());
        switch (received.receive(data.frameNumber(), data.retransmit())) {
            case DELIVER -> {
                ackOwed = true;
                stats.messagesDelivered.increment();
                listener.message(data.payload());
            }
            case DUPLICATE -> {
                // Sent again because our ACK was lost: acknowledge it again.
                stats.duplicates.increment();
                ackOwed = true;
            }
            case NAK -> writeNak();
            case SILENT -> {
                // the NAK for this gap is already out
            }
        }
        pump();
        // A DATA frame may have carried the ack, but only an ACK carries "not ready": send one when it changed.
        if (state == State.UP && (ackOwed || notReady() != notReadySent)) {
            writeAck();
        }
    }

    private void onBadFrame(String reason) {
        stats.badFrames.increment();
        badFrameLog.report(reason);
        if (state == State.UP && received.damaged()) {
            writeNak();
        }
    }

    private void writeAck() {
        boolean notReady = notReady();
        notReadySent = notReady;
        ackOwed = false;
        write(new Frame.Ack(received.expected(), notReady));
    }

    private void writeNak() {
        boolean notReady = notReady();
        notReadySent = notReady;
        stats.naksSent.increment();
        write(new Frame.Nak(received.expected(), notReady));
    }

    /** Our user has more received messages waiting than it should: ask the peer to hold back new DATA. */
    private boolean notReady() {
        return listener.backlog() >= settings.notReadyBacklog();
    }

    /** Everything sent before {@code ackNumber} has arrived. Acks that name no frame we sent are ignored. */
    private void processAck(int ackNumber) {
        if (unacked.isEmpty()) {
            return;
        }
        int acked = (ackNumber - unacked.peekFirst().frame().frameNumber()) & 7;
        if (acked == 0 || acked > unacked.size()) {
            return;
        }
        Sent last = null;
        for (int i = 0; i < acked; i++) {
            last = unacked.removeFirst();
        }
        consecutiveTimeouts = 0;
        if (!last.retransmitted()) {
            adaptAckTimeout(System.nanoTime() - last.sentAtNanos());
        }
        restartAckTimer();
    }

    private void adaptAckTimeout(long rttNanos) {
        long adapted = ackTimeoutNanos * 7 / 8 + rttNanos / 2;
        ackTimeoutNanos = Math.max(settings.minAckTimeout().toNanos(),
                Math.min(settings.maxAckTimeout().toNanos(), adapted));
    }

    private void pump() {
        while (state == State.UP && !peerNotReady && unacked.size() < settings.window() && !outbox.isEmpty()) {
            Frame.Data frame = new Frame.Data(nextFrame, received.expected(), false, outbox.poll());
            nextFrame = (nextFrame + 1) & 7;
            unacked.add(new Sent(frame, System.nanoTime(), false));
            write(frame);
            ackOwed = false;
            // With nothing else unacknowledged, a running timer can only be the "not ready" one: time this frame.
            if (ackTimer == null || unacked.size() == 1) {
                restartAckTimer();
            }
        }
        if (peerNotReady && unacked.isEmpty() && !outbox.isEmpty() && ackTimer == null) {
            // The peer said "not ready": ask again after a timeout rather than wait forever for its next ACK.
            restartAckTimer();
        }
    }

    private void retransmitUnacked() {
        int count = unacked.size();
        for (int i = 0; i < count; i++) {
            Sent old = unacked.removeFirst();
            Frame.Data again = old.frame().retransmitted(received.expected());
            unacked.addLast(new Sent(again, System.nanoTime(), true));
            stats.retransmissions.increment();
            write(again);
            ackOwed = false;
        }
        restartAckTimer();
    }

    private void restartAckTimer() {
        if (ackTimer != null) {
            ackTimer.cancel(false);
            ackTimer = null;
        }
        if (!unacked.isEmpty() || (peerNotReady && !outbox.isEmpty())) {
            ackTimer = thread.schedule(() -> run(this::onAckTimeout), ackTimeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void onAckTimeout() {
        ackTimer = null;
        if (state != State.UP) {
            return;
        }
        if (unacked.isEmpty()) {
            peerNotReady = false;
            pump();
            return;
        }
        stats.timeouts.increment();
        consecutiveTimeouts++;
        if (consecutiveTimeouts >= settings.maxTimeouts()) {
            linkLost("no acknowledgement after " + consecutiveTimeouts + " ack timeouts");
            return;
        }
        ackTimeoutNanos = Math.min(settings.maxAckTimeout().toNanos(), ackTimeoutNanos * 2);
        retransmitUnacked();
    }

    private void linkLost(String reason) {
        log.warn("{}: link lost: {}", name, reason);
        if (role == Role.HOST) {
            listener.linkDown(reason);
            beginReset();
        } else {
            write(new Frame.Error(Frame.VERSION, Frame.Error.TOO_MANY_TIMEOUTS));
            resetState();
            state = State.DOWN;
            listener.linkDown(reason);
        }
    }

    private void beginReset() {
        resetState();
        state = State.RESETTING;
        resetAttempts = 0;
        sendRst();
    }

    private void sendRst() {
        resetTimer = null;
        if (state != State.RESETTING) {
            return;
        }
        if (resetAttempts >= settings.maxResets()) {
            state = State.DOWN;
            String reason = "no RSTACK after " + resetAttempts + " resets";
            log.warn("{}: {}", name, reason);
            listener.linkFailed(reason);
            return;
        }
        resetAttempts++;
        // CANCEL first so the dongle drops any half-received frame, then RST.
        if (writeBytes(new byte[] {FrameEncoder.CANCEL}) && write(new Frame.Rst())) {
            resetTimer = thread.schedule(() -> run(this::sendRst), settings.rstackTimeout().toNanos(),
                    TimeUnit.NANOSECONDS);
        }
    }

    private void cancelResetTimer() {
        if (resetTimer != null) {
            resetTimer.cancel(false);
            resetTimer = null;
        }
    }

    private void goUp(int resetCode) {
        state = State.UP;
        stats.resets.increment();
        log.info("{}: link up (reset code 0x{})", name, Integer.toHexString(resetCode));
        listener.linkUp(resetCode);
        pump();
    }

    private void resetState() {
        nextFrame = 0;
        received.reset();
        notReadySent = false;
        ackOwed = false;
        peerNotReady = false;
        unacked.clear();
        outbox.clear();
        consecutiveTimeouts = 0;
        ackTimeoutNanos = settings.initialAckTimeout().toNanos();
        if (ackTimer != null) {
            ackTimer.cancel(false);
            ackTimer = null;
        }
    }

    private boolean write(Frame frame) {
        stats.framesSent.increment();
        return writeBytes(FrameEncoder.encode(frame));
    }

    private boolean writeBytes(byte[] bytes) {
        try {
            sink.write(bytes);
            stats.bytesSent.add(bytes.length);
            return true;
        } catch (IOException e) {
            String reason = "write failed: " + e.getMessage();
            log.warn("{}: {}", name, reason);
            resetState();
            cancelResetTimer();
            state = State.DOWN;
            listener.linkFailed(reason);
            return false;
        }
    }
}
