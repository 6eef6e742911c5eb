package dev.esl.gateway.daemon;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import dev.esl.gateway.contract.ContractJson;
import dev.esl.gateway.contract.Job;
import dev.esl.gateway.contract.JobBatch;
import dev.esl.gateway.contract.JobResult;
import dev.esl.gateway.contract.TagTelemetry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Plays the tag manager's side of the MQTT contract: sends job batches, collects results (and telemetry, if asked). */
final class TagManagerClient implements AutoCloseable {
    private final Mqtt5BlockingClient client;
    private final Map<String, List<JobResult>> results = new ConcurrentHashMap<>();
    private final Map<String, TagTelemetry> telemetry = new ConcurrentHashMap<>();
    private final AtomicInteger batches = new AtomicInteger();

    TagManagerClient(int port) {
        client = Mqtt5Client.builder().identifier("GID_TAGMGR@@@test").serverHost("127.0.0.1").serverPort(port)
                .automaticReconnectWithDefaultConfig().buildBlocking();
        client.toAsync().publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL, p -> {
            try {
                if (p.getTopic().toString().endsWith("/telemetry")) {
                    ContractJson.readTelemetry(p.getPayloadAsBytes()).tags().forEach(t -> telemetry.put(t.tagId(), t));
                    return;
                }
                for (JobResult r : ContractJson.readResultBatch(p.getPayloadAsBytes()).results()) {
                    results.computeIfAbsent(r.jobId(), k -> new CopyOnWriteArrayList<>()).add(r);
                }
            } catch (Exception e) {
                throw new IllegalStateException("the gateway sent a result batch that breaks the contract", e);
            }
        });
        client.connectWith().cleanStart(false).sessionExpiryInterval(3600).send();
        client.subscribeWith().topicFilter("esl/store/+/ap/+/result").qos(MqttQos.AT_LEAST_ONCE).send();
    }

    void send(String storeId, String apSerial, List<Job> jobs) {
        for (int from = 0; from < jobs.size(); from += 40) {
            List<Job> part = new ArrayList<>(jobs.subList(from, Math.min(jobs.size(), from + 40)));
            JobBatch batch = new JobBatch("batch-" + batches.incrementAndGet(), storeId, apSerial, Instant.now(),
                    "trace-batch", part);
            sendRaw(apSerial, ContractJson.write(batch));
        }
    }

    void sendRaw(String apSerial, byte[] payload) {
        client.publishWith().topic("esl/p2p/GID_AP@@@" + apSerial).qos(MqttQos.AT_LEAST_ONCE).payload(payload)
                .send();
    }

    /** From now on, keeps each tag's latest check-in as the gateways report them. */
    void watchTelemetry() {
        client.subscribeWith().topicFilter("esl/store/+/ap/+/telemetry").qos(MqttQos.AT_MOST_ONCE).send();
    }

    /** The latest check-in of each tag, by tag id. */
    Map<String, TagTelemetry> telemetry() {
        return telemetry;
    }

    Map<String, List<JobResult>> results() {
        return results;
    }

    /** The final result of each job that has one; fails if a job got two different final results. */
    Map<String, JobResult> finals() {
        Map<String, JobResult> out = new ConcurrentHashMap<>();
        results.forEach((jobId, list) -> {
            List<JobResult> distinct = list.stream().filter(r -> r.state().isFinal()).distinct().toList();
            if (distinct.size() > 1) {
                throw new AssertionError("job " + jobId + " got " + distinct.size() + " final results: " + distinct);
            }
            if (!distinct.isEmpty()) {
                out.put(jobId, distinct.get(0));
            }
        });
        return out;
    }

    @Override
    public void close() {
        try {
            client.disconnect();
        } catch (RuntimeException e) {
            // broker already gone
        }
        client.toAsync().disconnect().orTimeout(1, TimeUnit.SECONDS);
    }
}
