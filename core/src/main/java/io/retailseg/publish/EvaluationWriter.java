package io.retailseg.publish;

import io.retailseg.config.RunSettings;
import io.retailseg.evaluate.BootstrapStability;
import io.retailseg.evaluate.Migration;
import io.retailseg.evaluate.RecommenderEvaluation;
import io.retailseg.pipeline.HoldoutEvaluation;
import io.retailseg.pipeline.RetailSeg;
import io.retailseg.pipeline.SegmentProfile;
import io.retailseg.runfolder.EvaluationReport;
import io.retailseg.runfolder.MigrationBlock;
import io.retailseg.runfolder.MigrationFile;
import io.retailseg.runfolder.RunFolderLayout;
import io.retailseg.runfolder.RunJson;
import io.retailseg.runfolder.RunSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Writes {@code evaluation.json} (a hold-out evaluation, {@link EvaluationReport}; see
 * {@code docs/evaluation.md} for its shape) and {@code migration.json} ({@link MigrationFile}, segment
 * migration between two runs), atomically through {@link OutputFolder}. Every block carries a
 * {@code definition} saying what its numbers mean, so a reader (or the HTML report) needs nothing else.
 */
public final class EvaluationWriter {
    private EvaluationWriter() {
    }

    /** Writes {@code evaluation.json} into {@code folder}. */
    public static void write(HoldoutEvaluation.Result result, Path folder) {
        OutputFolder out = new OutputFolder(folder);
        out.add(RunFolderLayout.EVALUATION, RunJson.bytes(evaluation(result, RunWriter.runId(out)))).commit();
    }

    /**
     * The files of an evaluation folder: the training fit's run files ({@link RunWriter#files}, so the
     * folder reads like a run of the lines before the split) and {@code evaluation.json}; a report may
     * be added before the commit, so everything appears together.
     */
    public static OutputFolder files(HoldoutEvaluation.Result result, Path folder) {
        OutputFolder out = new OutputFolder(folder);
        Optional<String> runId = RunWriter.runId(out);
        return RunWriter.files(result.training(), out, runId)
                .add(RunFolderLayout.EVALUATION, RunJson.bytes(evaluation(result, runId)));
    }

    /**
     * Writes {@code migration.json} into {@code folder} as one file ({@link AtomicFile}): the folder is an
     * ordinary folder (created when missing), not a run folder.
     */
    public static void writeMigration(MigrationFile migration, Path folder) {
        AtomicFile.write(folder.resolve(RunFolderLayout.MIGRATION), RunJson.bytes(migration));
    }

