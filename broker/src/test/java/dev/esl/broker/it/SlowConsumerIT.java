package dev.esl.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One subscriber stops reading: the others keep their throughput and latency, the broker's memory stays
 * bounded (what the stalled client cannot take is dropped or queued within limits, and counted), and the
 * stalled client is disconnected after the slow-client timeout.
 */
class SlowConsumerIT {
    private static final int MESSAGES = 20_000;
    /** A steady rate that a healthy subscriber in this same JVM keeps up with on a 2-core machine. */
    private static final int MESSAGES_PER_SECOND = 2_500;
    private static final int PAYLOAD = 4096;
    private int runs;

    @RegisterExtension
    RunningBroker broker = RunningBroker.seed(b -> b
            .slowClientTimeoutSeconds(8)
            .maxQueuedMessages(2_000)
            .maxQueuedBytes(MAX_QUEUED_BYTES));
    /** What the broker may hold for one client, per kind (queued QoS 1/2, lagging QoS 0): a fraction of what is sent. */
    private static final long MAX_QUEUED_BYTES = 4 * 1024 * 1024;

    @Test
    void aStalledSubscriberSlowsNobodyAndHoldsBoundedMemory() throws Exception {
        run(false); // warm-up: the JIT, the clients' connection pools
        Run baseline = run(false);
        Run stalled = run(true);
        System.out.printf("SlowConsumerIT: without a stalled subscriber %.0f msg/s, p99 %.1f ms; with one %.0f msg/s, p99 %.1f ms; "
                        + "heap+direct growth %.1f MB for %.1f MB sent its way; stats %s%n",
                baseline.throughput(), baseline.p99Millis(), stalled.throughput(), stalled.p99Millis(),
                stalled.memoryGrowthBytes() / 1e6, (double) MESSAGES * PAYLOAD / 1e6, broker.broker().stats());

        assertThat(stalled.received()).as("healthy subscriber gets every message").isEqualTo(MESSAGES);
        assertThat(baseline.received()).isEqualTo(MESSAGES);
        assertThat(stalled.throughput()).as("throughput with a stalled subscriber").isGreaterThan(baseline.throughput() * 0.8);
        assertThat(stalled.p99Millis()).as("p99 latency with a stalled subscriber")
                .isLessThan(Math.max(baseline.p99Millis() * 4, 250));
        // Bounded: the stalled client's two queues (4 MiB each), socket buffers and the test's own clients, far
        // below the 82 MB sent its way; a broker that kept what the client cannot take would show all of it.
        assertThat(stalled.memoryGrowthBytes()).as("memory held for the stalled subscriber")
                .isLessThan(5 * MAX_QUEUED_BYTES).isLessThan((long) MESSAGES * PAYLOAD / 4);
        assertThat(stalled.droppedWhileConnected()).as("QoS 0 the stalled client could not take, dropped while connected")
                .isPositive();
        assertThat(broker.broker().stats().get("slowClientsDisconnected")).isEqualTo(1);
    }

    /** The DISCONNECT waits behind what the client did not read: it sees it if it reads again in time. */
    @Test
    void aStalledMqtt5SubscriberIsToldWhyWhenItReadsAgain() throws Exception {
        try (RawClient stalled = RawClient.connected(broker.port(), RawPackets.LEVEL_5, "GID_TEST@@@stalled5")) {
            stalled.send(RawPackets.subscribe(true, 1, "esl/load/#", 0));
            stalled.expect(RawPackets.SUBACK);
            Mqtt5AsyncClient publisher = client("GID_TEST@@@pub5");
            publisher.connect().get(5, TimeUnit.SECONDS);
            byte[] payload = new byte[PAYLOAD];
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (broker.broker().stats().get("slowClientsDisconnected") == 0 && System.nanoTime() < deadline) {
                publisher.publishWith().topic("esl/load/0").payload(payload).send();
                Thread.sleep(2); // about 2 MB/s: the socket's buffers fill within a few seconds
            }
            publisher.disconnect().get(5, TimeUnit.SECONDS);
            assertThat(broker.broker().stats().get("slowClientsDisconnected")).as("disconnected as a slow consumer").isEqualTo(1);

            List<RawClient.Packet> packets = stalled.packetsUntilClosed(Duration.ofSeconds(5));
            RawClient.Packet last = packets.get(packets.size() - 1);
            assertThat(last.type()).as("last of %d packets", packets.size()).isEqualTo(RawPackets.DISCONNECT);
            assertThat(last.reasonCode()).as("Quota exceeded").isEqualTo(0x97);
            assertThat(last.reasonString()).contains("slow consumer");
        }
    }

