package io.retailseg.runfolder;

import io.retailseg.config.RunSettings;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code evaluation.json} (from {@code retailseg evaluate}; its shape is documented in
 * {@code docs/evaluation.md}): split, population, training fit, top-N metrics of every recommender in
 * both modes, the paired comparison with the reference rule and, when asked for, bootstrap stability
 * and segment migration. Every block carries a {@code definition} saying what its numbers mean.
 *
 * @param runId the run's id when the writer knew it
 * @param config every parameter that decides the results
 * @param threads worker threads the run used (results do not depend on them)
 * @param defaultComparisons the run's default recommender (its row has {@code "default": true}) minus every
 *     other recommender, paired on the same customers; {@code reference} names the default
 * @param stability absent with {@code --bootstrap 0}
 * @param migration absent with {@code --no-migration}
 * @param customerValue BG/NBD and Gamma-Gamma fitted before the split against the hold-out, absent when they
 *     could not be fitted
 */
public record EvaluationReport(String format, int formatVersion,
                               @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> runId,
                               RunSummary.Input input, RunSettings config, int threads, Split split, Population population,
                               Training training, MetricsDefinition metricsDefinition, List<Recommender> recommenders,
                               Comparisons comparisons, Comparisons defaultComparisons,
                               @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<Stability> stability,
                               @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<MigrationBlock> migration,
                               @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<CustomerValueCheck> customerValue,
                               Map<String, Long> timingsMs) {
    public static final String FORMAT = "retailseg-evaluation";
    /** 3: the customer-value check, and the horizon and discount settings in {@code config}. */
    public static final int FORMAT_VERSION = 3;

    public EvaluationReport {
        recommenders = List.copyOf(recommenders);
        if (recommenders.isEmpty()) {
            throw new IllegalArgumentException("expected a non-empty list of recommenders");
        }
    }

    /** A report of the current format. */
    public static EvaluationReport of(Optional<String> runId, RunSummary.Input input, RunSettings config, int threads,
                                      Split split, Population population, Training training,
                                      MetricsDefinition metricsDefinition, List<Recommender> recommenders,
                                      Comparisons comparisons, Comparisons defaultComparisons,
                                      Optional<Stability> stability,
                                      Optional<MigrationBlock> migration, Optional<CustomerValueCheck> customerValue,
                                      Map<String, Long> timingsMs) {
        return new EvaluationReport(FORMAT, FORMAT_VERSION, runId, input, config, threads, split, population, training,
                metricsDefinition, recommenders, comparisons, defaultComparisons, stability, migration, customerValue,
                timingsMs);
    }

    /** Reads {@code file}; errors name it as {@code name}. */
    public static EvaluationReport read(Path file, String name) {
        return RunJson.read(file, name, EvaluationReport.class, FORMAT, FORMAT_VERSION);
    }

    /** The same report with other recommenders and comparisons (e.g. hand-written numbers in a test). */
    public EvaluationReport withScores(List<Recommender> otherRecommenders, Comparisons otherComparisons) {
        return new EvaluationReport(format, formatVersion, runId, input, config, threads, split, population, training,
                metricsDefinition, otherRecommenders, otherComparisons, defaultComparisons, stability, migration,
                customerValue, timingsMs);
    }

    /** The same report without the optional stability, migration and customer-value blocks. */
    public EvaluationReport withoutOptionalBlocks() {
        return new EvaluationReport(format, formatVersion, runId, input, config, threads, split, population, training,
                metricsDefinition, recommenders, comparisons, defaultComparisons, Optional.empty(), Optional.empty(),
                Optional.empty(), timingsMs);
    }

    /**
     * How the lines were split in time.
     *
     * @param rule {@code date} or {@code holdout_days}
     * @param holdoutDays present when the rule is {@code holdout_days}
     */
    /**
     * The customer-value models fitted on the lines before the split, predicting each training customer's
     * purchase days and spend over the hold-out, against two baselines.
     *
     * @param customers training customers with a purchase
     * @param horizonDays the hold-out's length, the predictions' horizon
     * @param purchases mean absolute and root mean square error of purchase days, totals, per predictor
     * @param spend the same for spend
     * @param calibration mean predicted (BG/NBD) and actual purchase days by training repeat purchase days
     */
    public record CustomerValueCheck(int customers, double horizonDays, CustomerValueBlock.FitBlock bgNbd,
                                     @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<CustomerValueBlock.FitBlock> gammaGamma,
                                     List<io.retailseg.clv.HoldoutCheck.Errors> purchases,
                                     List<io.retailseg.clv.HoldoutCheck.Errors> spend,
                                     List<io.retailseg.clv.HoldoutCheck.Calibration> calibration, String definition) {
        public CustomerValueCheck {
            purchases = List.copyOf(purchases);
            spend = List.copyOf(spend);
            calibration = List.copyOf(calibration);
        }
    }

    public record Split(String firstDay, String lastDay, String splitDay, String rule,
                        @JsonInclude(JsonInclude.Include.NON_ABSENT) OptionalInt holdoutDays, long linesBefore,
                        long linesAfter, String definition) {
        public Split {
            if (rule.equals("holdout_days") != holdoutDays.isPresent()) {
                throw new IllegalArgumentException("holdout_days: expected a value with the rule holdout_days"
                        + " and none with the rule date, found rule " + rule + " and "
                        + (holdoutDays.isPresent() ? holdoutDays.getAsInt() : "none"));
            }
            if (!rule.equals("holdout_days") && !rule.equals("date")) {
                throw new IllegalArgumentException("rule: expected \"date\" or \"holdout_days\", found " + rule);
            }
        }
    }

    public record Population(long catalogueSize, long customersBefore, long outliersBefore, long segmentedBefore,
                             long customersAfter, long returning, long returningWithNewProducts, long evaluatedAny,
                             long evaluatedNewOnly, String definition) {
    }

    public record Training(int k, double silhouette, long outliers, List<TrainingSegment> segments) {
        public Training {
            segments = List.copyOf(segments);
        }
    }

    public record TrainingSegment(int id, String name, int size) {
    }

    public record MetricsDefinition(String truth, String precision, String recall, String hitRate, String ndcg,
                                    String coverage, String averaging) {
    }

    /**
     * One recommender in one mode.
     *
     * @param mode {@code any} or {@code new_only}
     * @param isDefault whether it is the recommender {@code run} fits with the same options ({@code "default"})
     * @param trainMs wall time of its fit (0 for the lists that need none)
     * @param stateBytes size of what the fitted recommender keeps (0 for the baselines' lists)
     */
    public record Recommender(String name, String description, String mode, long customersEvaluated,
                              List<AtN> metrics, @JsonProperty("default") boolean isDefault, long trainMs,
                              long stateBytes) {
        public Recommender {
            metrics = List.copyOf(metrics);
        }

        /** The metrics at {@code n}, if evaluated. */
        public Optional<AtN> at(int n) {
            return metrics.stream().filter(m -> m.n() == n).findFirst();
        }
    }

    public record AtN(int n, double precision, double recall, double hitRate, double ndcg, double coverage) {
        /** The metric of this name ({@code precision}, {@code recall}, {@code hit_rate}, {@code ndcg}, {@code coverage}). */
        public double get(String metric) {
            return switch (metric) {
                case "precision" -> precision;
                case "recall" -> recall;
                case "hit_rate" -> hitRate;
                case "ndcg" -> ndcg;
                case "coverage" -> coverage;
                default -> throw new IllegalArgumentException("no metric " + metric);
            };
        }
    }

    /**
     * Every other recommender against the reference, paired on the same customers.
     *
     * @param reference empty when there is no comparison
     */
    public record Comparisons(Optional<String> reference, String definition, List<Comparison> rows) {
        public Comparisons {
            rows = List.copyOf(rows);
        }
    }

    public record Comparison(String name, String mode, int n, Difference precision, Difference recall,
                             Difference hitRate, Difference ndcg) {
        /** The difference of this metric ({@code precision}, {@code recall}, {@code hit_rate}, {@code ndcg}). */
        public Difference get(String metric) {
            return switch (metric) {
                case "precision" -> precision;
                case "recall" -> recall;
                case "hit_rate" -> hitRate;
                case "ndcg" -> ndcg;
                default -> throw new IllegalArgumentException("no compared metric " + metric);
            };
        }
    }

    /** The mean over customers of the recommender's metric minus the reference's, with its standard error. */
    public record Difference(double difference, double standardError) {
    }

    public record Stability(int resamples, int k, String definition, AdjustedRand adjustedRand,
                            List<StabilitySegment> segments) {
        public Stability {
            segments = List.copyOf(segments);
        }
    }

    public record AdjustedRand(double mean, double min, List<Double> values) {
        public AdjustedRand {
            values = List.copyOf(values);
        }
    }

    /**
     * One segment's Jaccard stability.
     *
     * @param jaccardMean empty (null in the file) when the segment was never drawn
     * @param jaccard one per resample, null when the segment was not drawn in it
     */
    public record StabilitySegment(int id, Optional<Double> jaccardMean, List<Double> jaccard) {
        public StabilitySegment {
            jaccard = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(jaccard));
        }
    }
}
