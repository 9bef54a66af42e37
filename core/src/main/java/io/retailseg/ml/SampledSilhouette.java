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

    private final double[][] x;
    private final int[] rows;

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
            return new Estimate(ClusterMetrics.silhouette(x, labels, k, threads), 0.0, n, n);
        }
        int s = rows.length;
        double[] values = ClusterMetrics.silhouetteOfRows(x, labels, k, rows, threads);
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
}