    /** The content of {@code evaluation.json}. */
    public static EvaluationReport evaluation(HoldoutEvaluation.Result r, Optional<String> runId) {
        HoldoutEvaluation.Population p = r.population();
        boolean byDate = r.options().split().date().isPresent();
        EvaluationReport.Split split = new EvaluationReport.Split(p.firstDay(), p.lastDay(), p.splitDay(),
                byDate ? "date" : "holdout_days",
                byDate ? OptionalInt.empty() : OptionalInt.of(r.options().split().holdoutDays()),
                p.linesBefore(), p.linesAfter(), SPLIT_DEFINITION);
        EvaluationReport.Population population = new EvaluationReport.Population(p.catalogueBefore(),
                p.customersBefore(), p.outliersBefore(), p.customersBefore() - p.outliersBefore(), p.customersAfter(),
                p.returning(), p.returningWithNewProducts(), p.returningSegmented(),
                p.returningSegmentedWithNewProducts(), POPULATION_DEFINITION);
        List<EvaluationReport.TrainingSegment> segments = new ArrayList<>();
        for (SegmentProfile s : r.training().profiles()) {
            segments.add(new EvaluationReport.TrainingSegment(s.id(), s.name(), s.size()));
        }
        EvaluationReport.Training training = new EvaluationReport.Training(r.training().k(),
                r.training().metrics().silhouette(), r.training().outlierCount(), segments);
        List<EvaluationReport.Recommender> recommenders = new ArrayList<>();
        for (RecommenderEvaluation.Score s : r.scores()) {
            List<EvaluationReport.AtN> at = new ArrayList<>();
            for (RecommenderEvaluation.AtN m : s.metrics()) {
                at.add(new EvaluationReport.AtN(m.n(), m.precision(), m.recall(), m.hitRate(), m.ndcg(), m.coverage()));
            }
            HoldoutEvaluation.Training t = r.trainings().getOrDefault(s.recommender(),
                    new HoldoutEvaluation.Training(0, 0));
            recommenders.add(new EvaluationReport.Recommender(s.recommender(), s.description(),
                    s.mode().name().toLowerCase(Locale.ROOT), s.customersEvaluated(), at,
                    s.recommender().equals(r.defaultRecommender()), t.millis(), t.stateBytes()));
        }
        EvaluationReport.Comparisons comparisons = comparisons(r.comparisons(), false, COMPARISONS_DEFINITION);
        EvaluationReport.Comparisons defaultComparisons = comparisons(r.defaultComparisons(), true,
                DEFAULT_COMPARISONS_DEFINITION);
        return EvaluationReport.of(runId, new RunSummary.Input(r.training().source(), r.training().rowsRead()),
                RunSettings.of(r.config()), r.config().threads(), split, population, training, METRICS_DEFINITION, recommenders,
                comparisons, defaultComparisons, r.stability().map(EvaluationWriter::stability),
                r.migration().map(m -> migration(m, "training segment (before the split)",
                        "segment of a fit on the hold-out lines alone, with the training k, matched to the training"
                                + " segments by centroid")),
                r.customerValue().map(EvaluationWriter::customerValue), r.timingsMillis());
    }

    private static EvaluationReport.CustomerValueCheck customerValue(io.retailseg.clv.HoldoutCheck.Result c) {
        return new EvaluationReport.CustomerValueCheck(c.customers(), c.horizonDays(),
                io.retailseg.runfolder.CustomerValueBlock.of(c.bgNbd()),
                Optional.of(io.retailseg.runfolder.CustomerValueBlock.ofSpend(c.gammaGamma())), c.purchases(), c.spend(),
                c.calibration(), CUSTOMER_VALUE_DEFINITION);
    }

    private static final String CUSTOMER_VALUE_DEFINITION = "BG/NBD and Gamma-Gamma fitted on the purchase days before"
            + " split_day (T counted to the day before it); per training customer, predicted purchase days (and spend)"
            + " over the hold-out's horizon_days against the actual ones: bg_nbd; past_rate = the customer's repeat"
            + " purchase days (spend) per day since their first purchase, carried forward; population_rate = all"
            + " customers' repeat purchase days (spend) per day of their histories, the same for everyone."
            + " calibration: mean predicted and actual purchase days by repeat purchase days before the split";

    private static final String SPLIT_DEFINITION = "cleaned lines dated before split_day train the pipeline; lines dated split_day"
                + " or later are the hold-out";

    private static final String POPULATION_DEFINITION = "customers_before: customers with a cleaned line before the split; returning: of"
                        + " those, customers with a non-cancelled line of positive quantity in the hold-out;"
                        + " returning_with_new_products: of those, customers who bought a product they had no"
                        + " line of before the split;"
                        + " evaluated_any: returning customers that are segmented (not outliers) in the training"
                        + " fit; evaluated_new_only: of those, customers who bought in the hold-out at least one"
                        + " product they had no line of before the split; catalogue_size: distinct StockCodes"
                        + " before the split";

    private static final EvaluationReport.MetricsDefinition METRICS_DEFINITION = new EvaluationReport.MetricsDefinition(
            "any: the distinct StockCodes of the customer's non-cancelled, positive-quantity hold-out"
                        + " lines; new_only: the same without the codes the customer had any line of before the split",
                "hits in the first N / N", "hits in the first N / |truth|",
                "share of customers with at least one hit in the first N",
                "DCG / ideal DCG, binary relevance, discount 1/log2(rank+1), ideal over min(N, |truth|) ranks",
                "distinct StockCodes in the first N recommendations of the evaluated customers /"
                        + " catalogue_size",
                "metrics are means over the customers evaluated in the mode");

