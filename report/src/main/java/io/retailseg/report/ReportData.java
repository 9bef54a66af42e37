package io.retailseg.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.retailseg.explore.DataProfile;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the report shows, as read from a finished run's files ({@link RunFiles#read}). The same
 * value drawn twice gives the same bytes, so {@code retailseg run} and {@code retailseg report --run}
 * write identical reports.
 *
 * @param summary {@code summary.json}
 * @param customers {@code customers.csv}
 * @param topProducts {@code top_products.csv}, by segment then rank
 * @param recommendations {@code recommendations.csv}, by customer then rank
 * @param profile {@code data_profile.json}
 * @param evaluation {@code evaluation.json} when the run folder has one
 */
public record ReportData(Summary summary, Customers customers, List<TopProduct> topProducts,
                         List<Recommendation> recommendations, DataProfile profile, Optional<JsonNode> evaluation) {
    public ReportData {
        topProducts = List.copyOf(topProducts);
        recommendations = List.copyOf(recommendations);
    }

    /** Number of segments. */
    public int k() {
        return summary.segments().size();
    }

    /** {@code summary.json}, the parts the report reads (names follow the file, in camel case). */
    public record Summary(Input input, Map<String, Object> config, Cleaning cleaning, CustomerCounts customers,
                          Pca pca, KSelection kSelection, Metrics metrics, List<Segment> segments,
                          RecommendationCounts recommendations) {
    }

    public record Input(String path, long rowsRead) {
    }

    /** @param badLines lines skipped while reading ({@code --on-bad-lines skip}); null in a summary written before it existed */
    public record Cleaning(long rowsIn, List<Step> steps, long rowsOut, long cancelledLines, BadLines badLines) {
        /** Lines skipped as unparseable, 0 when none (or not recorded). */
        public long skipped() {
            return badLines == null ? 0 : badLines.skipped();
        }
    }

    /** {@code cleaning.bad_lines}: how many lines could not be parsed and were skipped, why, and the first ones. */
    public record BadLines(long skipped, Map<String, Long> byReason, List<BadLine> first) {
    }

    public record BadLine(long line, String reason, String message) {
    }

    public record Step(String step, long removed, String description) {
    }

    public record CustomerCounts(int total, int outliers, int segmented, double outlierThreshold) {
    }

    public record Pca(int components, double[] explainedVarianceRatio, double[] allExplainedVarianceRatio) {
    }

    public record KSelection(List<Candidate> candidates, int chosenK, String rule, String reason, Integer elbowK) {
    }

    public record Candidate(int k, double inertia, double silhouette) {
    }

    public record Metrics(double silhouette, double calinskiHarabasz, double daviesBouldin) {
    }

    public record Segment(int id, String name, int size, double revenueShare, List<String> distinguishing,
                          Map<String, Double> featureMeans, Map<String, Double> standardizedMeans) {
    }

    public record RecommendationCounts(long customersWithFewerThanRequested, long total) {
    }

    /**
     * {@code customers.csv} as columns.
     *
     * @param ids CustomerID per customer
     * @param features the 15 features per customer, in {@link io.retailseg.domain.Feature} order
     * @param outlier whether each customer is an outlier
     * @param segment segment per customer, -1 for outliers
     * @param pcs PCA scores per customer ({@code PC1..PCk}), {@code null} for outliers
     */
    public record Customers(long[] ids, double[][] features, boolean[] outlier, int[] segment, double[][] pcs) {
        public int size() {
            return ids.length;
        }
    }

    public record TopProduct(int segment, int rank, String stockCode, String description, long quantity) {
    }

    public record Recommendation(long customerId, int segment, int rank, String stockCode, String description) {
    }
}
