package io.retailseg.score;

import io.retailseg.recommend.Recommendation;
import java.util.List;

/**
 * One customer scored with a saved model.
 *
 * @param customerId the customer
 * @param features the 15 features, in {@link io.retailseg.domain.Feature} order
 * @param outlierScore the Isolation Forest's anomaly score (higher = more anomalous)
 * @param outlier whether the score is above the model's threshold
 * @param segment the nearest segment's id, or -1 for an outlier
 * @param segmentName the segment's name, or {@code null} for an outlier
 * @param pcaScores the PCA scores the segment was chosen from, or {@code null} for an outlier
 * @param recommendations the segment's best sellers the customer never bought, by rank (none for an outlier)
 */
public record ScoredCustomer(long customerId, double[] features, double outlierScore, boolean outlier, int segment,
                             String segmentName, double[] pcaScores, List<Recommendation> recommendations) {
    public ScoredCustomer {
        recommendations = List.copyOf(recommendations);
    }
}
