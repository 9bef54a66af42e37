package io.retailseg.bench;

import io.retailseg.Interleaved;
import io.retailseg.clean.Cleaner;
import io.retailseg.config.OfferMode;
import io.retailseg.config.RankBy;
import io.retailseg.config.RecommenderKind;
import io.retailseg.domain.Segmentation;
import io.retailseg.domain.Transactions;
import io.retailseg.features.CustomerGroups;
import io.retailseg.io.TransactionReader;
import io.retailseg.recommend.Basket;
import io.retailseg.recommend.Catalogue;
import io.retailseg.recommend.Pick;
import io.retailseg.recommend.ProductRecommender;
import io.retailseg.recommend.RecommenderFit;
import io.retailseg.recommend.SegmentBestSellers;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;

/**
 * Catalogue scale of one recommender (issue 11, part 4): reads and cleans a (generated) CSV file, builds
 * the baskets, fits one recommender kind as {@link RecommenderFit#fit} does, then recommends for a fixed
 * sample of customers. Run one kind per JVM (bench/recommender-scale.sh does, under {@code /usr/bin/time
 * -v}) so that the peak RSS is that recommender's.
 *
 * <p>No segmentation: every customer is in one segment ({@link Segmentation#single}), whose best sellers
 * (by quantity, top 10 as {@code run}'s default) are {@code segment-best-sellers}' list and the hybrid's
 * fill. Recommendations: 3 per customer (the {@code run} default), {@code new_only}.
 *
 * <pre>java -Xmx4g -cp bench/target/benchmarks.jar io.retailseg.bench.RecommenderScaleBench FILE KIND [SAMPLE]</pre>
 *
 * <p>SAMPLE (default 100,000) customers, every (customers / SAMPLE)-th, are recommended for; the time for
 * all customers is extrapolated linearly. Prints one line of {@code key=value} pairs, including a SHA-256
 * of the sample's lists (products and score bits), so that a change to the code can be shown not to
 * change any recommendation.
 */
public final class RecommenderScaleBench {
    private static final int PER_CUSTOMER = 3;
    private static final int TOP_PRODUCTS = 10;

    private RecommenderScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        RecommenderKind kind = RecommenderKind.of(args[1]);
        int sample = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int threads = Runtime.getRuntime().availableProcessors();

        long c0 = cpuNanos();
        long t0 = System.nanoTime();
        Transactions lines = Cleaner.clean(TransactionReader.read(file)).lines();
        long t1 = System.nanoTime();
        long c1 = cpuNanos();
        CustomerGroups groups = CustomerGroups.of(lines);
        Segmentation one = Segmentation.single(customerIds(groups));
        List<List<io.retailseg.recommend.TopProduct>> bestSellers = List.of(
                SegmentBestSellers.compute(lines, one, TOP_PRODUCTS, PER_CUSTOMER, RankBy.QUANTITY).topProducts(0));
        // What the fit builds first, timed on its own (and dropped, so the fit's memory is not doubled).
        long t2 = System.nanoTime();
        long c2 = cpuNanos();
        int products;
        long basketEntries = 0;
        {
            Catalogue catalogue = Catalogue.of(lines);
            Basket[] baskets = Basket.of(lines, catalogue);
            products = catalogue.size();
            for (Basket b : baskets) {
                basketEntries += b.size();
            }
        }
        long t3 = System.nanoTime();
        long c3 = cpuNanos();
        ProductRecommender r = RecommenderFit.fit(kind, lines,
                new RecommenderFit.Inputs(bestSellers, RankBy.QUANTITY, Inputs.SEED, threads));
        long t4 = System.nanoTime();
        long c4 = cpuNanos();
        long heapAfterFit = heapPeakBytes();
        // Every fit but segment-best-sellers' builds the catalogue and baskets first: training is the rest.
        int basketsInFit = kind == RecommenderKind.SEGMENT_BEST_SELLERS ? 0 : 1;
        // What stays live after the fit (lines, groups, best sellers and the model), outside the timings.
        System.gc();
        long liveAfterFit = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        Basket[] baskets = Basket.of(lines, groups, r.catalogue());
        int customers = baskets.length;
        int step = Math.max(1, customers / sample);
        int[] chosen = new int[(customers + step - 1) / step];
        for (int s = 0; s < chosen.length; s++) {
            chosen[s] = s * step;
        }
        @SuppressWarnings("unchecked")
        List<Pick>[] picks = new List[chosen.length];
        long t5 = System.nanoTime();
        long c5 = cpuNanos();
        Interleaved.forEach(chosen.length, threads, () -> null, (none, s) -> picks[s] = r.recommend(
                baskets[chosen[s]], OptionalInt.of(0), PER_CUSTOMER, OfferMode.NEW_ONLY));
        long t6 = System.nanoTime();
        long c6 = cpuNanos();
        double recommendSeconds = (t6 - t5) / 1e9;
        System.out.printf(java.util.Locale.ROOT,
                "kind=%s lines=%d customers=%d products=%d basket_entries=%d threads=%d max_heap_mb=%d"
                        + " clean_s=%.2f catalogue_baskets_s=%.2f fit_s=%.2f train_s=%.2f"
                        + " recommend_sample=%d recommend_sample_s=%.2f recommend_all_s_extrapolated=%.1f"
                        + " per_customer_us=%.1f state_mb=%.1f heap_peak_mb=%d heap_peak_after_fit_mb=%d"
                        + " live_after_fit_mb=%d clean_cpu_s=%.1f catalogue_baskets_cpu_s=%.1f train_cpu_s=%.1f"
                        + " recommend_sample_cpu_s=%.1f digest=%s%n",
                kind.id(), lines.size(), customers, products, basketEntries, threads,
                Runtime.getRuntime().maxMemory() >> 20, (t1 - t0) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9,
                (t4 - t3 - basketsInFit * (t3 - t2)) / 1e9, chosen.length, recommendSeconds,
                recommendSeconds * customers / chosen.length, recommendSeconds * 1e6 / chosen.length * threads,
                RecommenderFit.stateBytes(r) / 1048576.0, heapPeakBytes() >> 20, heapAfterFit >> 20,
                liveAfterFit >> 20, (c1 - c0) / 1e9, (c3 - c2) / 1e9, (c4 - c3 - basketsInFit * (c3 - c2)) / 1e9, (c6 - c5) / 1e9,
                digest(picks));
    }

    /** CPU time of the whole process (every thread, GC included): less disturbed than wall time on a shared machine. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long[] customerIds(CustomerGroups groups) {
        long[] ids = new long[groups.size()];
        for (int c = 0; c < ids.length; c++) {
            ids[c] = groups.customerId(c);
        }
        return ids;
    }

    /** Sum of the heap pools' peak usage since the JVM started (an upper bound of the live heap at any time). */
    private static long heapPeakBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static String digest(List<Pick>[] picks) throws NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(12);
        for (List<Pick> list : picks) {
            for (Pick p : list) {
                buf.clear();
                buf.putInt(p.product()).putLong(Double.doubleToLongBits(p.score()));
                sha.update(buf.array());
                sha.update(p.reason().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            sha.update((byte) '\n');
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }
}
