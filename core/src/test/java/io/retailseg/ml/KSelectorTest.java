package io.retailseg.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KSelectorTest {
    private static final KSelector.Settings SETTINGS = new KSelector.Settings(10, 100, 1e-4, 42L, 1, 0.005);

    /**
     * Three blobs of five points, each a centre and its four neighbours at distance 1: every blob's
     * squared distances to its centre sum to 4, so the k = 3 inertia is 3 * 4 = 12.
     */
    private static double[][] blobs() {
        double[][] centres = {{0, 0}, {20, 0}, {0, 20}};
        double[][] offsets = {{0, 0}, {1, 0}, {-1, 0}, {0, 1}, {0, -1}};
        List<double[]> x = new ArrayList<>();
        for (double[] c : centres) {
            for (double[] o : offsets) {
                x.add(new double[] {c[0] + o[0], c[1] + o[1]});
            }
        }
        return x.toArray(new double[0][]);
    }

    private static List<KCandidate> curve(double... inertia) {
        List<KCandidate> c = new ArrayList<>();
        for (int i = 0; i < inertia.length; i++) {
            c.add(new KCandidate(i + 1, inertia[i], 0));
        }
        return c;
    }

    @Test
    void elbowIsThePointFurthestBelowTheChord() {
        // k = 1..6, inertia 100 60 20 15 10 5. Scaled x = (k-1)/5, y = (I-5)/95; gap = (1-x) - y:
        // k2 0.8 - 55/95 = 0.221, k3 0.6 - 15/95 = 0.442, k4 0.4 - 10/95 = 0.295, k5 0.2 - 5/95 = 0.147.
        assertThat(KSelector.elbow(curve(100, 60, 20, 15, 10, 5))).hasValue(3);
        // k = 1..5, inertia 100 40 20 15 12: gaps k2 0.75 - 28/88 = 0.432, k3 0.5 - 8/88 = 0.409.
        assertThat(KSelector.elbow(curve(100, 40, 20, 15, 12))).hasValue(2);
    }

    @Test
    void aStraightOrFlatCurveOrTooFewPointsHaveNoElbow() {
        assertThat(KSelector.elbow(curve(100, 75, 50, 25, 0))).isEmpty();
        assertThat(KSelector.elbow(curve(10, 10, 10))).isEmpty();
        assertThat(KSelector.elbow(curve(100, 10))).isEmpty();
    }

    @Test
    void threeSeparatedBlobsGiveKThree() {
        double[][] x = blobs();

        KSelector.Outcome o = KSelector.choose(x, 2, 6, SETTINGS);

        assertThat(o.selection().chosenK()).isEqualTo(3);
        assertThat(o.selection().candidates()).extracting(KCandidate::k).containsExactly(2, 3, 4, 5, 6);
        assertThat(o.clustering().inertia()).isCloseTo(12.0, within(1e-9));
        int[] labels = o.clustering().labels();
        for (int blob = 0; blob < 3; blob++) {
            for (int i = 1; i < 5; i++) {
                assertThat(labels[blob * 5 + i]).isEqualTo(labels[blob * 5]);
            }
        }
        assertThat(labels[0]).isNotEqualTo(labels[5]).isNotEqualTo(labels[10]);
        assertThat(labels[5]).isNotEqualTo(labels[10]);
        double best = o.selection().candidates().stream().mapToDouble(KCandidate::silhouette).max().orElseThrow();
        assertThat(o.selection().candidates().get(1).silhouette()).isEqualTo(best);
        assertThat(o.selection().elbowK()).isPresent();
    }

    @Test
    void silhouettesWithinTheToleranceOfTheBestGoToTheSmallerK() {
        double[][] x = blobs();
        KSelector.Settings lenient = new KSelector.Settings(10, 100, 1e-4, 42L, 1, 2.0);

        // Silhouettes lie in [-1, 1]: a tolerance of 2 makes every k a tie, so the smallest wins.
        KSelector.Outcome o = KSelector.choose(x, 2, 6, lenient);

        assertThat(o.selection().chosenK()).isEqualTo(2);
        assertThat(o.clustering().k()).isEqualTo(2);
        assertThat(o.selection().reason()).contains("k=2").contains("within");
    }

    @Test
    void fixedKClustersWithThatKAndReproducesTheSearchsClustering() {
        double[][] x = blobs();

        KSelector.Outcome fixed = KSelector.fixed(x, 3, SETTINGS);
        KSelector.Outcome chosen = KSelector.choose(x, 2, 6, SETTINGS);

        assertThat(fixed.selection().chosenK()).isEqualTo(3);
        assertThat(fixed.selection().candidates()).hasSize(1);
        assertThat(fixed.selection().elbowK()).isEmpty();
        assertThat(fixed.selection().rule()).contains("fixed");
        assertThat(fixed.clustering().labels()).containsExactly(chosen.clustering().labels());
        assertThat(fixed.selection().candidates().get(0).silhouette())
                .isEqualTo(chosen.selection().candidates().get(1).silhouette());

        KSelector.Outcome four = KSelector.fixed(x, 4, SETTINGS);
        assertThat(four.selection().chosenK()).isEqualTo(4);
        assertThat(four.clustering().centroids()).hasNumberOfRows(4);
    }
}
