package io.retailseg.runfolder;

import io.retailseg.config.OfferMode;
import io.retailseg.config.RecommenderKind;
import io.retailseg.recommend.RecommenderChoice;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import io.retailseg.config.RunSettings;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code summary.json}: what a run read, cleaned, fitted and chose, in the order the file lists it.
 * Written by {@code publish.RunWriter}, read by the report, the server and the CLI through
 * {@link #read}.
 *
 * @param runId the run's id when the writer knew it (absent in folders written before run ids)
 * @param config every parameter that decides the results
 * @param threads worker threads the run used (results do not depend on them)
 * @param segmentMatching how the segments were paired with a previous model's, when one was given
 * @param customerValue the customer-value models (BG/NBD, Gamma-Gamma), when they could be fitted
 * @param customerValueMissing why there are none, when there are none
 * @param timingsMs wall time per stage, in order
 */
public record RunSummary(String format, int formatVersion,
                         @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> runId,
                         Input input, RunSettings config, int threads, Cleaning cleaning, Customers customers, Pca pca,
                         KSelection kSelection, Metrics metrics, List<Segment> segments,
                         Recommendations recommendations,
                         @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<io.retailseg.model.ModelProvenance.Matching> segmentMatching,
                         @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<CustomerValueBlock> customerValue,
                         @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> customerValueMissing,
                         Map<String, Long> timingsMs) {
    public static final String FORMAT = "retailseg-summary";
    /** 2: the customer-value block, the segments' P(alive) and value, the horizon and discount settings. */
    public static final int FORMAT_VERSION = 2;

    public RunSummary {
        segments = List.copyOf(segments);
    }

    /** A summary of the current format. */
    public static RunSummary of(Optional<String> runId, Input input, RunSettings config, int threads, Cleaning cleaning,
                                Customers customers, Pca pca, KSelection kSelection, Metrics metrics,
                                List<Segment> segments, Recommendations recommendations,
                                Optional<io.retailseg.model.ModelProvenance.Matching> segmentMatching,
                                Optional<CustomerValueBlock> customerValue, Optional<String> customerValueMissing,
                                Map<String, Long> timingsMs) {
        return new RunSummary(FORMAT, FORMAT_VERSION, runId, input, config, threads, cleaning, customers, pca, kSelection,
                metrics, segments, recommendations, segmentMatching, customerValue, customerValueMissing, timingsMs);
    }

    /** Reads {@code file}; errors name it as {@code name}. */
    public static RunSummary read(java.nio.file.Path file, String name) {
        return RunJson.read(file, name, RunSummary.class, FORMAT, FORMAT_VERSION);
    }

    /** The same summary with other segments (e.g. a subset, for a test). */
    public RunSummary withSegments(List<Segment> other) {
        return new RunSummary(format, formatVersion, runId, input, config, threads, cleaning, customers, pca, kSelection,
                metrics, other, recommendations, segmentMatching, customerValue, customerValueMissing, timingsMs);
    }

    /** The same summary as a run that fitted no customer-value models (e.g. for a test). */
    public RunSummary withoutCustomerValue() {
        return new RunSummary(format, formatVersion, runId, input, config, threads, cleaning, customers, pca, kSelection,
                metrics, segments, recommendations, segmentMatching, Optional.empty(),
                Optional.of("not fitted"), timingsMs);
    }

    /**
     * @param path the file, or the database and table or query ({@code postgresql://HOST:PORT/DB table "t"})
     * @param rowsRead lines read
     * @param checksum the CRC-32C of the bytes read ({@code crc32c:HEX}: the file's, or the CSV text a database's
     *     COPY sent), absent for lines given in memory and in summaries written before it was recorded
     */
    public record Input(String path, long rowsRead,
                        @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> checksum) {
        public Input {
            checksum = checksum == null ? Optional.empty() : checksum;
        }

        /** An input without a checksum (lines given in memory). */
        public Input(String path, long rowsRead) {
            this(path, rowsRead, Optional.empty());
        }
    }

    /** @param badLines lines skipped while reading ({@code --on-bad-lines skip}): zero and empty when none */
    public record Cleaning(long rowsIn, List<Step> steps, long rowsOut, long cancelledLines,
                           List<String> anomalousStockCodes, BadLines badLines) {
        public Cleaning {
            steps = List.copyOf(steps);
            anomalousStockCodes = List.copyOf(anomalousStockCodes);
        }

        /** Lines skipped as unparseable. */
        public long skipped() {
            return badLines.skipped();
        }
    }

    /**
     * {@code cleaning.bad_lines}: how many lines could not be parsed and were skipped, per reason
     * ({@code field_count}, {@code missing}, {@code number}, {@code date}, {@code country}), and the first ones.
     */
    public record BadLines(long skipped, Map<String, Long> byReason, List<BadLine> first) {
        public BadLines {
            byReason = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byReason));
            first = List.copyOf(first);
        }

        /** The block of what reading counted. */
        public static BadLines of(io.retailseg.domain.BadLines bad) {
            Map<String, Long> byReason = new java.util.LinkedHashMap<>();
            bad.byReason().forEach((reason, count) -> byReason.put(reason.key(), count));
            return new BadLines(bad.skipped(), byReason, bad.first().stream()
                    .map(l -> new BadLine(l.line(), l.reason().key(), l.message())).toList());
        }
    }

    /** One skipped line: its number, the reason and the message the error policy would have printed. */
    public record BadLine(long line, String reason, String message) {
    }

    public record Step(String step, long removed, String description) {
    }

    public record Customers(int total, int outliers, int segmented, double outlierThreshold) {
    }

    /** The principal components kept, and the variance each of all components explains. */
    public record Pca(int components, double[] explainedVarianceRatio, double cumulativeExplainedVariance,
                      double[] allExplainedVarianceRatio) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Pca p && components == p.components
                    && Arrays.equals(explainedVarianceRatio, p.explainedVarianceRatio)
                    && Double.compare(cumulativeExplainedVariance, p.cumulativeExplainedVariance) == 0
                    && Arrays.equals(allExplainedVarianceRatio, p.allExplainedVarianceRatio);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(explainedVarianceRatio) + Arrays.hashCode(allExplainedVarianceRatio)
                    + components;
        }

        @Override
        public String toString() {
            return "Pca[components=" + components + ", explainedVarianceRatio="
                    + Arrays.toString(explainedVarianceRatio) + ", cumulativeExplainedVariance="
                    + cumulativeExplainedVariance + ", allExplainedVarianceRatio="
                    + Arrays.toString(allExplainedVarianceRatio) + "]";
        }
    }

    /** The k search: every candidate, the k chosen, the rule and why; the elbow when one was found. */
    public record KSelection(List<Candidate> candidates, int chosenK, String rule, String reason,
                             @JsonInclude(JsonInclude.Include.NON_ABSENT) OptionalInt elbowK) {
        public KSelection {
            candidates = List.copyOf(candidates);
        }
    }

    public record Candidate(int k, double inertia, double silhouette, double silhouetteStdError) {
    }

    public record Metrics(double silhouette, double calinskiHarabasz, double daviesBouldin,
                          double silhouetteStdError, SampleSize silhouetteSampleSize) {
    }

    /** Rows the silhouette was computed on: {@code "all"} (exact), or a sample size. */
    public record SampleSize(int rows) {
        public static final SampleSize ALL = new SampleSize(0);

        @JsonValue
        Object json() {
            return rows == 0 ? "all" : (Object) rows;
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static SampleSize of(Object json) {
            if ("all".equals(json)) {
                return ALL;
            }
            if (json instanceof Integer i && i > 0) {
                return new SampleSize(i);
            }
            throw new IllegalArgumentException("expected \"all\" or a whole number > 0, found " + json);
        }
    }

    /**
     * @param meanProbabilityAlive the mean P(alive) of the segment's customers, when the run has a BG/NBD model
     * @param expectedValue the segment's total expected value over the horizon, when it has a spend model
     */
    public record Segment(int id, String name, int size, double revenueShare, List<String> distinguishing,
                          Map<String, Double> featureMeans, Map<String, Double> standardizedMeans,
                          @JsonInclude(JsonInclude.Include.NON_ABSENT) java.util.OptionalDouble meanProbabilityAlive,
                          @JsonInclude(JsonInclude.Include.NON_ABSENT) java.util.OptionalDouble expectedValue) {
        public Segment {
            distinguishing = List.copyOf(distinguishing);
        }
    }

    /**
     * The recommendations and the recommender that made them.
     *
     * @param recommender the model's recommender
     * @param offer {@code new_only} or {@code any}
     * @param parameters the recommender's settings, by name
     * @param why why this recommender ({@link io.retailseg.recommend.RecommenderChoice#why})
     * @param rule the rule that chose the default
     * @param evidence the hold-out numbers on the UCI file behind the default
     */
    public record Recommendations(long customersWithFewerThanRequested, long total, RecommenderKind recommender,
                                  OfferMode offer, Map<String, Object> parameters, String why, String rule,
                                  List<RecommenderChoice.Evidence> evidence) {
        public Recommendations {
            parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
            evidence = List.copyOf(evidence);
        }
    }
}
