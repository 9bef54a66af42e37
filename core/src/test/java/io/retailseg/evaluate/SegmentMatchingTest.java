package io.retailseg.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.retailseg.model.SegmentationModel;
import org.junit.jupiter.api.Test;

/**
 * Two runs with different scalers and PCA bases whose centroids describe the same customers in
 * another order: the matching must see through both.
 */
class SegmentMatchingTest {
    // Previous model: scaler means (10, 100), scales (2, 50); PCA = identity, so its centroids are
    // standardized features: segment 0 = features (10, 100), 1 = (14, 200), 2 = (6, 50).
    private static final SegmentationModel PREVIOUS = new SegmentationModel(1, null, "SPEC", "2011-12-09",
            null, null, new SegmentationModel.Scaler(new double[] {10, 100}, new double[] {2, 50}),
            new SegmentationModel.Projection(new double[] {0, 0}, new double[][] {{1, 0}, {0, 1}}, null, null),
            new double[][] {{0, 0}, {2, 2}, {-2, -1}}, null, null);

    // New run: other scaler, a rotated and shifted PCA basis.
    private static final SegmentMatching.Space NEW = new SegmentMatching.Space(new double[] {12, 150},
            new double[] {4, 100}, new double[] {0.1, -0.2}, new double[][] {{0, 1}, {-1, 0}});

    /** PCA scores in the new run's space of a point given by its features. */
    private static double[] scores(double f0, double f1) {
        double z0 = (f0 - 12) / 4 - 0.1;
        double z1 = (f1 - 150) / 100 + 0.2;
        return new double[] {z1, -z0};
    }

    @Test
    void mapsCentroidsBackToFeaturesAndPairsThemOptimally() {
        double[][] centroids = {scores(6, 50), scores(10, 100), scores(14.1, 201)};
        assertThat(NEW.toFeatures(centroids[0])).containsExactly(new double[] {6, 50}, within(1e-12));
        SegmentMatching.Match m = SegmentMatching.match(centroids, NEW, PREVIOUS);
        assertThat(m.previousId()).containsExactly(2, 0, 1);
        assertThat(m.newId()).containsExactly(2, 0, 1);
        // distance of (14.1, 201) to (14, 200) standardized by the previous scaler: (0.05, 0.02)
        assertThat(m.distance()[2]).isCloseTo(Math.hypot(0.05, 0.02), within(1e-12));
        assertThat(m.distance()[0]).isCloseTo(0, within(1e-12));
    }

    @Test
    void extraSegmentsTakeTheNextIdsAndFewerSegmentsKeepThePreviousOrder() {
        double[][] four = {scores(6, 50), scores(1000, 1000), scores(10, 100), scores(14, 200)};
        SegmentMatching.Match m = SegmentMatching.match(four, NEW, PREVIOUS);
        assertThat(m.previousId()).containsExactly(2, -1, 0, 1);
        assertThat(m.newId()).containsExactly(2, 3, 0, 1);
        assertThat(m.distance()[1]).isNaN();

        double[][] two = {scores(14, 200), scores(6, 50)};
        SegmentMatching.Match fewer = SegmentMatching.match(two, NEW, PREVIOUS);
        assertThat(fewer.previousId()).containsExactly(1, 2);
        assertThat(fewer.newId()).containsExactly(0, 1);
        assertThat(SegmentMatching.ids(new int[] {2, 0}, 3)).containsExactly(1, 0);
    }
}
