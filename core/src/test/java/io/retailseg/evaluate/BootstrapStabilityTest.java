package io.retailseg.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.retailseg.domain.Feature;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Hennig's Jaccard stability by hand, and the bootstrap on data whose answer is known. */
class BootstrapStabilityTest {
    private static final BootstrapStability.Settings SETTINGS =
            new BootstrapStability.Settings(3, 5, 100, 1e-4, 1);

    @Test
    void bestJaccardRestrictsBothClusteringsToTheDrawnCustomers() {
        int[] original = {0, 0, 0, 1, 1, 1};
        int[] bootstrap = {1, 1, 0, 0, 0, 0};
        boolean[] drawn = {true, true, true, true, false, false};
        // Cluster 0 on the drawn {0,1,2}; bootstrap clusters on the drawn: {0,1} and {2,3}.
        // J({0,1,2}, {0,1}) = 2/3, J({0,1,2}, {2,3}) = 1/4.
        assertThat(BootstrapStability.bestJaccard(original, bootstrap, drawn, 0, 2)).isEqualTo(2.0 / 3);
        // Cluster 1 on the drawn is {3}: J({3}, {2,3}) = 1/2.
        assertThat(BootstrapStability.bestJaccard(original, bootstrap, drawn, 1, 2)).isEqualTo(0.5);
        assertThat(BootstrapStability.bestJaccard(original, bootstrap, new boolean[] {true, true, true, false, false,
            false}, 1, 2)).isNaN();
    }

    @Test
    void wellSeparatedBlobsAreFullyStable() {
        SplittableRandom rng = new SplittableRandom(3);
        int perBlob = 60;
        double[][] x = new double[3 * perBlob][];
        int[] labels = new int[x.length];
        double[][] centres = {{0, 0, 0}, {50, 0, 10}, {0, 50, -10}};
        for (int i = 0; i < x.length; i++) {
            int blob = i / perBlob;
            labels[i] = blob;
            x[i] = features(centres[blob][0] + rng.nextGaussian(), centres[blob][1] + rng.nextGaussian(),
                centres[blob][2] + rng.nextGaussian());
        }
        BootstrapStability.Result r = BootstrapStability.run(x, labels, 3, 8, 11, SETTINGS);
        assertThat(r.adjustedRand()).hasSize(8).containsOnly(1.0);
        assertThat(r.meanAdjustedRand()).isEqualTo(1.0);
        assertThat(r.segmentStability()).containsExactly(1.0, 1.0, 1.0);
        assertThat(r.jaccard()).hasNumberOfRows(8);
        // same seed, same numbers
        assertThat(BootstrapStability.run(x, labels, 3, 8, 11, SETTINGS).adjustedRand()).containsExactly(
                r.adjustedRand());
    }

    @Test
    void labelsUnrelatedToTheDataAreNotReproduced() {
        SplittableRandom rng = new SplittableRandom(5);
        double[][] x = new double[300][];
        int[] labels = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = features(rng.nextDouble(), rng.nextDouble(), rng.nextDouble());
            labels[i] = rng.nextInt(2);
        }
        BootstrapStability.Result r = BootstrapStability.run(x, labels, 2, 5, 1, SETTINGS);
        assertThat(r.meanAdjustedRand()).isBetween(-0.1, 0.1);
        assertThat(r.minAdjustedRand()).isLessThanOrEqualTo(r.meanAdjustedRand());
        for (double s : r.segmentStability()) {
            assertThat(s).isLessThan(0.75);
        }
    }

    /** A customer whose first three features are given and the other twelve 0 (constant, so they carry no signal). */
    private static double[] features(double a, double b, double c) {
        double[] row = new double[Feature.COUNT];
        row[0] = a;
        row[1] = b;
        row[2] = c;
        return row;
    }
}
