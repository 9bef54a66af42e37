package io.retailseg.server;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.retailseg.config.OfferMode;
import io.retailseg.config.RecommenderKind;
import io.retailseg.runfolder.RunSummary;
import io.retailseg.server.JsonSchemas.Nullable;
import java.util.List;
import java.util.Map;

/**
 * The bodies the API reads and writes, as records: {@link ApiJson} writes them and {@link JsonSchemas}
 * describes them in {@code /openapi.json} from the same classes, so the document cannot drift from the
 * answers. A component added here (or to a run-folder record carried here) is documented with nothing
 * else to edit.
 */
final class Answers {
    private Answers() {
    }

    @JsonClassDescription("Liveness and the loaded run")
    record Health(String status, String run,
                  @JsonPropertyDescription("where the run was read from: its folder, or a database and schema")
                  String folder,
                  @JsonPropertyDescription("when the run was loaded (ISO-8601 instant)") String loadedAt,
                  int customers, int segments, RecommenderKind recommender,
                  @JsonPropertyDescription("new_only: never a product the customer bought; any: re-buys allowed")
                  OfferMode offer,
                  @JsonPropertyDescription("whether the run folder has an evaluation.json (GET /api/evaluation)")
                  boolean evaluation,
                  @JsonPropertyDescription("whether the run folder has a report.html (GET /report)")
                  boolean report) {
    }

    @JsonClassDescription("The run's summary.json with the run id: cleaning, customers, PCA, k and why, metrics,"
            + " segments and the recommender")
    record Summary(String run, @JsonUnwrapped RunSummary summary) {
    }

    @JsonClassDescription("One of a segment's best sellers")
    record BestSeller(@JsonPropertyDescription("1 = the segment's best seller") int rank, String stockCode,
                      String description,
                      @JsonPropertyDescription("units bought by the segment's customers") long quantity) {
    }

    @JsonClassDescription("A segment: name, size, revenue share, profile and best sellers")
    record Segment(@JsonUnwrapped RunSummary.Segment segment, List<BestSeller> topProducts) {
    }

    @JsonClassDescription("Every segment of the run, with the average customer to compare their profiles with")
    record SegmentList(String run,
                       @JsonPropertyDescription("mean of each feature over the segmented customers (outliers"
                               + " excluded), by column name: the segments' feature_means weighted by size")
                       Map<String, Double> average,
                       List<Segment> segments) {
    }

    @JsonClassDescription("One segment of the run")
    record SegmentDetail(String run, @JsonUnwrapped Segment segment) {
    }

    @JsonClassDescription("One recommended product, best first")
    record Recommendation(@JsonPropertyDescription("1 = first recommendation") int rank, String stockCode,
                          String description,
                          @JsonPropertyDescription("the recommender's score, on its own scale (higher first); the"
                                  + " Score column of recommendations.csv") double score,
                          @JsonPropertyDescription("why it was recommended, in words (e.g. 'bought with 85123A and"
                                  + " 22423 by 214 customers', 'top seller in your segment'); the Reason column of"
                                  + " recommendations.csv") String reason) {
    }

    @JsonClassDescription("One customer of the run")
    record Customer(long customerId,
                    @JsonPropertyDescription("the 15 features by column name") Map<String, Double> features,
                    @JsonPropertyDescription("the isolation forest's anomaly score of the features (0..1, higher"
                            + " = more unusual); an outlier scores above the model's threshold")
                    double outlierScore,
                    boolean isOutlier,
                    @JsonPropertyDescription("null for an outlier") @Nullable Integer segment,
                    @JsonPropertyDescription("null for an outlier") @Nullable String segmentName,
                    List<Recommendation> recommendations,
                    @JsonUnwrapped Value value) {
    }

