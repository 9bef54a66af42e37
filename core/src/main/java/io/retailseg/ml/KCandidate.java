package io.retailseg.ml;

/**
 * One k tried while choosing the number of segments.
 *
 * @param k number of clusters
 * @param inertia k-means inertia (sum of squared distances to the nearest centroid), best restart
 * @param silhouette mean silhouette of that clustering, exact or estimated on a sample
 * @param silhouetteStandardError standard error of {@code silhouette}; 0 when exact
 * @param silhouetteSampleSize rows the silhouette was computed on; 0 when all rows (exact)
 */
public record KCandidate(int k, double inertia, double silhouette, double silhouetteStandardError,
                         int silhouetteSampleSize) {
    /** A candidate whose silhouette is exact. */
    public KCandidate(int k, double inertia, double silhouette) {
        this(k, inertia, silhouette, 0.0, 0);
    }

    public static KCandidate of(int k, double inertia, SampledSilhouette.Estimate s) {
        return new KCandidate(k, inertia, s.mean(), s.standardError(), s.exact() ? 0 : s.sampleSize());
    }
}
