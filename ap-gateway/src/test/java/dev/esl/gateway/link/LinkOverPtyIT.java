package dev.esl.gateway.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.esl.gateway.serial.JSerialCommLine;
import dev.esl.gateway.serial.LinePump;
import dev.esl.gateway.serial.PtyPair;
import dev.esl.gateway.serial.SerialLine;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The link layer over a real pty pair (socat) through jSerialComm: delivery, every error path, recovery. */
class LinkOverPtyIT {
    @TempDir
    Path dir;
    private PtyPair pty;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void plug() throws IOException {
        pty = PtyPair.create(dir.resolve("pty"));
    }

    @AfterEach
    void unplug() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        pty.close();
    }

    @Test
    void messagesFlowBothWaysInOrderExactlyOnce() throws Exception {
        Endpoint host = endpoint(LinkEngine.Role.HOST, open(pty.hostEnd()), LinkSettings.defaults());
        Endpoint dongle = endpoint(LinkEngine.Role.DONGLE, open(pty.dongleEnd()), LinkSettings.defaults());
        dongle.engine.start();
        host.engine.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> host.ups.get() > 0 && dongle.ups.get() > 0);

        List<String> toDongle = messages("h", 1500, 600);
        List<String> toHost = messages("d", 1500, 300);
        toDongle.forEach(m -> host.engine.send(m.getBytes()));
        toHost.forEach(m -> dongle.engine.send(m.getBytes()));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> dongle.received.size() >= toDongle.size() && host.received.size() >= toHost.size());
        assertThat(dongle.received).containsExactlyElementsOf(toDongle);
        assertThat(host.received).containsExactlyElementsOf(toHost);
        assertThat(host.engine.stats().badFrames()).isZero();
    }

    @Test
    void aLineThatCorruptsAndDropsBytesStillDeliversEverythingInOrder() throws Exception {
        Random random = new Random(3);
        Endpoint host = endpoint(LinkEngine.Role.HOST, new NoisyLine(open(pty.hostEnd()), random, 0.0003),
                fastSettings());
        Endpoint dongle = endpoint(LinkEngine.Role.DONGLE, new NoisyLine(open(pty.dongleEnd()), random, 0.0003),
                fastSettings());
        dongle.engine.start();
        host.engine.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> host.ups.get() > 0);

        List<String> toDongle = messages("h", 800, 400);
        List<String> toHost = messages("d", 800, 100);
        toDongle.forEach(m -> host.engine.send(m.getBytes()));
        toHost.forEach(m -> dongle.engine.send(m.getBytes()));

        await().atMost(Duration.ofSeconds(90))
                .until(() -> dongle.received.size() >= toDongle.size() && host.received.size() >= toHost.size());
        assertThat(dongle.received).containsExactlyElementsOf(toDongle);
        assertThat(host.received).containsExactlyElementsOf(toHost);
        LinkStats h = host.engine.stats();
        LinkStats d = dongle.engine.stats();
        assertThat(h.badFrames() + d.badFrames()).as("corrupt frames seen").isPositive();
        assertThat(h.retransmissions() + d.retransmissions()).as("retransmissions").isPositive();
        assertThat(h.resets()).as("the link never had to be reset").isEqualTo(1);
    }

    @Test
    void hostAnswersEveryDefectOfTheDongleSide() throws Exception {
        Endpoint host = endpoint(LinkEngine.Role.HOST, open(pty.hostEnd()), fastSettings());
        RawPeer dongle = raw(pty.dongleEnd());
        host.engine.start();

        // Reset handshake: CANCEL then RST; RSTACK brings the link up.
        assertThat(dongle.next(2000)).isEqualTo(new Frame.Rst());
        dongle.send(new Frame.RstAck(2, Frame.RstAck.HOST_REQUEST));
        await().until(() -> host.ups.get() == 1);

        dongle.send(new Frame.Data(0, 0, false, "m0".getBytes()));
        assertThat(dongle.next(1000)).isEqualTo(new Frame.Ack(1, false));

        // Out of order: frame 2 while 1 is expected -> one NAK(1), then silence for more out-of-order frames.
        dongle.send(new Frame.Data(2, 0, false, "m2".getBytes()));
        assertThat(dongle.next(1000)).isEqualTo(new Frame.Nak(1, false));
        dongle.send(new Frame.Data(3, 0, false, "m3".getBytes()));
        assertThat(dongle.poll(300)).isNull();

        // The expected frame, then the same frame retransmitted: delivered once, acknowledged twice.
        dongle.send(new Frame.Data(1, 0, true, "m1".getBytes()));
        assertThat(dongle.next(1000)).isEqualTo(new Frame.Ack(2, false));
        dongle.send(new Frame.Data(1, 0, true, "m1".getBytes()));
        assertThat(dongle.next(1000)).isEqualTo(new Frame.Ack(2, false));

        // Bad CRC -> NAK(2).
        byte[] corrupt = FrameEncoder.encode(new Frame.Data(2, 0, false, "m2".getBytes()));
        corrupt[1] ^= 0x01;
        dongle.sendRaw(corrupt);
        assertThat(dongle.next(1000)).isEqualTo(new Frame.Nak(2, false));
        dongle.send(new Frame.Data(2, 0, true, "m2".getBytes()));
        assertThat(dongle.next(1000)).isEqualTo(new Frame.Ack(3, false));

        // Stuffing error (escape right before the flag) -> NAK(3).
        dongle.sendRaw((byte) 0x30, (byte) 0x7D, (byte) 0x7E);
        assertThat(dongle.next(1000)).isEqualTo(new Frame.Nak(3, false));
        dongle.send(new Frame.Data(3, 0, false, "m3".getBytes()));
        assertThat(dongle.next(1000)).isEqualTo(new Frame.Ack(4, false));

        // Truncated frame -> NAK(4).
        dongle.sendRaw((byte) 0x40, (byte) 0x7E);
        assertThat(dongle.next(1000)).isEqualTo(new Frame.Nak(4, false));

        // Garbage and a UART substitute byte: no crash, and the link goes on.
        dongle.sendRaw((byte) 0x18, (byte) 0x99, (byte) 0x12, (byte) 0x7E);
        dongle.send(new Frame.Data(4, 0, false, "m4".getBytes()));
        Object answer = dongle.next(1000);
        assertThat(answer).isEqualTo(new Frame.Ack(5, false));

        assertThat(host.received).containsExactly("m0", "m1", "m2", "m3", "m4");
        assertThat(host.engine.stats().badFrames()).isEqualTo(4);
        assertThat(host.engine.stats().duplicates()).isEqualTo(1);
    }

    @Test
    void hostRetransmitsOnNakAndOnTimeoutAndResetsAfterFourTimeouts() throws Exception {
        Endpoint host = endpoint(LinkEngine.Role.HOST, open(pty.hostEnd()), fastSettings());
        RawPeer dongle = raw(pty.dongleEnd());
        host.engine.start();
        assertThat(dongle.next(2000)).isEqualTo(new Frame.Rst());
        dongle.send(new Frame.RstAck(2, Frame.RstAck.HOST_REQUEST));
        await().until(() -> host.ups.get() == 1);

        host.engine.send("a".getBytes());
        host.engine.send("b".getBytes());
        Frame.Data a = (Frame.Data) dongle.next(1000);
        Frame.Data b = (Frame.Data) dongle.next(1000);
        assertThat(a.frameNumber()).isZero();
        assertThat(b.frameNumber()).isEqualTo(1);
        assertThat(a.retransmit() || b.retransmit()).isFalse();

        // NAK(1): "a" arrived, "b" did not -> only "b" again, flagged as a retransmission.
        dongle.send(new Frame.Nak(1, false));
        Frame.Data again = (Frame.Data) dongle.next(1000);
        assertThat(again.frameNumber()).isEqualTo(1);
        assertThat(again.retransmit()).isTrue();
        assertThat(new String(again.payload())).isEqualTo("b");

        // No answer: the host retransmits "b" on each timeout; after the fourth, the link is reset.
        long started = System.nanoTime();
        int retransmitted = 0;
        Object next;
        while ((next = dongle.next(5000)) instanceof Frame.Data d) {
            assertThat(d.retransmit()).isTrue();
            assertThat(new String(d.payload())).isEqualTo("b");
            retransmitted++;
        }
        assertThat(retransmitted).isEqualTo(3);
        assertThat(next).isEqualTo(new Frame.Rst());
        assertThat(host.downs).singleElement().asString().contains("4 ack timeouts");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(host.engine.stats().timeouts()).isEqualTo(4);

        // After the reset the dongle answers again and both ends start at frame 0.
        dongle.send(new Frame.RstAck(2, Frame.RstAck.HOST_REQUEST));
        await().until(() -> host.ups.get() == 2);
        host.engine.send("c".getBytes());
        Frame.Data c = (Frame.Data) dongle.next(1000);
        assertThat(c.frameNumber()).isZero();
    }

    @Test
    void aDongleThatResetsItselfIsNoticedAndAnErrorFrameResetsTheLink() throws Exception {
        Endpoint host = endpoint(LinkEngine.Role.HOST, open(pty.hostEnd()), fastSettings());
        RawPeer dongle = raw(pty.dongleEnd());
        host.engine.start();
        assertThat(dongle.next(2000)).isEqualTo(new Frame.Rst());
        dongle.send(new Frame.RstAck(2, Frame.RstAck.HOST_REQUEST));
        await().until(() -> host.ups.get() == 1);

        // The dongle restarted by itself and waits for an RST before it takes DATA: the host sends one.
        dongle.send(new Frame.RstAck(2, Frame.RstAck.WATCHDOG));
        assertThat(dongle.next(2000)).isEqualTo(new Frame.Rst());
        assertThat(host.downs).singleElement().asString().contains("dongle reset");
        dongle.send(new Frame.RstAck(2, Frame.RstAck.HOST_REQUEST));
        await().until(() -> host.ups.get() == 2);

        dongle.send(new Frame.Error(2, Frame.Error.TOO_MANY_TIMEOUTS));
        assertThat(dongle.next(2000)).isEqualTo(new Frame.Rst());
        assertThat(host.downs).last().asString().contains("0x51");
    }

    @Test
    void aDongleAnswersDataBeforeResetWithAnError() throws Exception {
        RawPeer host = raw(pty.hostEnd());
        Endpoint dongle = endpoint(LinkEngine.Role.DONGLE, open(pty.dongleEnd()), fastSettings());
        dongle.engine.start();
        assertThat(host.next(2000)).isEqualTo(new Frame.RstAck(2, Frame.RstAck.POWER_ON));

        // Powered up, but no RST yet: DATA is refused with ERROR 0x52 and not delivered.
        host.send(new Frame.Data(0, 0, false, "too early".getBytes()));
        assertThat(host.next(1000)).isEqualTo(new Frame.Error(2, Frame.Error.NOT_RESET));
        assertThat(dongle.ups.get()).isZero();
        assertThat(dongle.received).isEmpty();

        host.send(new Frame.Rst());
        assertThat(host.next(2000)).isEqualTo(new Frame.RstAck(2, Frame.RstAck.HOST_REQUEST));
        host.send(new Frame.Data(0, 0, false, "hello".getBytes()));
        assertThat(host.next(1000)).isEqualTo(new Frame.Ack(1, false));
        assertThat(dongle.received).containsExactly("hello");
    }

    @Test
    void anErrorFromTheDongleWhileTheHostResetsIsAnsweredByTheResetAlreadyUnderWay() throws Exception {
        Endpoint host = endpoint(LinkEngine.Role.HOST, open(pty.hostEnd()), fastSettings());
        RawPeer dongle = raw(pty.dongleEnd());
        host.engine.start();
        assertThat(dongle.next(2000)).isEqualTo(new Frame.Rst());
        dongle.send(new Frame.Error(2, Frame.Error.NOT_RESET));
        assertThat(dongle.poll(200)).as("no second RST before the first one's timeout").isNull();
        dongle.send(new Frame.RstAck(2, Frame.RstAck.HOST_REQUEST));
        await().until(() -> host.ups.get() == 1);
        assertThat(host.downs).isEmpty();
    }

    @Test
    void aFrameLostInARetransmittedBurstIsNakedAndOnlyDeliveredFramesAreAcknowledgedAgain() throws Exception {
        Endpoint host = endpoint(LinkEngine.Role.HOST, open(pty.hostEnd()), fastSettings());
        RawPeer dongle = raw(pty.dongleEnd());
        host.engine.start();
        assertThat(dongle.next(2000)).isEqualTo(new Frame.Rst());
        dongle.send(new Frame.RstAck(2, Frame.RstAck.HOST_REQUEST));
        await().until(() -> host.ups.get() == 1);

        dongle.send(new Frame.Data(0, 0, false, "m0".getBytes()));
        assertThat(dongle.next(1000)).isEqualTo(new Frame.Ack(1, false));
        // Frame 1 lost on its first way: 2 and 3 are out of sequence -> one NAK(1).
        dongle.send(new Frame.Data(2, 0, false, "m2".getBytes()));
        assertThat(dongle.next(1000)).isEqualTo(new Frame.Nak(1, false));
        dongle.send(new Frame.Data(3, 0, false, "m3".getBytes()));
        assertThat(dongle.poll(300)).isNull();

        // The burst answering the NAK loses frame 1 again. 2 and 3 come flagged as retransmissions but were
        // never delivered: a NAK at once, not an ACK that leaves the dongle waiting for its ack timeout.
        dongle.send(new Frame.Data(2, 0, true, "m2".getBytes()));
        assertThat(dongle.next(1000)).isEqualTo(new Frame.Nak(1, false));
        dongle.send(new Frame.Data(3, 0, true, "m3".getBytes()));
        assertThat(dongle.poll(300)).as("one NAK per burst").isNull();
        for (int i = 1; i <= 3; i++) {
            dongle.send(new Frame.Data(i, 0, true, ("m" + i).getBytes()));
            assertThat(dongle.next(1000)).isEqualTo(new Frame.Ack(i + 1, false));
        }

        // 4 to 6 delivered, but say their ACKs were lost. The dongle's timeout burst resends 5 and 6 (duplicates:
        // acknowledged again), loses 7, then brings 0: after a gap in the burst, so new -> NAK(7).
        for (int i = 4; i <= 6; i++) {
            dongle.send(new Frame.Data(i, 0, false, ("m" + i).getBytes()));
            assertThat(dongle.next(1000)).isEqualTo(new Frame.Ack(i + 1, false));
        }
        dongle.send(new Frame.Data(5, 0, true, "m5".getBytes()));
        assertThat(dongle.next(1000)).isEqualTo(new Frame.Ack(7, false));
        dongle.send(new Frame.Data(6, 0, true, "m6".getBytes()));
        assertThat(dongle.next(1000)).isEqualTo(new Frame.Ack(7, false));
        dongle.send(new Frame.Data(0, 0, true, "m8".getBytes()));
        assertThat(dongle.next(1000)).isEqualTo(new Frame.Nak(7, false));
        dongle.send(new Frame.Data(7, 0, true, "m7".getBytes()));
        assertThat(dongle.next(1000)).isEqualTo(new Frame.Ack(0, false));
        dongle.send(new Frame.Data(0, 0, true, "m8".getBytes()));
        assertThat(dongle.next(1000)).isEqualTo(new Frame.Ack(1, false));

        assertThat(host.received).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8");
        assertThat(host.engine.stats().duplicates()).isEqualTo(2);
        assertThat(host.engine.stats().naksSent()).isEqualTo(3);
    }

    @Test
    void aReceiverWithTooMuchUnhandledAsksThePeerToPauseAndAPausedSenderHoldsBack() throws Exception {
        Endpoint host = endpoint(LinkEngine.Role.HOST, open(pty.hostEnd()), fastSettings().withNotReadyBacklog(4));
        RawPeer dongle = raw(pty.dongleEnd());
        host.engine.start();
        assertThat(dongle.next(2000)).isEqualTo(new Frame.Rst());
        dongle.send(new Frame.RstAck(2, Frame.RstAck.HOST_REQUEST));
        await().until(() -> host.ups.get() == 1);

        // The host's user falls behind: its ACK says "not ready"; once it catches up, an ACK says "ready".
        host.backlog.set(4);
        dongle.send(new Frame.Data(0, 0, false, "m0".getBytes()));
        assertThat(dongle.next(1000)).isEqualTo(new Frame.Ack(1, true));
        host.backlog.set(3);
        host.engine.caughtUp();
        assertThat(dongle.next(1000)).isEqualTo(new Frame.Ack(1, false));
        host.engine.caughtUp();
        assertThat(dongle.poll(200)).as("told once").isNull();

        // The dongle says "not ready": the host holds its new DATA until "ready" comes.
        dongle.send(new Frame.Ack(0, true));
        Thread.sleep(100);
        host.engine.send("later".getBytes());
        assertThat(dongle.poll(200)).isNull();
        dongle.send(new Frame.Ack(0, false));
        Frame.Data data = (Frame.Data) dongle.next(1000);
        assertThat(new String(data.payload())).isEqualTo("later");
    }

    @Test
    void anUnpluggedDongleFailsTheLineAndASilentOneFailsTheResetHandshake() throws Exception {
        Endpoint host = endpoint(LinkEngine.Role.HOST, open(pty.hostEnd()), fastSettings());
        host.engine.start();
        // Nobody at the other end: five RSTs unanswered.
        await().atMost(Duration.ofSeconds(10)).until(() -> !host.failures.isEmpty());
        assertThat(host.failures).singleElement().asString().isEqualTo("no RSTACK after 5 resets");

        pty.unplug();
        await().atMost(Duration.ofSeconds(5)).until(() -> host.pumpFailures.get() > 0);
    }

    private static LinkSettings fastSettings() {
        return new LinkSettings(7, Duration.ofMillis(300), Duration.ofMillis(100), Duration.ofMillis(800), 4,
                Duration.ofMillis(400), 5);
    }

    private static List<String> messages(String prefix, int count, int maxLength) {
        Random random = new Random(prefix.hashCode());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder sb = new StringBuilder(prefix).append(i).append(':');
            int extra = random.nextInt(maxLength);
            for (int j = 0; j < extra; j++) {
                // Include the reserved bytes' characters so stuffing is exercised: ~ } \u001a \u0018.
                sb.append("~}\u001a\u0018abc".charAt(random.nextInt(7)));
            }
            out.add(sb.toString());
        }
        return out;
    }

    private SerialLine open(Path path) throws IOException {
        return JSerialCommLine.open(path.toString(), 115200);
    }

    private RawPeer raw(Path path) throws IOException {
        RawPeer peer = new RawPeer(open(path));
        toClose.add(peer);
        return peer;
    }

    private Endpoint endpoint(LinkEngine.Role role, SerialLine line, LinkSettings settings) {
        Endpoint e = new Endpoint();
        e.engine = new LinkEngine(role, role.name().toLowerCase(), line::write, e, settings);
        LinePump pump = new LinePump(line, e.engine::receive, ex -> e.pumpFailures.incrementAndGet()).start();
        toClose.add(line);
        toClose.add(pump);
        toClose.add(e.engine);
        return e;
    }

    /** One end of the link and what it saw. */
    private static final class Endpoint implements LinkListener {
        LinkEngine engine;
        final List<String> received = new CopyOnWriteArrayList<>();
        final List<String> downs = new CopyOnWriteArrayList<>();
        final List<String> failures = new CopyOnWriteArrayList<>();
        final AtomicInteger ups = new AtomicInteger();
        final AtomicInteger pumpFailures = new AtomicInteger();
        final AtomicInteger backlog = new AtomicInteger();

        @Override
        public int backlog() {
            return backlog.get();
        }

        @Override
        public void linkUp(int resetCode) {
            ups.incrementAndGet();
        }

        @Override
        public void message(byte[] payload) {
            received.add(new String(payload));
        }

        @Override
        public void linkDown(String reason) {
            downs.add(reason);
        }

        @Override
        public void linkFailed(String reason) {
            failures.add(reason);
        }
    }
}