    @JsonClassDescription("A customer's value (docs/definitions.md section 9): null where the run's models say"
            + " nothing (no model, or only cancellations)")
    record Value(@JsonPropertyDescription("probability the customer is still buying (BG/NBD)") @Nullable Double pAlive,
                 @JsonPropertyDescription("expected purchase days over the run's horizon") @Nullable Double expectedPurchases,
                 @JsonPropertyDescription("expected spend of a purchase day (Gamma-Gamma), GBP")
                 @Nullable Double expectedOrderValue,
                 @JsonPropertyDescription("expected spend over the horizon, discounted, GBP")
                 @Nullable Double expectedValue) {
        static Value of(io.retailseg.clv.CustomerValueModel.Prediction p) {
            return new Value(known(p.probabilityAlive()), known(p.expectedPurchases()), known(p.expectedOrderValue()),
                    known(p.expectedValue()));
        }

        private static Double known(double v) {
            return Double.isFinite(v) ? v : null;
        }
    }

    @JsonClassDescription("One customer of the run, with the mean of their segment to compare with")
    record CustomerDetail(String run, @JsonUnwrapped Customer customer,
                          @JsonPropertyDescription("the feature means of the customer's segment; null for an"
                                  + " outlier") @Nullable Map<String, Double> segmentMeans,
                          @JsonPropertyDescription("the model's outlier threshold on outlier_score")
                          double outlierThreshold) {
    }

    @JsonClassDescription("A page of customers, sorted and filtered server-side")
    record CustomerPage(String run,
                        @JsonPropertyDescription("the segment listed; null: every customer") @Nullable Integer segment,
                        @JsonPropertyDescription("customers that match the filter (all pages)") int total,
                        int offset, int limit,
                        @JsonPropertyDescription("the sort key used") String sort,
                        @JsonPropertyDescription("asc or desc") String order,
                        List<Customer> customers) {
    }

    @JsonClassDescription("Transaction lines to score, with the eight canonical column names as keys")
    record ScoreLines(List<TransactionLine> lines) {
    }

    @JsonClassDescription("One transaction line, as a line of the input CSV; values are text as in the file")
    record TransactionLine(@JsonProperty("InvoiceNo") String invoiceNo, @JsonProperty("StockCode") String stockCode,
                           @JsonProperty("Description") String description, @JsonProperty("Quantity") String quantity,
                           @JsonPropertyDescription("yyyy-MM-dd HH:mm[:ss] or the UCI layouts the reader knows")
                           @JsonProperty("InvoiceDate") String invoiceDate,
                           @JsonProperty("UnitPrice") String unitPrice,
                           @JsonProperty("CustomerID") String customerId, @JsonProperty("Country") String country) {
    }

    @JsonClassDescription("Rows removed by one cleaning step")
    record CleaningStep(String step, long removed) {
    }

    @JsonClassDescription("How the posted lines were cleaned, as a run cleans its input")
    record ScoreCleaning(long rowsIn, List<CleaningStep> steps, long rowsOut) {
    }

    @JsonClassDescription("One scored customer of the posted lines")
    record ScoredCustomer(long customerId,
                          @JsonPropertyDescription("the 15 features by column name") Map<String, Double> features,
                          double outlierScore, boolean isOutlier,
                          @JsonPropertyDescription("null for an outlier") @Nullable Integer segment,
                          @JsonPropertyDescription("null for an outlier") @Nullable String segmentName,
                          List<Recommendation> recommendations,
                          @JsonUnwrapped Value value) {
    }

    @JsonClassDescription("A customer of the posted lines that was not scored, and why")
    record NotScored(long customerId, String reason) {
    }

    @JsonClassDescription("Scored customers of the posted lines")
    record ScoreResult(String run, @JsonPropertyDescription("transaction lines read") int lines,
                       ScoreCleaning cleaning, List<ScoredCustomer> customers, List<NotScored> notScored) {
    }

    @JsonClassDescription("Which run to load: a folder under the runs root, or a published run id")
    record ReloadRequest(@JsonPropertyDescription("run folder (or published run id); omitted: the current one"
            + " again") @Nullable String run) {
    }

    @JsonClassDescription("The run now served, and the one it replaced")
    record Reloaded(String run, String previous, String folder, int customers, int segments) {
    }

    @JsonClassDescription("An error: the HTTP status, its reason phrase and what was wrong, in one line")
    record ApiError(int status, String error, String message) {
    }
}
