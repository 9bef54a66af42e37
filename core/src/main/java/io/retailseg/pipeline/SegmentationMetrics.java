package io.retailseg.pipeline;

/**
 * Quality of a segmentation on the PCA scores, as scikit-learn defines them.
 *
 * @param silhouette mean silhouette, -1..1, higher is better (above 0.25 is reasonable structure)
 * @param calinskiHarabasz between- to within-cluster dispersion ratio, higher is better
 * @param daviesBouldin mean similarity of each cluster to its most similar one, lower is better
 */
public record SegmentationMetrics(double silhouette, double calinskiHarabasz, double daviesBouldin) {
}