    private Run run(boolean withStalledSubscriber) throws Exception {
        Socket stalled = withStalledSubscriber ? stalledSubscriber() : null;
        Mqtt5AsyncClient healthy = client("GID_TEST@@@healthy-" + withStalledSubscriber + runs);
        AtomicInteger received = new AtomicInteger();
        AtomicLongArray latencies = new AtomicLongArray(MESSAGES);
        CompletableFuture<Void> all = new CompletableFuture<>();
        healthy.publishes(MqttGlobalPublishFilter.ALL, p -> {
            long sent = ByteBuffer.wrap(p.getPayloadAsBytes()).getLong();
            int n = received.getAndIncrement();
            latencies.set(n, System.nanoTime() - sent);
            if (n + 1 == MESSAGES) {
                all.complete(null);
            }
        });
        healthy.connect().get(5, TimeUnit.SECONDS);
        healthy.subscribeWith().topicFilter("esl/load/#").qos(MqttQos.AT_LEAST_ONCE).send().get(5, TimeUnit.SECONDS);
        Mqtt5AsyncClient publisher = client("GID_TAGMGR@@@load-" + withStalledSubscriber + runs++);
        publisher.connect().get(5, TimeUnit.SECONDS);

        long memoryBefore = usedMemory();
        long start = System.nanoTime();
        Semaphore window = new Semaphore(256);
        for (int i = 0; i < MESSAGES; i++) {
            long due = start + (long) i * 1_000_000_000L / MESSAGES_PER_SECOND;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            window.acquire();
            byte[] payload = new byte[PAYLOAD];
            ByteBuffer.wrap(payload).putLong(System.nanoTime());
            publisher.publishWith().topic("esl/load/" + (i % 8)).qos(i % 10 == 0 ? MqttQos.AT_LEAST_ONCE : MqttQos.AT_MOST_ONCE)
                    .payload(payload).send().whenComplete((r, e) -> window.release());
        }
        try {
            all.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("healthy subscriber got " + received.get() + " of " + MESSAGES + "; stats " + broker.broker().stats());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long memoryGrowth = usedMemory() - memoryBefore;
        long dropped = broker.broker().stats().get("slowClientDropped");

        if (stalled != null) {
            assertThat(broker.broker().stats().get("slowClientsDisconnected")).as("still connected while measured").isZero();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (broker.broker().stats().get("slowClientsDisconnected") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            stalled.close();
        }
        publisher.disconnect().get(5, TimeUnit.SECONDS);
        healthy.disconnect().get(5, TimeUnit.SECONDS);

        long[] sorted = new long[received.get()];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = latencies.get(i);
        }
        Arrays.sort(sorted);
        double p99 = sorted.length == 0 ? Double.NaN : sorted[(int) (sorted.length * 0.99) - 1] / 1e6;
        return new Run(received.get(), MESSAGES / seconds, p99, memoryGrowth, dropped);
    }

    private Mqtt5AsyncClient client(String id) {
        return MqttClient.builder().useMqttVersion5().identifier(id).serverHost("127.0.0.1").serverPort(broker.port()).buildAsync();
    }

    /** A raw MQTT 3.1.1 client that subscribes and then never reads again, with a tiny receive buffer. */
    private Socket stalledSubscriber() throws Exception {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress("127.0.0.1", broker.port()), 5000);
        OutputStream out = s.getOutputStream();
        byte[] id = "GID_TEST@@@stalled".getBytes(StandardCharsets.UTF_8);
        ByteBuffer connect = ByteBuffer.allocate(12 + id.length);
        connect.put(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60}).putShort((short) id.length).put(id);
        out.write(packet(0x10, connect.array()));
        byte[] filter = "esl/load/#".getBytes(StandardCharsets.UTF_8);
        ByteBuffer subscribe = ByteBuffer.allocate(5 + filter.length);
        subscribe.putShort((short) 1).putShort((short) filter.length).put(filter).put((byte) 1);
        out.write(packet(0x82, subscribe.array()));
        out.flush();
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] connack = new byte[4];
        in.readFully(connack);
        assertThat(connack[3]).as("CONNACK return code").isZero();
        byte[] suback = new byte[5];
        in.readFully(suback);
        assertThat(suback[0] & 0xF0).isEqualTo(0x90);
        return s; // and never read again
    }

    private static byte[] packet(int header, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(2 + body.length);
        b.put((byte) header).put((byte) body.length).put(body);
        return b.array();
    }

    private static long usedMemory() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()
                + PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
    }

    private record Run(int received, double throughput, double p99Millis, long memoryGrowthBytes, long droppedWhileConnected) {
    }
}
