package dev.esl.gateway.daemon;

import dev.esl.gateway.contract.ApStatus;
import dev.esl.gateway.contract.ContractJson;
import dev.esl.gateway.contract.InvalidMessageException;
import dev.esl.gateway.contract.Job;
import dev.esl.gateway.contract.JobBatch;
import dev.esl.gateway.contract.JobResult;
import dev.esl.gateway.contract.JobState;
import dev.esl.gateway.contract.TelemetryReport;
import dev.esl.gateway.dongle.DongleClient;
import dev.esl.gateway.dongle.DongleListener;
import dev.esl.gateway.dongle.DongleMessage;
import dev.esl.gateway.dongle.DongleSettings;
import dev.esl.gateway.dongle.EslStatus;
import dev.esl.gateway.dongle.TagId;
import dev.esl.gateway.journal.Journal;
import dev.esl.gateway.journal.JournaledJob;
import dev.esl.gateway.schedule.JobOutcomes;
import dev.esl.gateway.schedule.JobScheduler;
import dev.esl.gateway.schedule.SchedulerSettings;
import dev.esl.gateway.serial.JSerialCommLine;
import dev.esl.gateway.simulator.InProcessSimulator;
import dev.esl.gateway.uplink.Uplink;
import dev.esl.gateway.uplink.UplinkSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AP gateway daemon: jobs come in over MQTT into the journal, the scheduler serves them to tags through
 * the dongle, results go from the journal back over MQTT. Start it, and close it to stop. The dongle is on
 * {@code serialPort}, or, with the {@code simulator} setting, a simulated one in this process.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    private final GatewayConfig config;
    private final Clock clock;
    private final String version;
    private final Journal journal;
    private final DongleClient dongle;
    private final JobScheduler scheduler;
    private final Uplink uplink;
    private final TelemetryBuffer telemetry;
    /** The in-process simulated dongle, or null when the dongle is a real one on a serial port. */
    private final InProcessSimulator simulator;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gateway-timer");
        t.setDaemon(true);
        return t;
    });
    private volatile String dongleState = "missing";

    /** The daemon as configured: its dongle on {@code serialPort}, or simulated in-process. */
    public Gateway(GatewayConfig config, Clock clock) {
        this(config, clock, config.simulator() == null ? null
                : new InProcessSimulator(config.simulator().settings(config.apSerial())));
    }

    private Gateway(GatewayConfig config, Clock clock, InProcessSimulator simulator) {
        this(config, simulator != null ? simulator::openHostEnd
                : () -> JSerialCommLine.open(config.serialPort(), config.baudRate()), clock, simulator);
    }

    /** The daemon with its dongle on a line of the caller's choosing (tests: a pty pair). */
    public Gateway(GatewayConfig config, DongleClient.LineOpener opener, Clock clock) {
        this(config, opener, clock, null);
    }

    private Gateway(GatewayConfig config, DongleClient.LineOpener opener, Clock clock, InProcessSimulator simulator) {
        this.config = config;
        this.simulator = simulator;
        this.clock = clock;
        this.version = versionOf(Gateway.class);
        this.telemetry = new TelemetryBuffer(clock);
        this.journal = Journal.open(config.dataDir().resolve("journal"), clock, Duration.ofDays(7));
        DongleListener events = new Events();
        this.dongle = new DongleClient(config.apSerial(), opener,
                DongleSettings.defaults().withBlockSize(config.blockSize()), events);
        this.scheduler = new JobScheduler(dongle, new JournalOutcomes(),
                new SchedulerSettings(config.maxAttempts(), Duration.ofSeconds(1)), clock);
        this.uplink = new Uplink(new UplinkSettings(config.mqttHost(), config.mqttPort(), config.storeId(),
                config.apSerial(), Duration.ofHours(config.sessionExpiryHours()), Duration.ofMillis(500),
                Duration.ofSeconds(config.reconnectMaxSeconds()), Duration.ofSeconds(config.statusIntervalSeconds()),
                Duration.ofSeconds(config.telemetryIntervalSeconds()), config.mqttUsername(), config.mqttPassword()),
                journal, this::status, this::onBatch, version, clock);
    }

    public Gateway start() {
        List<JournaledJob> pending = journal.pendingJobs();
        for (JournaledJob j : pending) {
            scheduler.submit(j.job(), j.attempts());
        }
        if (!pending.isEmpty()) {
            log.info("{} jobs from the journal are pending again", pending.size());
        }
        dongle.start();
        if (simulator != null) {
            simulator.start();
        }
        uplink.start();
        long interval = config.telemetryIntervalSeconds();
        timer.scheduleWithFixedDelay(this::reportTelemetry, interval, interval, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(journal::forgetOldBatches, 1, 1, TimeUnit.HOURS);
        log.info("gateway {} of store {} started (version {}): broker {}:{}, dongle {}", config.apSerial(),
                config.storeId(), version, config.mqttHost(), config.mqttPort(), simulator == null
                        ? config.serialPort() : "simulated in-process (" + config.simulator().tags() + " tags)");
        return this;
    }

    public ApStatus status() {
        DongleMessage.Hello hello = dongle.hello();
        return new ApStatus(config.storeId(), config.apSerial(), "online",
                hello == null ? null : hello.radio().label(), hello == null ? null : hello.firmware(), dongleState,
                telemetry.heardWithin(Duration.ofHours(1)), scheduler.pendingJobs(), version, clock.instant());
    }

    public boolean connected() {
        return uplink.connected();
    }

    public boolean dongleUp() {
        return dongle.isUp();
    }

    public int pendingJobs() {
        return journal.pendingJobCount();
    }

    private void onBatch(byte[] payload) {
        JobBatch batch;
        try {
            batch = ContractJson.readJobBatch(payload);
        } catch (InvalidMessageException e) {
            log.warn("job batch rejected: {}; {} of its jobs reported as failed", e.getMessage(),
                    e.identifiableJobs().size());
            journal.addResults(e.identifiableJobs().stream().map(j -> failed(j, EslStatus.INVALID_JOB,
                    "invalid job: " + e.getMessage())).toList());
            return;
        }
        if (!batch.apSerial().equals(config.apSerial()) || !batch.storeId().equals(config.storeId())) {
            String reason = "invalid job: batch " + batch.batchId() + " is for AP " + batch.apSerial() + " of store "
                    + batch.storeId();
            log.warn("{}; its {} jobs reported as failed", reason, batch.jobs().size());
            journal.addResults(batch.jobs().stream().map(j -> failed(j, EslStatus.INVALID_JOB, reason)).toList());
            return;
        }
        List<JobResult> accepted = batch.jobs().stream().map(j -> JobResult.accepted(j, clock.instant())).toList();
        if (!journal.accept(batch, accepted)) {
            log.info("batch {} received again (QoS 1 redelivery): already held", batch.batchId());
            return;
        }
        log.info("batch {} accepted: {} jobs (trace {})", batch.batchId(), batch.jobs().size(), batch.traceId());
        for (Job job : batch.jobs()) {
            scheduler.submit(job, 0);
        }
    }

    private JobResult failed(Job job, EslStatus status, String reason) {
        return new JobResult(job.jobId(), job.taskId(), job.tagId(), JobState.FAILED, clock.instant(), 0, reason,
                status.code(), job.traceId());
    }

    /** Check-ins per telemetry message: 500 entries are about 100 KB, well under the broker's packet limit. */
    private static final int TELEMETRY_PER_MESSAGE = 500;

    private void reportTelemetry() {
        try {
            java.util.List<dev.esl.gateway.contract.TagTelemetry> tags = telemetry.drain();
            for (int i = 0; i < tags.size(); i += TELEMETRY_PER_MESSAGE) {
                uplink.publishTelemetry(new TelemetryReport(config.storeId(), config.apSerial(), clock.instant(),
                        tags.subList(i, Math.min(tags.size(), i + TELEMETRY_PER_MESSAGE))));
            }
        } catch (RuntimeException e) {
            log.warn("telemetry not sent: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        uplink.close();
        dongle.close();
        if (simulator != null) {
            simulator.close();
        }
        scheduler.close();
        journal.close();
        log.info("gateway {} stopped", config.apSerial());
    }

    static String versionOf(Class<?> type) {
        String v = type.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-dev" : v;
    }

    /** Scheduler decisions go to the journal, durably, before anything else happens. */
    private final class JournalOutcomes implements JobOutcomes {
        @Override
        public void finished(String jobId, JobResult result) {
            journal.complete(jobId, result);
        }

        @Override
        public void attempted(String jobId, int attempts) {
            journal.recordAttempts(jobId, attempts);
        }
    }

    /** Dongle events: the scheduler's, plus what the status and telemetry need. */
    private final class Events implements DongleListener {
        @Override
        public void dongleUp(DongleMessage.Hello hello) {
            dongleState = "ok";
            scheduler.dongleUp(hello);
            uplink.publishStatus();
        }

        @Override
        public void dongleDown(String reason) {
            dongleState = reason.contains("reset") ? "resetting" : "missing";
            scheduler.dongleDown(reason);
            uplink.publishStatus();
        }

        @Override
        public void checkIn(DongleMessage.CheckIn checkIn) {
            DongleMessage.Hello hello = dongle.hello();
            telemetry.add(checkIn, hello == null ? DongleMessage.Radio.BLE : hello.radio());
            scheduler.checkIn(checkIn);
        }

        @Override
        public void result(int ref, TagId tag, EslStatus status) {
            scheduler.result(ref, tag, status);
        }
    }
}
