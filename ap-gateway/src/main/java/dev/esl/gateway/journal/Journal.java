package dev.esl.gateway.journal;

import dev.esl.gateway.contract.ContractJson;
import dev.esl.gateway.contract.InvalidMessageException;
import dev.esl.gateway.contract.Job;
import dev.esl.gateway.contract.JobBatch;
import dev.esl.gateway.contract.JobResult;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's memory on disk (RocksDB): the batches it accepted, its unfinished jobs and the results the
 * broker has not acknowledged yet. Each change is one atomic write with the write-ahead log synced, so a
 * crash or power loss never loses an accepted job or a result, and never keeps a job that was finished.
 *
 * <p>Keys: {@code b/<batchId>} → accepted-at millis (duplicate batches, expiring); {@code j/<jobId>} →
 * sequence, attempts, job JSON; {@code r/<sequence>} → result JSON.
 */
public final class Journal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Journal.class);
    private static final byte[] BATCH = "b/".getBytes(StandardCharsets.UTF_8);
    private static final byte[] JOB = "j/".getBytes(StandardCharsets.UTF_8);
    private static final byte[] RESULT = "r/".getBytes(StandardCharsets.UTF_8);

    static {
        RocksDB.loadLibrary();
    }

    private final RocksDB db;
    private final Options options;
    private final WriteOptions synced = new WriteOptions().setSync(true);
    private final Clock clock;
    private final Duration batchMemory;
    private final AtomicInteger pendingJobs = new AtomicInteger();
    private long nextSequence;
    private volatile Runnable resultListener = () -> { };

    private Journal(RocksDB db, Options options, Clock clock, Duration batchMemory) {
        this.db = db;
        this.options = options;
        this.clock = clock;
        this.batchMemory = batchMemory;
    }

    /**
     * Opens (or creates) the journal in {@code dir}. A directory that holds something else, or a damaged
     * journal, is an error: the gateway must not start with an empty memory in its place.
     */
    public static Journal open(Path dir, Clock clock, Duration batchMemory) {
        Options options = new Options().setCreateIfMissing(true).setParanoidChecks(true);
        try {
            Files.createDirectories(dir);
            boolean fresh = !Files.exists(dir.resolve("CURRENT"));
            try (var entries = Files.list(dir)) {
                if (fresh && entries.findAny().isPresent()) {
                    throw new JournalException("journal directory " + dir + " is not empty and holds no journal"
                            + " (no CURRENT file): refusing to start with an empty journal", null);
                }
            }
            Journal journal = new Journal(RocksDB.open(options, dir.toString()), options, clock, batchMemory);
            journal.recover();
            log.info("journal {}: {} pending jobs, {} unsent results", dir, journal.pendingJobCount(),
                    journal.unsentResults(Integer.MAX_VALUE).size());
            return journal;
        } catch (RocksDBException e) {
            options.close();
            throw new JournalException("cannot open the journal in " + dir + ": " + e.getMessage(), e);
        } catch (java.io.IOException e) {
            options.close();
            throw new JournalException("cannot open the journal in " + dir + ": " + e, e);
        }
    }

    /** Called (on the writer's thread) whenever results are added. */
    public void onResultAdded(Runnable listener) {
        this.resultListener = listener;
    }

    /**
     * Keeps a new batch: its id, its jobs and the results to send for them, in one write. Returns false, and
     * writes nothing, when the batch was accepted before (a QoS 1 redelivery).
     */
    public synchronized boolean accept(JobBatch batch, List<JobResult> results) {
        byte[] batchKey = key(BATCH, batch.batchId());
        try (WriteBatch write = new WriteBatch()) {
            if (db.get(batchKey) != null) {
                return false;
            }
            write.put(batchKey, ByteBuffer.allocate(8).putLong(clock.millis()).array());
            int added = 0;
            for (Job job : batch.jobs()) {
                byte[] jobKey = key(JOB, job.jobId());
                if (db.get(jobKey) != null) {
                    continue; // the same job in two batches: the first one holds it
                }
                write.put(jobKey, jobValue(nextSequence++, 0, job));
                added++;
            }
            for (JobResult result : results) {
                write.put(resultKey(nextSequence++), ContractJson.write(result));
            }
            db.write(synced, write);
            pendingJobs.addAndGet(added);
        } catch (RocksDBException e) {
            throw new JournalException("cannot write batch " + batch.batchId() + " to the journal: " + e.getMessage(), e);
        }
        resultListener.run();
        return true;
    }

    /** Whether a job is pending (accepted and not finished). */
    public synchronized boolean isPending(String jobId) {
        try {
            return db.get(key(JOB, jobId)) != null;
        } catch (RocksDBException e) {
            throw new JournalException("cannot read the journal: " + e.getMessage(), e);
        }
    }

    /** Results that concern no pending job, e.g. failures of an invalid batch. */
    public synchronized void addResults(List<JobResult> results) {
        try (WriteBatch write = new WriteBatch()) {
            for (JobResult result : results) {
                write.put(resultKey(nextSequence++), ContractJson.write(result));
            }
            db.write(synced, write);
        } catch (RocksDBException e) {
            throw new JournalException("cannot write results to the journal: " + e.getMessage(), e);
        }
        resultListener.run();
    }

    /** The job is over: it leaves the journal and its final result is kept for sending, in one write. */
    public synchronized void complete(String jobId, JobResult result) {
        byte[] jobKey = key(JOB, jobId);
        try (WriteBatch write = new WriteBatch()) {
            boolean wasPending = db.get(jobKey) != null;
            write.delete(jobKey);
            write.put(resultKey(nextSequence++), ContractJson.write(result));
            db.write(synced, write);
            if (wasPending) {
                pendingJobs.decrementAndGet();
            }
        } catch (RocksDBException e) {
            throw new JournalException("cannot complete job " + jobId + " in the journal: " + e.getMessage(), e);
        }
        resultListener.run();
    }

    public synchronized void recordAttempts(String jobId, int attempts) {
        byte[] jobKey = key(JOB, jobId);
        try {
            byte[] value = db.get(jobKey);
            if (value == null) {
                return;
            }
            ByteBuffer b = ByteBuffer.wrap(value);
            long sequence = b.getLong();
            b.getInt();
            byte[] json = Arrays.copyOfRange(value, 12, value.length);
            db.put(synced, jobKey, ByteBuffer.allocate(12 + json.length).putLong(sequence).putInt(attempts).put(json)
                    .array());
        } catch (RocksDBException e) {
            throw new JournalException("cannot record attempts of job " + jobId + ": " + e.getMessage(), e);
        }
    }

    /** Unfinished jobs in the order they were accepted. */
    public synchronized List<JournaledJob> pendingJobs() {
        List<JournaledJob> jobs = new ArrayList<>();
        try (RocksIterator it = db.newIterator()) {
            for (it.seek(JOB); it.isValid() && startsWith(it.key(), JOB); it.next()) {
                ByteBuffer b = ByteBuffer.wrap(it.value());
                long sequence = b.getLong();
                int attempts = b.getInt();
                byte[] json = Arrays.copyOfRange(it.value(), 12, it.value().length);
                try {
                    jobs.add(new JournaledJob(sequence, ContractJson.readJob(json), attempts));
                } catch (InvalidMessageException e) {
                    throw new JournalException("journal entry " + new String(it.key(), StandardCharsets.UTF_8)
                            + " is damaged: " + e.getMessage(), e);
                }
            }
        }
        jobs.sort(Comparator.comparingLong(JournaledJob::sequence));
        return jobs;
    }

    public int pendingJobCount() {
        return pendingJobs.get();
    }

    /** Results the broker has not acknowledged, oldest first. */
    public synchronized List<StoredResult> unsentResults(int max) {
        List<StoredResult> results = new ArrayList<>();
        try (RocksIterator it = db.newIterator()) {
            for (it.seek(RESULT); it.isValid() && startsWith(it.key(), RESULT) && results.size() < max; it.next()) {
                long sequence = ByteBuffer.wrap(it.key(), RESULT.length, 8).getLong();
                try {
                    results.add(new StoredResult(sequence, ContractJson.readResult(it.value())));
                } catch (InvalidMessageException e) {
                    throw new JournalException("journal result " + sequence + " is damaged: " + e.getMessage(), e);
                }
            }
        }
        return results;
    }

    /** The broker has these results: forget them. */
    public synchronized void acknowledge(List<Long> sequences) {
        try (WriteBatch write = new WriteBatch()) {
            for (long sequence : sequences) {
                write.delete(resultKey(sequence));
            }
            db.write(synced, write);
        } catch (RocksDBException e) {
            throw new JournalException("cannot remove sent results from the journal: " + e.getMessage(), e);
        }
    }

    /** Forgets batch ids older than the batch memory; a redelivery after that long is not expected. */
    public synchronized int forgetOldBatches() {
        long cutoff = clock.millis() - batchMemory.toMillis();
        int forgotten = 0;
        try (RocksIterator it = db.newIterator(); WriteBatch write = new WriteBatch()) {
            for (it.seek(BATCH); it.isValid() && startsWith(it.key(), BATCH); it.next()) {
                if (ByteBuffer.wrap(it.value()).getLong() < cutoff) {
                    write.delete(it.key());
                    forgotten++;
                }
            }
            db.write(synced, write);
        } catch (RocksDBException e) {
            throw new JournalException("cannot clean old batch ids: " + e.getMessage(), e);
        }
        return forgotten;
    }

    @Override
    public synchronized void close() {
        db.close();
        synced.close();
        options.close();
    }

    private void recover() {
        long max = -1;
        int jobs = 0;
        try (RocksIterator it = db.newIterator()) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] k = it.key();
                if (startsWith(k, JOB)) {
                    max = Math.max(max, ByteBuffer.wrap(it.value()).getLong());
                    jobs++;
                } else if (startsWith(k, RESULT)) {
                    max = Math.max(max, ByteBuffer.wrap(k, RESULT.length, 8).getLong());
                }
            }
        }
        nextSequence = max + 1;
        pendingJobs.set(jobs);
        forgetOldBatches();
    }

    private static byte[] jobValue(long sequence, int attempts, Job job) {
        byte[] json = ContractJson.write(job);
        return ByteBuffer.allocate(12 + json.length).putLong(sequence).putInt(attempts).put(json).array();
    }

    private static byte[] key(byte[] prefix, String id) {
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(prefix.length + idBytes.length).put(prefix).put(idBytes).array();
    }

    private static byte[] resultKey(long sequence) {
        return ByteBuffer.allocate(RESULT.length + 8).put(RESULT).putLong(sequence).array();
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

}
