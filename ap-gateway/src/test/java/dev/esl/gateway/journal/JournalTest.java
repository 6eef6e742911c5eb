package dev.esl.gateway.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.esl.gateway.contract.Job;
import dev.esl.gateway.contract.JobBatch;
import dev.esl.gateway.contract.JobResult;
import dev.esl.gateway.contract.JobState;
import dev.esl.gateway.contract.LedCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    private static final Instant T0 = Instant.parse("2026-11-25T07:00:00Z");

    @TempDir
    Path dir;

    @Test
    void acceptedJobsAndUnsentResultsSurviveAReopen() {
        JobBatch batch = batch("b1", "j1", "j2", "j3");
        try (Journal journal = open(Clock.fixed(T0, ZoneOffset.UTC))) {
            assertThat(journal.accept(batch, accepted(batch))).isTrue();
            journal.complete("j2", result("j2", JobState.DISPLAYED));
            journal.recordAttempts("j3", 2);
        }
        try (Journal journal = open(Clock.fixed(T0, ZoneOffset.UTC))) {
            assertThat(journal.pendingJobs()).extracting(j -> j.job().jobId()).containsExactly("j1", "j3");
            assertThat(journal.pendingJobs().get(1).attempts()).isEqualTo(2);
            assertThat(journal.pendingJobs().get(0).job()).isEqualTo(batch.jobs().get(0));
            assertThat(journal.pendingJobCount()).isEqualTo(2);
            List<StoredResult> unsent = journal.unsentResults(100);
            assertThat(unsent).extracting(r -> r.result().jobId() + ":" + r.result().state())
                    .containsExactly("j1:ACCEPTED", "j2:ACCEPTED", "j3:ACCEPTED", "j2:DISPLAYED");

            journal.acknowledge(unsent.subList(0, 3).stream().map(StoredResult::sequence).toList());
            assertThat(journal.unsentResults(100)).extracting(r -> r.result().state()).containsExactly(JobState.DISPLAYED);
            // New results after a reopen come after the old ones.
            journal.complete("j1", result("j1", JobState.SKIPPED));
            assertThat(journal.unsentResults(100)).extracting(r -> r.result().jobId()).containsExactly("j2", "j1");
        }
    }

    @Test
    void aRedeliveredBatchIsRecognisedAndWritesNothing() {
        JobBatch batch = batch("b1", "j1");
        try (Journal journal = open(Clock.systemUTC())) {
            assertThat(journal.accept(batch, accepted(batch))).isTrue();
            assertThat(journal.accept(batch, accepted(batch))).isFalse();
            assertThat(journal.unsentResults(10)).hasSize(1);
            assertThat(journal.pendingJobCount()).isEqualTo(1);
        }
    }

    @Test
    void batchIdsAreForgottenAfterTheBatchMemory() {
        MutableClock clock = new MutableClock(T0);
        try (Journal journal = Journal.open(dir.resolve("j"), clock, Duration.ofDays(7))) {
            journal.accept(batch("b1", "j1"), List.of());
            clock.now = T0.plus(Duration.ofDays(8));
            assertThat(journal.forgetOldBatches()).isEqualTo(1);
            assertThat(journal.accept(batch("b1", "j9"), List.of())).isTrue();
        }
    }

    @Test
    void concurrentWritersLoseNothing() throws Exception {
        try (Journal journal = open(Clock.systemUTC())) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            for (int t = 0; t < 2; t++) {
                int thread = t;
                pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        String id = "t" + thread + "-" + i;
                        journal.accept(batch("b-" + id, id), List.of());
                        journal.complete(id, result(id, JobState.DISPLAYED));
                    }
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            assertThat(journal.pendingJobCount()).isZero();
            assertThat(journal.unsentResults(1000)).hasSize(200);
        }
    }

    @Test
    void aDirectoryHoldingSomethingElseIsRefused() throws Exception {
        Path d = Files.createDirectories(dir.resolve("other"));
        Files.writeString(d.resolve("notes.txt"), "not a journal");
        assertThatThrownBy(() -> Journal.open(d, Clock.systemUTC(), Duration.ofDays(7)))
                .isInstanceOf(JournalException.class).hasMessageContaining("holds no journal");
    }

    @Test
    void aDamagedJournalIsRefused() throws Exception {
        try (Journal journal = open(Clock.systemUTC())) {
            journal.accept(batch("b1", "j1"), List.of());
        }
        Path d = dir.resolve("j");
        try (var files = Files.list(d)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("MANIFEST")).toList()) {
                Files.write(f, new byte[] {1, 2, 3, 4, 5});
            }
        }
        assertThatThrownBy(() -> open(Clock.systemUTC())).isInstanceOf(JournalException.class)
                .hasMessageContaining("cannot open the journal");
    }

    private Journal open(Clock clock) {
        return Journal.open(dir.resolve("j"), clock, Duration.ofDays(7));
    }

    static JobBatch batch(String batchId, String... jobIds) {
        List<Job> jobs = new ArrayList<>();
        for (String id : jobIds) {
            jobs.add(new Job(id, "t-" + id, "0A1B2C3D4E5F6071", Job.Action.LED, T0.plusSeconds(3600), "trace-" + id,
                    null, new LedCommand("green", "blink", 3, 1000), null));
        }
        return new JobBatch(batchId, "store-1", "ap-1", T0, "trace", jobs);
    }

    private static List<JobResult> accepted(JobBatch batch) {
        return batch.jobs().stream().map(j -> JobResult.accepted(j, T0)).toList();
    }

    private static JobResult result(String jobId, JobState state) {
        return new JobResult(jobId, "t-" + jobId, "0A1B2C3D4E5F6071", state, T0, 1, null, null, "trace-" + jobId);
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
