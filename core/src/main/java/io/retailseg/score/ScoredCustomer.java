package io.retailseg.score;

import io.retailseg.recommend.Recommendation;
import io.retailseg.clv.CustomerValueModel;
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
 * @param recommendations the model's recommendations for the customer, by rank (none for an outlier)
 * @param value P(alive), expected purchases, order value and value over the model's horizon (NaN where the
 *     model has no customer-value part or the customer only cancelled)
 */
public record ScoredCustomer(long customerId, double[] features, double outlierScore, boolean outlier, int segment,
                             String segmentName, double[] pcaScores, List<Recommendation> recommendations,
                             CustomerValueModel.Prediction value) {
    public ScoredCustomer {
        recommendations = List.copyOf(recommendations);
    }
}
