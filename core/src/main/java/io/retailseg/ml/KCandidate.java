package io.retailseg.ml;

/**
 * One k tried while choosing the number of segments.
 *
 * @param k number of clusters
 * @param inertia k-means inertia (sum of squared distances to the nearest centroid), best restart
 * @param silhouette mean silhouette of that clustering
 */
public record KCandidate(int k, double inertia, double silhouette) {
}
