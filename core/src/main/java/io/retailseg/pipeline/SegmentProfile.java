package io.retailseg.pipeline;

import java.util.List;

/**
 * What a segment looks like.
 *
 * @param id segment id (0 = largest segment)
 * @param name short plain-language name generated from the profile
 * @param size customers in the segment
 * @param revenueShare the segment's share of the segmented customers' total spend
 * @param featureMeans mean of each raw feature, in {@link io.retailseg.domain.Feature} order
 * @param standardizedMeans mean of each feature standardized over all segmented customers (the
 *     radar chart: 0 = average customer, 1 = one standard deviation above)
 * @param distinguishing the features furthest from the average, in words, most distinctive first
 * @param meanProbabilityAlive the mean P(alive) of the segment's customers (BG/NBD), NaN without a model
 * @param expectedValue the segment's total expected value over the horizon, NaN without a spend model
 */
public record SegmentProfile(int id, String name, int size, double revenueShare, double[] featureMeans,
                             double[] standardizedMeans, List<String> distinguishing, double meanProbabilityAlive,
                             double expectedValue) {
    public SegmentProfile {
        featureMeans = featureMeans.clone();
        standardizedMeans = standardizedMeans.clone();
        distinguishing = List.copyOf(distinguishing);
    }

    @Override
    public double[] featureMeans() {
        return featureMeans.clone();
    }

    @Override
    public double[] standardizedMeans() {
        return standardizedMeans.clone();
    }
}
