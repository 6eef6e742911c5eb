package dev.esl.tagmanager.bench;

import dev.esl.broker.Broker;
import dev.esl.tagmanager.it.RunningTagManager;
import dev.esl.tagmanager.it.TestBrokers;
import dev.esl.tagmanager.it.TestDatabase;
import dev.esl.tagmanager.task.PriceChangeRow;
import dev.esl.tagmanager.task.PriceChangeService;
import dev.esl.tagmanager.task.TaskCreated;
import java.math.BigDecimal;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A chain-wide price change of every product on 1,000,000 tags (200 stores of 5,000 tags, two APs each): the
 * task created and persisted (prices, images rendered, one job per tag, one transaction), then dispatched (every
 * job SENT: in a P2P batch the broker acknowledged), timed against the raw multi-row insert rate of as many rows
 * on the same database. The real tag manager, on the embedded MariaDB (or {@code ESL_TEST_DB_URL}), with the
 * real broker in-process and every AP a real MQTT client. Not a test: {@code scripts/bench-tag-manager.sh}.
 */
public final class ChainPriceChangeBenchmark {
    private ChainPriceChangeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int stores = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int productsPerStore = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        ChainSeed chain = new ChainSeed(stores, productsPerStore);
        Progress progress = new Progress();
        System.out.printf("Chain-wide price change: %d stores x %d tags = %,d tags, %d APs; %d stores with template %s%n",
                stores, productsPerStore, chain.tags(), stores * ChainSeed.APS_PER_STORE, chain.templatedStores(),
                ChainSeed.TEMPLATE);

        TestDatabase.Schema schema = TestDatabase.newSchema();
        try (Broker broker = TestBrokers.inMemory();
             RunningTagManager tagManager = RunningTagManager.start(schema, broker.port(), Map.of());
             Connection db = schema.connect()) {
            long seedStart = System.nanoTime();
            chain.load(db, progress);
            System.out.printf("Seeded in %.1f s%n", (System.nanoTime() - seedStart) / 1e9);
            try (ApFleet aps = new ApFleet(broker.port(), chain)) {
                System.out.printf("%d APs connected%n", aps.size());
                double raw = RawInsertBaseline.run(db, chain, progress);
                System.out.printf("Raw multi-row insert: %,.0f rows/s%n", raw);

                List<PriceChangeRow> rows = new ArrayList<>();
                for (int p = 0; p < productsPerStore; p++) {
                    rows.add(new PriceChangeRow(p + 1, ChainSeed.sku(p), BigDecimal.valueOf(89 + p % 1900, 2), null,
                            p % 10 == 0 ? "-10%" : null));
                }
                long start = System.nanoTime();
                TaskCreated task = tagManager.bean(PriceChangeService.class).create(rows, "benchmark", null, null, "bench");
                double created = (System.nanoTime() - start) / 1e9;
                System.out.printf("Task %d created and persisted: %,d jobs in %.1f s (%,.0f jobs/s)%n", task.taskId(),
                        task.jobs(), created, task.jobs() / created);
                // One per product and template in use (each product keeps one panel model across the chain).
                System.out.printf("%,d images rendered for %,d products%n", schema.count("SELECT COUNT(*) FROM image"),
                        productsPerStore);
                // Dispatched: no job left PENDING, and every batch written with the task taken by the broker.
                long pending;
                do {
                    Thread.sleep(200);
                    pending = schema.count("SELECT COUNT(*) FROM job WHERE task_id = " + task.taskId() + " AND state = 'PENDING'")
                            + schema.count("SELECT COALESCE(SUM(jobs), 0) FROM job_batch WHERE task_id = " + task.taskId()
                                    + " AND published_at IS NULL");
                    progress.report("jobs sent", task.jobs() - pending, task.jobs());
                } while (pending > 0);
                double total = (System.nanoTime() - start) / 1e9;
                double dispatched = total - created;
                long sent = schema.count("SELECT COUNT(*) FROM job WHERE task_id = " + task.taskId() + " AND state = 'SENT'");
                double rawAfter = RawInsertBaseline.run(db, chain, progress);
                System.out.printf("Raw multi-row insert again: %,.0f rows/s%n", rawAfter);
                double rawRate = (raw + rawAfter) / 2;
                double rate = task.jobs() / total;

                System.out.println();
                System.out.println("| Phase | Time s | Jobs/s | Ratio to raw insert |");
                System.out.println("|---|---|---|---|");
                System.out.printf("| raw multi-row insert of %,d rows (mean of 2 runs: %,.0f and %,.0f) | %.1f | %,.0f | 1.00 |%n",
                        chain.tags(), raw, rawAfter, chain.tags() / rawRate, rawRate);
                System.out.printf("| price change created and persisted | %.1f | %,.0f | %.2f |%n", created,
                        task.jobs() / created, task.jobs() / created / rawRate);
                System.out.printf("| dispatched (all SENT) | %.1f | %,.0f | %.2f |%n", dispatched,
                        task.jobs() / dispatched, task.jobs() / dispatched / rawRate);
                System.out.printf("| **created, persisted and dispatched** | %.1f | %,.0f | **%.2f** |%n", total, rate,
                        rate / rawRate);
                // The ids the driver reported for the batches' jobs are the rows' ids: every job of a batch lies in
                // the id range recorded for it (one join driven by the task's jobs, not a query per batch).
                long inRange = schema.count("SELECT COUNT(*) FROM job j JOIN job_batch b ON b.id = j.batch_id WHERE"
                        + " j.task_id = " + task.taskId() + " AND j.id BETWEEN b.first_job AND b.last_job");
                long withTask = schema.count("SELECT COALESCE(SUM(jobs), 0) FROM job_batch WHERE task_id = " + task.taskId());
                System.out.printf("%nSENT %,d of %,d jobs (%,d in batches written with the task); the APs received %,d"
                        + " batches, %,.0f MB%n", sent, task.jobs(), withTask, aps.batches.get(), aps.bytes.get() / 1e6);
                System.out.printf("Jobs of the batches written with the task outside their batch's id range: %,d%n",
                        withTask - inRange);
                System.out.printf("Target: at least half the raw insert rate: %s%n", rate >= rawRate / 2 ? "met" : "missed");
            }
        }
        System.exit(0);
    }
}