    /**
     * Comparison rows; with {@code againstDefault} each row is named by the other recommender and the block's
     * reference is the default (the rows are default minus other).
     */
    private static EvaluationReport.Comparisons comparisons(List<RecommenderEvaluation.Comparison> from,
                                                            boolean againstDefault, String definition) {
        List<EvaluationReport.Comparison> rows = new ArrayList<>();
        for (RecommenderEvaluation.Comparison c : from) {
            rows.add(new EvaluationReport.Comparison(againstDefault ? c.reference() : c.recommender(),
                    c.mode().name().toLowerCase(Locale.ROOT), c.n(), difference(c.precision()),
                    difference(c.recall()), difference(c.hitRate()), difference(c.ndcg())));
        }
        Optional<String> reference = from.isEmpty() ? Optional.empty()
                : Optional.of(againstDefault ? from.get(0).recommender() : from.get(0).reference());
        return new EvaluationReport.Comparisons(reference, definition, rows);
    }

    private static final String DEFAULT_COMPARISONS_DEFINITION = "per customer evaluated in the mode, the metric of"
            + " the run's default recommender (the reference here) minus the named recommender's; standard_error is"
            + " the standard error of that mean; the default beats a recommender beyond noise where the difference"
            + " exceeds two standard errors";

    private static final String COMPARISONS_DEFINITION = "per customer evaluated in the mode, the recommender's metric minus the reference's;"
                        + " difference = the mean, standard_error = sample standard deviation / sqrt(customers)";

    private static final String STABILITY_DEFINITION = "each resample draws the segmented training customers with replacement and re-fits"
                        + " scaler, PCA and k-means at the chosen k (no k search); all customers are assigned to"
                        + " the nearest bootstrap centroid. adjusted_rand: ARI of that assignment vs the training"
                        + " segments, over all segmented customers. jaccard (Hennig 2007): per resample, the largest"
                        + " Jaccard similarity between the segment and any bootstrap segment, both restricted to"
                        + " the distinct customers drawn; jaccard_mean below 0.5 reads as dissolved, above 0.75 as"
                        + " stable, above 0.85 as highly stable";

    private static EvaluationReport.Stability stability(BootstrapStability.Result s) {
        List<EvaluationReport.StabilitySegment> segments = new ArrayList<>();
        for (int c = 0; c < s.k(); c++) {
            List<Double> values = new ArrayList<>();
            for (double[] row : s.jaccard()) {
                values.add(number(row[c]));
            }
            segments.add(new EvaluationReport.StabilitySegment(c, Optional.ofNullable(number(s.segmentStability()[c])),
                    values));
        }
        List<Double> ari = new ArrayList<>();
        for (double v : s.adjustedRand()) {
            ari.add(v);
        }
        return new EvaluationReport.Stability(s.resamples(), s.k(), STABILITY_DEFINITION,
                new EvaluationReport.AdjustedRand(s.meanAdjustedRand(), s.minAdjustedRand(), ari), segments);
    }

    /** A migration block (used in {@code evaluation.json} and {@code migration.json}). */
    public static MigrationBlock migration(Migration.Result m, String rows, String columns) {
        List<List<Long>> matrix = new ArrayList<>();
        for (long[] row : m.moved()) {
            List<Long> values = new ArrayList<>();
            for (long v : row) {
                values.add(v);
            }
            matrix.add(values);
        }
        return new MigrationBlock(rows, columns, MigrationBlock.DEFINITION, matrix, m.stayed(), m.sameSegment(),
                new MigrationBlock.Left(m.left().size(), m.leftAsOutliers(), m.left()),
                new MigrationBlock.Arrived(m.arrived().size(), m.arrivedFromOutliers(), m.arrived()));
    }

    private static EvaluationReport.Difference difference(RecommenderEvaluation.Difference d) {
        return new EvaluationReport.Difference(d.mean(), d.standardError());
    }

    private static Double number(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
