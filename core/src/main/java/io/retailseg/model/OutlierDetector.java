package io.retailseg.model;

import io.retailseg.ml.IsolationForest;

/**
 * The Isolation Forest and its threshold: a customer whose anomaly score is above the threshold is an
 * outlier. The threshold is the score quantile that flags {@code contamination} of the training
 * customers.
 *
 * @param forest the fitted forest
 * @param contamination share of training customers flagged
 * @param threshold scores above it are outliers
 */
public record OutlierDetector(IsolationForest forest, double contamination, double threshold) {
    public OutlierDetector {
        if (!(contamination > 0 && contamination <= 0.5)) {
            throw new IllegalArgumentException("contamination: expected a share in (0, 0.5], found " + contamination);
        }
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold: expected a number, found NaN");
        }
    }

    /**
     * Fits the forest on {@code features} and sets the threshold so that {@code contamination} of them are
     * flagged; the training scores come with it.
     */
    public static Fit fit(double[][] features, int trees, int sampleSize, double contamination, long seed,
                          int threads) {
        IsolationForest forest = IsolationForest.fit(features, trees, sampleSize, seed, threads);
        double[] scores = forest.scoreAll(features, threads);
        OutlierDetector detector = new OutlierDetector(forest, contamination,
                IsolationForest.threshold(scores, contamination));
        boolean[] outlier = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            outlier[i] = detector.isOutlier(scores[i]);
        }
        return new Fit(detector, scores, outlier);
    }

    /** The anomaly score of one customer's unscaled features (higher is more anomalous). */
    public double score(double[] features) {
        return forest.score(features);
    }

    /** Whether a score flags an outlier. */
    public boolean isOutlier(double score) {
        return score > threshold;
    }

    /**
     * A fitted detector with the training customers' scores and flags (ownership of the arrays passes
     * to the caller).
     */
    public record Fit(OutlierDetector detector, double[] scores, boolean[] outlier) {
    }
}
