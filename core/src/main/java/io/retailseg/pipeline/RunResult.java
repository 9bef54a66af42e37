package io.retailseg.pipeline;

import io.retailseg.clean.CleaningReport;
import io.retailseg.clv.CustomerValues;
import io.retailseg.config.RunConfig;
import io.retailseg.domain.CustomerTable;
import io.retailseg.domain.Segmentation;
import io.retailseg.explore.DataProfile;
import io.retailseg.ml.KSelection;
import io.retailseg.ml.Pca;
import io.retailseg.model.SegmentationModel;
import io.retailseg.recommend.Recommendation;
import io.retailseg.recommend.TopProduct;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a run computed. Arrays indexed by customer follow the rows of {@link #customers()}.
 * Ownership of the arrays passes to the result; callers must not modify them. The lines themselves
 * are not kept: a result stays small after the run.
 *
 * @param source name of the input
 * @param rowsRead lines read from the input
 * @param config the configuration used
 * @param cleaning what cleaning removed
 * @param customers the 15 features of every customer
 * @param outlierScore Isolation Forest anomaly score per customer (higher = more anomalous)
 * @param outlier whether each customer is an outlier
 * @param pcaScores PCA scores per customer, {@code null} for outliers
 * @param kSelection how k was chosen
 * @param segmentation every customer's segment (none for outliers)
 * @param metrics quality of the segmentation
 * @param profiles one per segment, by id
 * @param topProducts best sellers per segment
 * @param recommendations per segmented customer, by customer then rank
 * @param model the fitted model
 * @param timingsMillis wall time per stage, in order
 * @param dataProfile missing values, cancellations, countries, products and months of the lines
 * @param customerValues P(alive), expected purchases, order value and value per customer (NaN where unknown)
 * @param customerValueWhy why the customer-value models, or the spend model, are missing; empty when both are there
 * @param recommenderWhy why the model holds its recommender, as the engine that ran chose it (summary.json's
 *     {@code recommendations.why} and the line printed after a run)
 */
public record RunResult(
        String source,
        long rowsRead,
        RunConfig config,
        CleaningReport cleaning,
        CustomerTable customers,
        double[] outlierScore,
        boolean[] outlier,
        double[][] pcaScores,
        KSelection kSelection,
        Segmentation segmentation,
        SegmentationMetrics metrics,
        List<SegmentProfile> profiles,
        List<TopProduct> topProducts,
        List<Recommendation> recommendations,
        SegmentationModel model,
        Map<String, Long> timingsMillis,
        DataProfile dataProfile,
        CustomerValues customerValues,
        Optional<String> customerValueWhy,
        String recommenderWhy) {

    /** Number of outlier customers. */
    public int outlierCount() {
        int n = 0;
        for (boolean o : outlier) {
            if (o) {
                n++;
            }
        }
        return n;
    }

    /** Number of segments. */
    public int k() {
        return profiles.size();
    }

    /** The fitted PCA (on the segmented customers). */
    public Pca pca() {
        return model.segmenter().projection().pca();
    }

    /** Outlier scores above it are outliers. */
    public double outlierThreshold() {
        return model.outliers().threshold();
    }
}
