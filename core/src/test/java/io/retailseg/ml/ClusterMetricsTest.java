package io.retailseg.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ClusterMetricsTest {
    private static final double TOLERANCE = 1e-9;
    private final JsonNode blobs = Fixtures.load("blobs.json");
    private final double[][] x = Fixtures.matrix(blobs.get("x"));

    @ParameterizedTest
    @ValueSource(strings = {"kmeans", "arbitrary"})
    void metricsMatchScikitLearn(String labelling) {
        JsonNode expected = blobs.get("metrics").get(labelling);
        int[] labels = Fixtures.ints(expected.get("labels"));
        int k = expected.get("k").asInt();

        assertThat(ClusterMetrics.silhouetteSamples(x, labels, k, 1))
                .containsExactly(Fixtures.vector(expected.get("silhouette_samples")), within(TOLERANCE));
        assertThat(ClusterMetrics.silhouette(x, labels, k, 1))
                .isCloseTo(expected.get("silhouette").asDouble(), within(TOLERANCE));
        assertThat(ClusterMetrics.calinskiHarabasz(x, labels, k))
                .isCloseTo(expected.get("calinski_harabasz").asDouble(), within(TOLERANCE));
        assertThat(ClusterMetrics.daviesBouldin(x, labels, k))
                .isCloseTo(expected.get("davies_bouldin").asDouble(), within(TOLERANCE));
    }

    @Test
    void aRowAloneInItsClusterHasSilhouetteZero() {
        int[] labels = Fixtures.ints(blobs.get("metrics").get("arbitrary").get("labels"));
        assertThat(labels[5]).isEqualTo(3);

        assertThat(ClusterMetrics.silhouetteSamples(x, labels, 4, 1)[5]).isZero();
    }

    @Test
    void emptyClustersDoNotCountAsScikitLearnReencodesLabels() {
        JsonNode expected = blobs.get("metrics").get("kmeans");
        int[] labels = Fixtures.ints(expected.get("labels"));

        // k = 6 with labels 0..3 only: clusters 4 and 5 are empty.
        assertThat(ClusterMetrics.calinskiHarabasz(x, labels, 6))
                .isCloseTo(expected.get("calinski_harabasz").asDouble(), within(TOLERANCE));
        assertThat(ClusterMetrics.daviesBouldin(x, labels, 6))
                .isCloseTo(expected.get("davies_bouldin").asDouble(), within(TOLERANCE));
        assertThat(ClusterMetrics.silhouette(x, labels, 6, 1))
                .isCloseTo(expected.get("silhouette").asDouble(), within(TOLERANCE));
    }

    @Test
    void silhouetteIsBitIdenticalForAnyThreadCount() {
        int[] labels = Fixtures.ints(blobs.get("metrics").get("arbitrary").get("labels"));

        double[] one = ClusterMetrics.silhouetteSamples(x, labels, 4, 1);
        double[] two = ClusterMetrics.silhouetteSamples(x, labels, 4, 2);
        double[] three = ClusterMetrics.silhouetteSamples(x, labels, 4, 3);

        assertThat(two).containsExactly(one);
        assertThat(three).containsExactly(one);
        assertThat(Double.doubleToRawLongBits(ClusterMetrics.silhouette(x, labels, 4, 2)))
                .isEqualTo(Double.doubleToRawLongBits(ClusterMetrics.silhouette(x, labels, 4, 1)));
    }

    @Test
    void handCheckedTwoClusterCase() {
        // Clusters {0, 1} and {10, 11} on a line. Row 0: a = 1, b = (10 + 11) / 2 = 10.5.
        double[][] line = {{0}, {1}, {10}, {11}};
        int[] labels = {0, 0, 1, 1};

        assertThat(ClusterMetrics.silhouetteSamples(line, labels, 2, 1)[0]).isCloseTo(9.5 / 10.5, within(1e-15));
        // Between: 2 * 5^2 * 2 = 100, within: 4 * 0.25 = 1, times (4 - 2) / (2 - 1) = 200.
        assertThat(ClusterMetrics.calinskiHarabasz(line, labels, 2)).isCloseTo(200.0, within(1e-12));
        // Scatter 0.5 each, centroid distance 10: (0.5 + 0.5) / 10.
        assertThat(ClusterMetrics.daviesBouldin(line, labels, 2)).isCloseTo(0.1, within(1e-15));
    }

    @Test
    void rejectsASingleClusterAndLabelsOutOfRange() {
        int[] single = new int[x.length];
        assertThatThrownBy(() -> ClusterMetrics.silhouette(x, single, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found 1");
        int[] bad = new int[x.length];
        bad[3] = 9;
        assertThatThrownBy(() -> ClusterMetrics.daviesBouldin(x, bad, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 3");
    }
}
