package io.retailseg.ml;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The mean silhouette, exact up to a size and estimated on a seeded random sample above it, so that
 * scoring a clustering stays O(s^2 d) time instead of O(n^2 d) on a million customers.
 *
 * <p>Estimate: draw {@code s} rows uniformly without replacement (seeded, the same rows for every
 * clustering of the same data, so candidate k values are compared on the same customers, which
 * cancels most of the sampling noise in their differences) and compute each sampled row's exact
 * silhouette, against all n rows: O(s n d) time, O(n) memory. The mean of a simple random sample is
 * an unbiased estimate of the mean silhouette, and its standard error is the sample standard
 * deviation over {@code sqrt(s)} times the finite-population correction {@code sqrt(1 - s/n)}.
 * (scikit-learn's {@code silhouette_score(sample_size=s)} instead scores the sample against itself,
 * O(s^2 d), which is biased: on 3,000 rows a sample of 400 came out 3 standard errors low.)
 */
public final class SampledSilhouette {
    /**
     * The mean silhouette and how it was computed.
     *
     * @param mean the mean silhouette (exact when {@code sampleSize == population})
     * @param standardError its standard error, 0 when exact
     * @param sampleSize rows the silhouette was computed on
     * @param population rows of the data
     */
    public record Estimate(double mean, double standardError, int sampleSize, int population) {
        public boolean exact() {
            return sampleSize == population;
        }
    }

    /**
     * Up to this many row pairs (2^24: 134 MB of doubles, about 5,800 rows) the exact silhouette
     * keeps every pairwise distance, computed once (each pair once, not twice) and reused for every
     * k of the search, so that each further k costs one pass over memory instead of n^2 square
     * roots. The real file's 4,143 segmented customers fit.
     */
    static final long MAX_CACHED_PAIRS = 1L << 24;

    private final double[][] x;
    private final int[] rows;
    private double[] pairDistances;

    private SampledSilhouette(double[][] x, int[] rows) {
        this.x = x;
        this.rows = rows;
    }

    /**
     * Prepares scoring of clusterings of {@code x}: all rows when there are at most
     * {@code maxExact}, else a seeded sample of {@code maxExact} rows.
     */
    public static SampledSilhouette of(double[][] x, int maxExact, long seed) {
        if (maxExact < 2) {
            throw new IllegalArgumentException("SampledSilhouette: sample size must be at least 2, was " + maxExact);
        }
        return new SampledSilhouette(x, x.length <= maxExact ? null : sample(x.length, maxExact, seed));
    }

