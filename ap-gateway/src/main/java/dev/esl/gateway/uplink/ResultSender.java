package dev.esl.gateway.uplink;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import dev.esl.gateway.contract.ContractJson;
import dev.esl.gateway.contract.JobResult;
import dev.esl.gateway.contract.ResultBatch;
import dev.esl.gateway.journal.Journal;
import dev.esl.gateway.journal.StoredResult;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the journal's unsent results to the broker in order, as result batches (QoS 1), and removes them
 * from the journal only once the broker acknowledged them. While the broker is away it waits and tries
 * again; nothing is lost, and a result may at worst be sent twice (the tag manager applies them
 * idempotently).
 */
final class ResultSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ResultSender.class);
    private static final int MAX_RESULTS = 200;

    private final Mqtt5AsyncClient client;
    private final Journal journal;
    private final UplinkSettings settings;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Thread thread;
    private boolean signalled;
    private volatile boolean stopped;
    private volatile long sent;

    ResultSender(Mqtt5AsyncClient client, Journal journal, UplinkSettings settings, Clock clock) {
        this.client = client;
        this.journal = journal;
        this.settings = settings;
        this.clock = clock;
        this.thread = new Thread(this::loop, "result-sender");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Results were added, or the client reconnected. */
    void signal() {
        lock.lock();
        try {
            signalled = true;
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    long sent() {
        return sent;
    }

    private void loop() {
        long backoffMillis = 200;
        while (!stopped) {
            awaitSignal(backoffMillis);
            while (!stopped && client.getState().isConnected()) {
                List<StoredResult> batch = journal.unsentResults(MAX_RESULTS);
                if (batch.isEmpty()) {
                    backoffMillis = 1000;
                    break;
                }
                if (!publish(batch)) {
                    backoffMillis = Math.min(10_000, Math.max(500, backoffMillis * 2));
                    break;
                }
                backoffMillis = 1000;
            }
        }
    }

    private boolean publish(List<StoredResult> batch) {
        List<JobResult> results = batch.stream().map(StoredResult::result).toList();
        byte[] payload = ContractJson.write(new ResultBatch(settings.storeId(), settings.apSerial(), clock.instant(),
                results));
        try {
            client.publishWith().topic(settings.apTopic("result")).qos(MqttQos.AT_LEAST_ONCE).payload(payload)
                    .send().get(30, TimeUnit.SECONDS);
            journal.acknowledge(batch.stream().map(StoredResult::sequence).toList());
            sent += batch.size();
            log.debug("{} results sent", batch.size());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            log.warn("{} results not acknowledged by the broker ({}); they stay in the journal", batch.size(),
                    e.getCause() == null ? e.toString() : e.getCause().getMessage());
            return false;
        }
    }

    private void awaitSignal(long millis) {
        lock.lock();
        try {
            if (!signalled) {
                wake.await(millis, TimeUnit.MILLISECONDS);
            }
            signalled = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        stopped = true;
        signal();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
