package io.retailseg.ml;

/**
 * The winning run of {@link KMeans#fit}.
 *
 * <p>Ownership of the arrays passes to the record: {@link KMeans} never keeps or changes them, and
 * callers should treat them as read-only.
 *
 * @param centroids  k x d cluster centres
 * @param labels     per row, the index of its nearest centre (0..k-1)
 * @param inertia    sum over rows of the squared distance to their centre
 * @param iterations Lloyd iterations the winning run used
 */
public record KMeansResult(double[][] centroids, int[] labels, double inertia, int iterations) {
    /** Number of clusters. */
    public int k() {
        return centroids.length;
    }
}
