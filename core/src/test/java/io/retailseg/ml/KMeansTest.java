package io.retailseg.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KMeansTest {
    private static final int RESTARTS = 10;
    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-4;
    private static final long SEED = 42L;

    private final JsonNode blobs = Fixtures.load("blobs.json");
    private final double[][] x = Fixtures.matrix(blobs.get("x"));

    @Test
    void findsScikitLearnsPartitionOfWellSeparatedBlobs() {
        int k = blobs.get("k").asInt();
        int[] expected = Fixtures.ints(blobs.get("labels"));

        KMeansResult result = KMeans.fit(x, k, RESTARTS, MAX_ITERATIONS, TOLERANCE, SEED, 1);

        assertSamePartition(result.labels(), expected);
        double sklearnInertia = blobs.get("inertia").asDouble();
        assertThat(Math.abs(result.inertia() - sklearnInertia) / sklearnInertia).isLessThan(1e-6);
        assertThat(result.centroids()).hasNumberOfRows(k);
        assertThat(result.iterations()).isBetween(1, MAX_ITERATIONS);
    }

    @Test
    void inertiaOnOverlappingBlobsIsWithinOnePercentOfScikitLearnsBestOfTen() {
        JsonNode overlap = Fixtures.load("overlap.json");
        double[][] y = Fixtures.matrix(overlap.get("x"));

        KMeansResult result = KMeans.fit(y, overlap.get("k").asInt(), RESTARTS, MAX_ITERATIONS, TOLERANCE, SEED, 1);

        assertThat(result.inertia()).isLessThanOrEqualTo(overlap.get("inertia").asDouble() * 1.01);
    }

    @Test
    void labelsAreTheNearestCentroidsAndInertiaIsTheirSquaredDistance() {
        JsonNode overlap = Fixtures.load("overlap.json");
        double[][] y = Fixtures.matrix(overlap.get("x"));
        // Few iterations so the run stops early: the final assignment step must still hold.
        KMeansResult result = KMeans.fit(y, 5, 1, 2, TOLERANCE, SEED, 1);

        double inertia = 0;
        for (int i = 0; i < y.length; i++) {
            assertThat(result.labels()[i]).isEqualTo(KMeans.nearest(result.centroids(), y[i]));
            inertia += Matrices.squaredDistance(y[i], result.centroids()[result.labels()[i]]);
        }
        assertThat(result.inertia()).isEqualTo(inertia);
    }

    @Test
    void sameSeedGivesBitIdenticalResultsForAnyThreadCount() {
        JsonNode overlap = Fixtures.load("overlap.json");
        double[][] y = Fixtures.matrix(overlap.get("x"));
        // 10 restarts on 2 threads parallelizes restarts; 1 restart on 2 threads parallelizes rows.
        for (int restarts : new int[] {RESTARTS, 1}) {
            KMeansResult one = KMeans.fit(y, 5, restarts, MAX_ITERATIONS, TOLERANCE, SEED, 1);
            KMeansResult two = KMeans.fit(y, 5, restarts, MAX_ITERATIONS, TOLERANCE, SEED, 2);
            KMeansResult three = KMeans.fit(y, 5, restarts, MAX_ITERATIONS, TOLERANCE, SEED, 3);

            for (KMeansResult other : new KMeansResult[] {two, three}) {
                assertThat(other.labels()).containsExactly(one.labels());
                assertThat(other.centroids()).isDeepEqualTo(one.centroids());
                assertThat(Double.doubleToRawLongBits(other.inertia()))
                        .isEqualTo(Double.doubleToRawLongBits(one.inertia()));
                assertThat(other.iterations()).isEqualTo(one.iterations());
            }
        }
    }

    @Test
    void kEqualToRowsPutsEveryRowInItsOwnCluster() {
        double[][] tiny = {{0, 0}, {1, 0}, {0, 5}, {9, 9}};
        KMeansResult result = KMeans.fit(tiny, 4, 3, MAX_ITERATIONS, TOLERANCE, SEED, 1);

        assertThat(result.inertia()).isEqualTo(0.0);
        assertThat(result.labels()).doesNotHaveDuplicates();
    }

    @Test
    void duplicateRowsWithMoreClustersThanDistinctPointsStillGiveKLabelsInRange() {
        double[][] repeated = {{1, 1}, {1, 1}, {1, 1}, {2, 2}, {2, 2}};
        KMeansResult result = KMeans.fit(repeated, 3, 2, MAX_ITERATIONS, TOLERANCE, SEED, 1);

        assertThat(java.util.Arrays.stream(result.labels()).boxed()).allSatisfy(label -> assertThat(label).isBetween(0, 2));
        assertThat(result.inertia()).isEqualTo(0.0);
    }

    @Test
    void nearestBreaksTiesTowardsTheLowestIndex() {
        double[][] centroids = {{0, 0}, {2, 0}, {1, 5}};
        assertThat(KMeans.nearest(centroids, new double[] {1, 0})).isZero();
        assertThat(KMeans.nearest(centroids, new double[] {1.5, 0})).isEqualTo(1);
    }

    @Test
    void rejectsKOutsideOneToRows() {
        double[][] tiny = {{0, 0}, {1, 1}, {2, 2}};
        assertThatThrownBy(() -> KMeans.fit(tiny, 4, 1, 10, TOLERANCE, SEED, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k must be between 1 and the number of rows (3), found 4");
        assertThatThrownBy(() -> KMeans.fit(tiny, 0, 1, 10, TOLERANCE, SEED, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found 0");
        assertThatThrownBy(() -> KMeans.fit(tiny, 2, 1, 10, TOLERANCE, SEED, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads");
    }

    /** Asserts that the two labellings are equal up to a renaming of the clusters. */
    static void assertSamePartition(int[] actual, int[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        Map<Integer, Integer> forward = new HashMap<>();
        Map<Integer, Integer> backward = new HashMap<>();
        for (int i = 0; i < actual.length; i++) {
            Integer mapped = forward.putIfAbsent(actual[i], expected[i]);
            Integer reverse = backward.putIfAbsent(expected[i], actual[i]);
            assertThat(mapped == null ? expected[i] : mapped).as("row %d", i).isEqualTo(expected[i]);
            assertThat(reverse == null ? actual[i] : reverse).as("row %d", i).isEqualTo(actual[i]);
        }
    }
}
