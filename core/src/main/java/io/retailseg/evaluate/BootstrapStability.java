package io.retailseg.evaluate;

import io.retailseg.model.Segmenter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How much the segmentation depends on the sample: B bootstrap resamples of the segmented customers
 * (drawn with replacement, as many as there are customers), each re-fitted from the features with a
 * new projection (scaler and PCA, {@link Segmenter#fit}, so bounded as in the run) and k-means at the chosen k (the k search is not repeated: the question is whether
 * the same k gives the same segments). Every customer of the original data is then assigned to the
 * nearest bootstrap centroid (through the bootstrap's {@link Segmenter}), and:
 * <ul>
 *   <li>the adjusted Rand index compares that assignment of all customers with the original segments;</li>
 *   <li>each original segment's Jaccard stability is, as in C. Hennig, "Cluster-wise assessment of
 *       cluster stability", Computational Statistics &amp; Data Analysis 52, 2007: the mean over
 *       resamples of the largest Jaccard similarity between the segment restricted to the distinct
 *       customers drawn in the resample and any bootstrap segment restricted to the same customers.
 *       Hennig reads below 0.5 as "dissolved", 0.6 to 0.75 as a pattern, above 0.75 as valid and above
 *       0.85 as highly stable.</li>
 * </ul>
 * Each resample takes its own generator split from the seed before any work, so results do not
 * depend on threads.
 */
public final class BootstrapStability {
    private BootstrapStability() {
    }

    /** How the segmentation was fitted, to re-fit it the same way. */
    public record Settings(int pcaComponents, int restarts, int maxIterations, double tolerance, int threads) {
    }

    /**
     * @param adjustedRand per resample, ARI of the bootstrap assignment of all customers vs the segments
     * @param jaccard per resample (rows) and segment (columns), Hennig's max Jaccard similarity;
     *     NaN when the resample drew no customer of the segment
     * @param segmentStability per segment, the mean of its column of {@code jaccard} over the resamples
     *     that drew one of its customers
     */
    public record Result(int resamples, int k, double[] adjustedRand, double[][] jaccard, double[] segmentStability) {
        public double meanAdjustedRand() {
            double s = 0;
            for (double v : adjustedRand) {
                s += v;
            }
            return adjustedRand.length == 0 ? Double.NaN : s / adjustedRand.length;
        }

        public double minAdjustedRand() {
            double m = Double.POSITIVE_INFINITY;
            for (double v : adjustedRand) {
                m = Math.min(m, v);
            }
            return adjustedRand.length == 0 ? Double.NaN : m;
        }
    }

    /**
     * @param features unscaled features of the segmented customers (rows)
     * @param labels their segments, 0..k-1
     * @param k number of segments
     * @param resamples B, at least 1
     * @param seed seed of the resampling and of every re-fit
     */
    public static Result run(double[][] features, int[] labels, int k, int resamples, long seed, Settings s) {
        if (resamples < 1) {
            throw new IllegalArgumentException("BootstrapStability.run: resamples must be at least 1, found "
                    + resamples);
        }
        int m = features.length;
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] generators = new SplittableRandom[resamples];
        for (int b = 0; b < resamples; b++) {
            generators[b] = root.split();
        }
        double[] ari = new double[resamples];
        double[][] jaccard = new double[resamples][k];
        for (int b = 0; b < resamples; b++) {
            SplittableRandom rng = generators[b];
            double[][] sample = new double[m][];
            boolean[] drawn = new boolean[m];
            for (int i = 0; i < m; i++) {
                int pick = rng.nextInt(m);
                sample[i] = features[pick];
                drawn[pick] = true;
            }
            Segmenter fit = Segmenter.fit(sample, s.pcaComponents(), k, s.restarts(), s.maxIterations(),
                    s.tolerance(), rng.nextLong(), s.threads());
            int[] assigned = new int[m];
            for (int i = 0; i < m; i++) {
                assigned[i] = fit.segment(features[i]);
            }
            ari[b] = AdjustedRand.index(labels, assigned);
            for (int c = 0; c < k; c++) {
                jaccard[b][c] = bestJaccard(labels, assigned, drawn, c, k);
            }
        }
        double[] stability = new double[k];
        for (int c = 0; c < k; c++) {
            double sum = 0;
            int n = 0;
            for (int b = 0; b < resamples; b++) {
                if (!Double.isNaN(jaccard[b][c])) {
                    sum += jaccard[b][c];
                    n++;
                }
            }
            stability[c] = n == 0 ? Double.NaN : sum / n;
        }
        return new Result(resamples, k, ari, jaccard, stability);
    }

    /**
     * Max over bootstrap clusters of the Jaccard similarity, on the drawn customers, between original
     * cluster {@code c} and the bootstrap cluster; NaN when no drawn customer is in {@code c}.
     */
    static double bestJaccard(int[] original, int[] bootstrap, boolean[] drawn, int c, int k) {
        List<Integer> rows = new ArrayList<>();
        boolean any = false;
        for (int i = 0; i < original.length; i++) {
            if (drawn[i]) {
                rows.add(i);
                any |= original[i] == c;
            }
        }
        if (!any) {
            return Double.NaN;
        }
        boolean[] inOriginal = new boolean[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            inOriginal[i] = original[rows.get(i)] == c;
        }
        double best = 0;
        int kb = 0;
        for (int v : bootstrap) {
            kb = Math.max(kb, v + 1);
        }
        for (int d = 0; d < Math.max(k, kb); d++) {
            boolean[] inBootstrap = new boolean[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                inBootstrap[i] = bootstrap[rows.get(i)] == d;
            }
            best = Math.max(best, AdjustedRand.jaccard(inOriginal, inBootstrap));
        }
        return best;
    }
}
