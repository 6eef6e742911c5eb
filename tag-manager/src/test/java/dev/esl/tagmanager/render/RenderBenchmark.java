package dev.esl.tagmanager.render;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Renders per second for a chain-wide price change: every label distinct (name, price, unit price, barcode), over
 * the six known panels, after a warm-up. Not a test; run it on a quiet machine:
 *
 * <pre>
 * ./mvnw -q -B -ntp -pl tag-manager test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Djava.awt.headless=true -cp tag-manager/target/test-classes:tag-manager/target/classes:$(cat tag-manager/target/cp.txt) \
 *     dev.esl.tagmanager.render.RenderBenchmark [labels] [threads]
 * </pre>
 */
public final class RenderBenchmark {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private RenderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        TagImageRenderer renderer = new TagImageRenderer();
        List<PriceLabel> labels = labels(count);

        run(renderer, labels(Math.min(count, 5_000)), threads); // warm-up: JIT and font strikes
        long start = System.nanoTime();
        long[] totals = run(renderer, labels, threads);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = totals[1] / 1e9;
        // The CPU figure holds on a busy machine too: it counts only the time the renders ran.
        System.out.printf("%d distinct labels on %d panels, %d thread(s): %.2f s wall, %.0f renders/s; "
                + "%.2f s CPU, %.0f renders per CPU-second; %.0f compressed bytes a tag on average%n", count,
                Panel.KNOWN.size(), threads, seconds, count / seconds, cpuSeconds, count / cpuSeconds,
                (double) totals[0] / count);
    }

    /** Compressed bytes and CPU nanoseconds, summed over the threads. */
    private static long[] run(TagImageRenderer renderer, List<PriceLabel> labels, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    long cpuStart = CPU.getCurrentThreadCpuTime();
                    long bytes = 0;
                    for (int i = first; i < labels.size(); i += threads) {
                        Panel panel = Panel.KNOWN.get(i % Panel.KNOWN.size());
                        bytes += renderer.render(labels.get(i), panel).compressed().length;
                    }
                    return new long[] {bytes, CPU.getCurrentThreadCpuTime() - cpuStart};
                }));
            }
            long[] totals = new long[2];
            for (Future<long[]> part : parts) {
                totals[0] += part.get()[0];
                totals[1] += part.get()[1];
            }
            return totals;
        } finally {
            pool.shutdown();
        }
    }

    /** Distinct labels: the price and name change with i, a third have a promo, half a QR code. */
    static List<PriceLabel> labels(int count) {
        String[] names = {"Organic whole milk 1 l", "Wholegrain spelt bread, sliced, 500 g",
            "Free-range eggs, size M, 10 pieces", "Extra virgin olive oil from Crete, cold pressed, 750 ml",
            "Bananas", "Sparkling mineral water 6 x 1.5 l"};
        List<PriceLabel> labels = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            BigDecimal price = BigDecimal.valueOf(99 + i % 50_000, 2);
            String first12 = String.format("400%09d", i);
            PriceLabel label = PriceLabel.of(names[i % names.length] + " #" + i, price, "EUR")
                    .withUnitPrice(price.multiply(BigDecimal.valueOf(2)), "kg");
            label = i % 2 == 0
                    ? label.withBarcode(BarcodeKind.EAN13, first12 + Ean13.checkDigit(first12))
                    : label.withBarcode(BarcodeKind.QR, "https://shop.example/p/" + first12);
            labels.add(i % 3 == 0 ? label.withPromo("-" + (10 + i % 40) + "%") : label);
        }
        return labels;
    }
}
