package io.retailseg.model;

import io.retailseg.ml.IsolationForest;
import io.retailseg.recommend.TopProduct;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to score a new customer's lines without the training data, written as
 * {@code model.json}. It carries its provenance: the configuration and input it came from.
 *
 * @param formatVersion version of this layout
 * @param provenance input name, rows read, and every configuration parameter
 * @param compat feature definitions used ({@code SPEC} or {@code NOTEBOOK})
 * @param referenceDay "the last day" of the training data (ISO date): recency is measured from it
 * @param features feature names, in the column order of every vector below
 * @param outliers the Isolation Forest and its threshold (outlier when score &gt; threshold)
 * @param scaler StandardScaler means and scales (scale 1 and mean 0 for unscaled features)
 * @param pca PCA mean, components (rows) and explained variance ratios
 * @param centroids k-means centroids in PCA space, row = segment id
 * @param segments segment ids and names
 * @param topProducts best sellers per segment, the source of recommendations
 */
public record SegmentationModel(
        int formatVersion,
        Map<String, Object> provenance,
        String compat,
        String referenceDay,
        List<String> features,
        Outliers outliers,
        Scaler scaler,
        Projection pca,
        double[][] centroids,
        List<Segment> segments,
        List<TopProduct> topProducts) {

    /** The current {@link #formatVersion}. */
    public static final int FORMAT_VERSION = 1;

    /** The saved Isolation Forest. */
    public record Outliers(double contamination, double threshold, int sampleSize, List<IsolationForest.Tree> trees) {
    }

    /** The saved StandardScaler. */
    public record Scaler(double[] means, double[] scales) {
    }

    /** The saved PCA. */
    public record Projection(double[] mean, double[][] components, double[] explainedVarianceRatio,
                             double[] allExplainedVarianceRatio) {
    }

    /** A segment's id and name. */
    public record Segment(int id, String name) {
    }
}
