package io.retailseg.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.retailseg.domain.Feature;
import io.retailseg.ml.Pca;
import io.retailseg.ml.StandardScaler;
import org.junit.jupiter.api.Test;

/**
 * Two runs with different scalers and PCA bases whose centroids describe the same customers in
 * another order: the matching must see through both. Only the first two features vary; the others are
 * 0 with scale 1 in both runs.
 */
class SegmentMatchingTest {
    // Previous model: scaler means (10, 100), scales (2, 50); PCA = identity on the first two features,
    // so its centroids are standardized features: segment 0 = features (10, 100), 1 = (14, 200), 2 = (6, 50).
    private static final Segmenter PREVIOUS = new Segmenter(projection(new double[] {10, 100}, new double[] {2, 50},
            new double[] {0, 0}, new double[][] {{1, 0}, {0, 1}}), new double[][] {{0, 0}, {2, 2}, {-2, -1}});

    // New run: other scaler, a rotated and shifted PCA basis.
    private static final Projection NEW = projection(new double[] {12, 150}, new double[] {4, 100},
            new double[] {0.1, -0.2}, new double[][] {{0, 1}, {-1, 0}});

    /** A projection over the 15 features whose first two are as given. */
    private static Projection projection(double[] means, double[] scales, double[] pcaMean, double[][] axes) {
        double[] m = new double[Feature.COUNT];
        double[] s = new double[Feature.COUNT];
        double[] pm = new double[Feature.COUNT];
        java.util.Arrays.fill(s, 1);
        double[][] components = new double[axes.length][Feature.COUNT];
        for (int j = 0; j < 2; j++) {
            m[j] = means[j];
            s[j] = scales[j];
            pm[j] = pcaMean[j];
            for (int c = 0; c < axes.length; c++) {
                components[c][j] = axes[c][j];
            }
        }
        return Projection.of(StandardScaler.of(m, s), Pca.of(pm, components, new double[axes.length],
                new double[Feature.COUNT]));
    }

    /** PCA scores in the new run's space of a point given by its first two features. */
    private static double[] scores(double f0, double f1) {
        double z0 = (f0 - 12) / 4 - 0.1;
        double z1 = (f1 - 150) / 100 + 0.2;
        return new double[] {z1, -z0};
    }

    private static Segmenter current(double[]... centroids) {
        return new Segmenter(NEW, centroids);
    }

    @Test
    void mapsCentroidsBackToFeaturesAndPairsThemOptimally() {
        double[][] centroids = {scores(6, 50), scores(10, 100), scores(14.1, 201)};
        assertThat(java.util.Arrays.copyOf(NEW.toFeatures(centroids[0]), 2)).containsExactly(new double[] {6, 50},
                within(1e-12));
        SegmentMatching.Match m = SegmentMatching.match(current(centroids), PREVIOUS);
        assertThat(m.previousId()).containsExactly(2, 0, 1);
        assertThat(m.newId()).containsExactly(2, 0, 1);
        // distance of (14.1, 201) to (14, 200) standardized by the previous scaler: (0.05, 0.02)
        assertThat(m.distance()[2]).isCloseTo(Math.hypot(0.05, 0.02), within(1e-12));
        assertThat(m.distance()[0]).isCloseTo(0, within(1e-12));
    }

    @Test
    void extraSegmentsTakeTheNextIdsAndFewerSegmentsKeepThePreviousOrder() {
        SegmentMatching.Match m = SegmentMatching.match(current(scores(6, 50), scores(1000, 1000), scores(10, 100),
                scores(14, 200)), PREVIOUS);
        assertThat(m.previousId()).containsExactly(2, -1, 0, 1);
        assertThat(m.newId()).containsExactly(2, 3, 0, 1);
        assertThat(m.distance()[1]).isNaN();

        SegmentMatching.Match fewer = SegmentMatching.match(current(scores(14, 200), scores(6, 50)), PREVIOUS);
        assertThat(fewer.previousId()).containsExactly(1, 2);
        assertThat(fewer.newId()).containsExactly(0, 1);
        assertThat(SegmentMatching.ids(new int[] {2, 0}, 3)).containsExactly(1, 0);
    }
}
