package io.retailseg.model;

import io.retailseg.ml.KMeans;
import io.retailseg.ml.KMeansResult;

/**
 * Unscaled features to a segment: the {@link Projection} then the nearest centroid. The one place the
 * chain scaler, PCA, nearest centroid exists; the run, scoring, the bootstrap and segment matching all
 * go through it. Immutable.
 */
public final class Segmenter {
    private final Projection projection;
    private final double[][] centroids;

    /**
     * @param centroids k-means centroids in the projection's space, row = segment id
     * @throws IllegalArgumentException when a centroid does not have one finite value per component
     */
    public Segmenter(Projection projection, double[][] centroids) {
        if (centroids.length == 0) {
            throw new IllegalArgumentException("centroids: expected at least one, found none");
        }
        double[][] copy = new double[centroids.length][];
        for (int s = 0; s < centroids.length; s++) {
            if (centroids[s] == null || centroids[s].length != projection.components()) {
                throw new IllegalArgumentException("centroids[" + s + "]: expected " + projection.components()
                        + " values (one per principal component), found "
                        + (centroids[s] == null ? "none" : centroids[s].length));
            }
            for (int c = 0; c < centroids[s].length; c++) {
                if (!Double.isFinite(centroids[s][c])) {
                    throw new IllegalArgumentException("centroids[" + s + "][" + c + "]: expected a finite number, found "
                            + centroids[s][c]);
                }
            }
            copy[s] = centroids[s].clone();
        }
        this.projection = projection;
        this.centroids = copy;
    }

    /**
     * Fits a projection on {@code features} and k-means at a fixed {@code k} on its scores (what the
     * bootstrap re-fits on each resample).
     */
    public static Segmenter fit(double[][] features, int components, int k, int restarts, int maxIterations,
                                double tolerance, long seed, int threads) {
        Projection projection = Projection.fit(features, components);
        KMeansResult fit = KMeans.fit(projection.projectAll(features), k, restarts, maxIterations, tolerance, seed,
                threads);
        return new Segmenter(projection, fit.centroids());
    }

    /** The segment of one customer's unscaled features. */
    public int segment(double[] features) {
        return nearest(projection.project(features));
    }

    /** The segment of principal-component scores of this projection. */
    public int nearest(double[] scores) {
        return KMeans.nearest(centroids, scores);
    }

    /** Number of segments. */
    public int k() {
        return centroids.length;
    }

    public Projection projection() {
        return projection;
    }

    /** The centroids, row = segment id; a copy. */
    public double[][] centroids() {
        double[][] copy = new double[centroids.length][];
        for (int s = 0; s < centroids.length; s++) {
            copy[s] = centroids[s].clone();
        }
        return copy;
    }

    /** Centroid {@code s} mapped back to unscaled features. */
    double[] centroidFeatures(int s) {
        return projection.toFeatures(centroids[s]);
    }
}