    /** {@code size} distinct indices of {@code 0..n-1}, ascending, chosen uniformly (partial Fisher-Yates). */
    static int[] sample(int n, int size, long seed) {
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(n - i);
            int t = index[i];
            index[i] = index[j];
            index[j] = t;
        }
        int[] chosen = Arrays.copyOf(index, size);
        Arrays.sort(chosen);
        return chosen;
    }

    /** The mean silhouette of the clustering {@code labels} (0..k-1, one per row of x). */
    public Estimate score(int[] labels, int k, int threads) {
        int n = x.length;
        if (rows == null) {
            double exact = (long) n * (n - 1) / 2 <= MAX_CACHED_PAIRS
                    ? exactFromPairs(labels, k, threads) : ClusterMetrics.silhouette(x, labels, k, threads);
            return new Estimate(exact, 0.0, n, n);
        }
        int s = rows.length;
        double[] values = sampledValues(labels, k, threads);
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / s;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(squares / (s - 1));
        double standardError = sd / Math.sqrt(s) * Math.sqrt(1 - (double) s / n);
        return new Estimate(mean, standardError, s, n);
    }

    /**
     * The mean silhouettes of several clusterings of the same rows (the k search's), each the
     * {@link #score} of that clustering, bit for bit. When the silhouettes are exact from the cached pair
     * distances, one pass over the distances, block by block, serves every clustering (instead of one pass
     * of 69 MB per k on the real file), and the clusterings are shared among the threads (each
     * clustering's sums stay on one thread, in the same order as {@link #score}).
     *
     * @param labels per clustering, one label per row
     * @param ks per clustering, its number of clusters
     */
    public Estimate[] scoreAll(int[][] labels, int[] ks, int threads) {
        if (labels.length != ks.length) {
            throw new IllegalArgumentException("SampledSilhouette.scoreAll: " + labels.length + " clusterings but "
                    + ks.length + " k values");
        }
        int n = x.length;
        int count = labels.length;
        Estimate[] out = new Estimate[count];
        if (rows != null || (long) n * (n - 1) / 2 > MAX_CACHED_PAIRS) {
            for (int c = 0; c < count; c++) {
                out[c] = score(labels[c], ks[c], threads);
            }
            return out;
        }
        int[][] sizes = new int[count][];
        for (int c = 0; c < count; c++) {
            sizes[c] = checkedSizes(labels[c], ks[c]);
        }
        double[] d = pairDistances(threads);
        int groups = Math.min(threads, count);
        double[] means = new double[count];
        try (Parallel pool = Parallel.of(groups)) {
            pool.map(groups, g -> {
                int mine = (count - g + groups - 1) / groups;
                int[] which = new int[mine];
                for (int i = 0; i < mine; i++) {
                    which[i] = g + i * groups;
                }
                double[][] sums = new double[mine][];
                for (int i = 0; i < mine; i++) {
                    sums[i] = new double[n * ks[which[i]]];
                }
                // blocks of rows a whose pairs (a, b > a) fit in L2 together: each block is read from memory
                // once for all of this thread's clusterings; every clustering still sees the pairs in order
                int a = 0;
                int at = 0;
                while (a < n) {
                    int end = a;
                    int pairs = 0;
                    while (end < n && (pairs == 0 || pairs + (n - end - 1) <= PAIRS_PER_BLOCK)) {
                        pairs += n - end - 1;
                        end++;
                    }
                    for (int i = 0; i < mine; i++) {
                        int c = which[i];
                        accumulate(d, at, a, end, n, labels[c], ks[c], sums[i]);
                    }
                    at += pairs;
                    a = end;
                }
                for (int i = 0; i < mine; i++) {
                    int c = which[i];
                    means[c] = meanFromSums(sums[i], sizes[c], labels[c], ks[c]);
                }
                return null;
            });
        }
        for (int c = 0; c < count; c++) {
            out[c] = new Estimate(means[c], 0.0, n, n);
        }
        return out;
    }

    /** Pairs per block of {@link #scoreAll}: 32,768 distances, 256 KB. */
    private static final int PAIRS_PER_BLOCK = 1 << 15;

    /**
     * {@link ClusterMetrics#silhouette} from the cached distances, bit for bit: each row's sums per
     * cluster receive the distances to rows 0..n-1 in ascending order, as there.
     */
    private double exactFromPairs(int[] labels, int k, int threads) {
        int n = x.length;
        int[] sizes = checkedSizes(labels, k);
        double[] d = pairDistances(threads);
        double[] sums = new double[n * k];
        accumulate(d, 0, 0, n, n, labels, k, sums);
        return meanFromSums(sums, sizes, labels, k);
    }

    private int[] checkedSizes(int[] labels, int k) {
        int n = x.length;
        int[] sizes = ClusterMetrics.sizes(x, labels, k, "ClusterMetrics.silhouetteSamples");
        int present = ClusterMetrics.nonEmpty(sizes);
        if (present < 2 || present > n - 1) {
            throw new IllegalArgumentException("ClusterMetrics.silhouetteSamples: expected 2 to n - 1 (" + (n - 1)
                    + ") non-empty clusters, found " + present);
        }
        return sizes;
    }

    /**
     * Adds the distances of the pairs (a, b), {@code from <= a < to}, b > a, starting at {@code at} in
     * {@code d}, to {@code sums} (row-major, k per row): row a's sum for b's cluster and row b's for a's.
     */
    private static void accumulate(double[] d, int at, int from, int to, int n, int[] labels, int k, double[] sums) {
        for (int a = from; a < to; a++) {
            int own = a * k;
            int la = labels[a];
            for (int b = a + 1; b < n; b++) {
                double distance = d[at++];
                sums[own + labels[b]] += distance;
                sums[b * k + la] += distance;
            }
        }
    }

    private static double meanFromSums(double[] sums, int[] sizes, int[] labels, int k) {
        int n = labels.length;
        double[] row = new double[k];
        double total = 0;
        for (int i = 0; i < n; i++) {
            System.arraycopy(sums, i * k, row, 0, k);
            total += ClusterMetrics.fromSums(row, sizes, labels[i]);
        }
        return total / n;
    }

    /** Distances of all pairs a < b, row by row (a ascending, then b), computed once. */
    private double[] pairDistances(int threads) {
        if (pairDistances != null) {
            return pairDistances;
        }
        int n = x.length;
        int d = x[0].length;
        double[] out = new double[(int) ((long) n * (n - 1) / 2)];
        try (Parallel pool = Parallel.of(threads)) {
            // row a has n - a - 1 pairs: rows a and n - 1 - a together make every unit of work equal
            pool.forRange((n + 1) / 2, (from, to) -> {
                for (int u = from; u < to; u++) {
                    fillRow(out, u, n, d);
                    if (n - 1 - u != u) {
                        fillRow(out, n - 1 - u, n, d);
                    }
                }
            });
        }
        pairDistances = out;
        return out;
    }

    private void fillRow(double[] out, int a, int n, int d) {
        int at = (int) ((long) a * n - (long) a * (a + 1) / 2);
        double[] row = x[a];
        for (int b = a + 1; b < n; b++) {
            double[] other = x[b];
            double squared = 0;
            for (int j = 0; j < d; j++) {
                double diff = row[j] - other[j];
                squared += diff * diff;
            }
            out[at++] = Math.sqrt(squared);
        }
    }

    /**
     * The silhouette of each sampled row against all rows. The rows are first grouped by cluster into
     * one contiguous array, so each cluster's distance sum is a straight loop with four independent
     * accumulators (the row-by-row kernel adds into {@code sums[labels[m]]}, one dependent addition
     * after another). Each row's value depends only on the data, not on the threads.
     */
    private double[] sampledValues(int[] labels, int k, int threads) {
        int n = x.length;
        int d = x[0].length;
        int[] sizes = ClusterMetrics.sizes(x, labels, k, "ClusterMetrics.silhouetteSamples");
        int present = ClusterMetrics.nonEmpty(sizes);
        if (present < 2 || present > n - 1) {
            throw new IllegalArgumentException("ClusterMetrics.silhouetteSamples: expected 2 to n - 1 (" + (n - 1)
                    + ") non-empty clusters, found " + present);
        }
        int[] start = new int[k + 1];
        for (int c = 0; c < k; c++) {
            start[c + 1] = start[c] + sizes[c];
        }
        int[] next = java.util.Arrays.copyOf(start, k);
        double[] grouped = new double[n * d];
        for (int m = 0; m < n; m++) {
            System.arraycopy(x[m], 0, grouped, next[labels[m]]++ * d, d);
        }
        double[] values = new double[rows.length];
        try (Parallel pool = Parallel.of(threads)) {
            pool.forRange(rows.length, (from, to) -> {
                double[] sums = new double[k];
                for (int t = from; t < to; t++) {
                    int i = rows[t];
                    double[] row = x[i];
                    for (int c = 0; c < k; c++) {
                        sums[c] = clusterSum(row, grouped, start[c], start[c + 1], d);
                    }
                    values[t] = ClusterMetrics.fromSums(sums, sizes, labels[i]);
                }
            });
        }
        return values;
    }

    /** Sum of the distances from {@code row} to the grouped rows {@code from..to}. */
    private static double clusterSum(double[] row, double[] grouped, int from, int to, int d) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int m = from;
        for (; m + 3 < to; m += 4) {
            s0 += Math.sqrt(squared(row, grouped, m * d, d));
            s1 += Math.sqrt(squared(row, grouped, (m + 1) * d, d));
            s2 += Math.sqrt(squared(row, grouped, (m + 2) * d, d));
            s3 += Math.sqrt(squared(row, grouped, (m + 3) * d, d));
        }
        for (; m < to; m++) {
            s0 += Math.sqrt(squared(row, grouped, m * d, d));
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static double squared(double[] row, double[] grouped, int base, int d) {
        double sum = 0;
        for (int j = 0; j < d; j++) {
            double diff = row[j] - grouped[base + j];
            sum += diff * diff;
        }
        return sum;
    }
}
