package io.retailseg.ml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SampledSilhouetteTest {
    /** Three overlapping Gaussian blobs in 4 dimensions, labelled by k-means. */
    private static final int N = 3_000;
    private static final double[][] X = blobs(N, 11);
    private static final int K = 3;
    private static final int[] LABELS = KMeans.fit(X, K, 3, 100, 1e-4, 5, 2).labels();
    private static final double EXACT = ClusterMetrics.silhouette(X, LABELS, K, 2);

    private static double[][] blobs(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] centres = {{0, 0, 0, 0}, {2.5, 0, 1, 0}, {0, 3, 0, 1}};
        double[][] x = new double[n][4];
        for (int i = 0; i < n; i++) {
            double[] c = centres[i % 3];
            for (int j = 0; j < 4; j++) {
                x[i][j] = c[j] + gaussian(r);
            }
        }
        return x;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Test
    void atOrBelowTheSampleSizeTheSilhouetteIsExact() {
        SampledSilhouette.Estimate e = SampledSilhouette.of(X, N, 1).score(LABELS, K, 1);
        assertThat(e.exact()).isTrue();
        assertThat(e.mean()).isEqualTo(EXACT);
        assertThat(e.standardError()).isZero();
        assertThat(e.sampleSize()).isEqualTo(N);
    }

    @Test
    void cachedPairDistancesGiveTheExactSilhouetteBitForBitForEveryK() {
        SampledSilhouette scorer = SampledSilhouette.of(X, N, 1);
        for (int k = 2; k <= 6; k++) {
            int[] labels = KMeans.fit(X, k, 2, 50, 1e-4, 5, 2).labels();
            assertThat(scorer.score(labels, k, 2).mean()).as("k=%d", k)
                    .isEqualTo(ClusterMetrics.silhouette(X, labels, k, 1));
        }
    }

    /**
     * The k search's one pass over the cached distances for every k, split among threads, gives each k's
     * silhouette bit for bit as the row-by-row kernel does, whatever the thread count, and on a sample the
     * same estimates as scoring one k at a time.
     */
    @Test
    void scoringEveryKAtOnceGivesEachKsSilhouetteBitForBit() {
        int[][] labels = new int[9][];
        int[] ks = new int[9];
        for (int k = 2; k <= 10; k++) {
            labels[k - 2] = KMeans.fit(X, k, 2, 50, 1e-4, 5, 2).labels();
            ks[k - 2] = k;
        }
        for (int threads = 1; threads <= 4; threads++) {
            SampledSilhouette.Estimate[] all = SampledSilhouette.of(X, N, 1).scoreAll(labels, ks, threads);
            for (int i = 0; i < ks.length; i++) {
                assertThat(all[i].mean()).as("k=%d, %d threads", ks[i], threads)
                        .isEqualTo(ClusterMetrics.silhouette(X, labels[i], ks[i], 1));
                assertThat(all[i].exact()).isTrue();
            }
        }
        SampledSilhouette sampled = SampledSilhouette.of(X, N / 3, 9);
        SampledSilhouette.Estimate[] estimates = sampled.scoreAll(labels, ks, 2);
        for (int i = 0; i < ks.length; i++) {
            assertThat(estimates[i]).isEqualTo(sampled.score(labels[i], ks[i], 2));
        }
    }

    @Test
    void sampledSilhouetteIsWithinThreeStandardErrorsOfTheExactOneForEverySeed() {
        int withinOne = 0;
        int seeds = 20;
        for (long seed = 1; seed <= seeds; seed++) {
            SampledSilhouette.Estimate e = SampledSilhouette.of(X, 400, seed).score(LABELS, K, 2);
            assertThat(e.exact()).isFalse();
            assertThat(e.sampleSize()).isEqualTo(400);
            assertThat(e.population()).isEqualTo(N);
            assertThat(e.standardError()).isBetween(0.001, 0.05);
            assertThat(Math.abs(e.mean() - EXACT)).as("seed %d: %f vs exact %f, se %f", seed, e.mean(), EXACT,
                    e.standardError()).isLessThanOrEqualTo(3 * e.standardError());
            if (Math.abs(e.mean() - EXACT) <= e.standardError()) {
                withinOne++;
            }
        }
        // the stated error is not inflated: about 68% of the estimates fall within one standard error
        assertThat(withinOne).isBetween(seeds / 3, seeds);
    }

    @Test
    void sameSeedSameSampleAnyThreadCount() {
        SampledSilhouette.Estimate one = SampledSilhouette.of(X, 500, 9).score(LABELS, K, 1);
        SampledSilhouette.Estimate four = SampledSilhouette.of(X, 500, 9).score(LABELS, K, 4);
        assertThat(four).isEqualTo(one);
        assertThat(SampledSilhouette.of(X, 500, 10).score(LABELS, K, 1).mean()).isNotEqualTo(one.mean());
    }

    @Test
    void sampleIsDistinctAscendingAndInRange() {
        int[] s = SampledSilhouette.sample(100, 40, 3);
        assertThat(s).hasSize(40).isSorted().doesNotHaveDuplicates();
        assertThat(s[0]).isGreaterThanOrEqualTo(0);
        assertThat(s[39]).isLessThan(100);
    }
}
