package io.retailseg.publish;

import static io.retailseg.publish.RunWriter.json;
import static io.retailseg.publish.RunWriter.ordered;

import io.retailseg.evaluate.BootstrapStability;
import io.retailseg.evaluate.Migration;
import io.retailseg.evaluate.RecommenderEvaluation;
import io.retailseg.pipeline.HoldoutEvaluation;
import io.retailseg.pipeline.RetailSeg;
import io.retailseg.pipeline.SegmentProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code evaluation.json} (a hold-out evaluation, see {@code docs/evaluation.md} for its shape)
 * and {@code migration.json} (segment migration between two runs), atomically through
 * {@link OutputFolder}. Every block carries a {@code definition} saying what its numbers mean, so a
 * reader (or the HTML report) needs nothing else.
 */
public final class EvaluationWriter {
    public static final String EVALUATION = "evaluation.json";
    public static final String MIGRATION = "migration.json";
    /** Version of the {@code evaluation.json} and {@code migration.json} layouts. */
    public static final int FORMAT_VERSION = 1;

    private EvaluationWriter() {
    }

    /** Writes {@code evaluation.json} into {@code folder}. */
    public static void write(HoldoutEvaluation.Result result, Path folder) {
        new OutputFolder(folder).add(EVALUATION, json(evaluation(result))).commit();
    }

    /**
     * The files of an evaluation folder: the training fit's run files ({@link RunWriter#files}, so the
     * folder reads like a run of the lines before the split) and {@code evaluation.json}; a report may
     * be added before the commit, so everything appears together.
     */
    public static OutputFolder files(HoldoutEvaluation.Result result, Path folder) {
        return RunWriter.files(result.training(), folder).add(EVALUATION, json(evaluation(result)));
    }

    /**
     * Writes {@code migration.json} into {@code folder} as one file ({@link AtomicFile}): the folder is an
     * ordinary folder (created when missing), not a run folder.
     */
    public static void writeMigration(Map<String, Object> migration, Path folder) {
        AtomicFile.write(folder.resolve(MIGRATION), json(migration));
    }

    /** The content of {@code evaluation.json}, as ordered maps and lists. */
    public static Map<String, Object> evaluation(HoldoutEvaluation.Result r) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("format", "retailseg-evaluation");
        e.put("format_version", FORMAT_VERSION);
        e.put("input", ordered("path", r.training().source(), "rows_read", r.training().rowsRead()));
        e.put("config", RetailSeg.configMap(r.config()));
        HoldoutEvaluation.Population p = r.population();
        Map<String, Object> split = ordered("first_day", p.firstDay(), "last_day", p.lastDay(),
                "split_day", p.splitDay());
        r.options().split().date().ifPresentOrElse(d -> split.put("rule", "date"), () -> {
            split.put("rule", "holdout_days");
            split.put("holdout_days", r.options().split().holdoutDays());
        });
        split.put("lines_before", p.linesBefore());
        split.put("lines_after", p.linesAfter());
        split.put("definition", "cleaned lines dated before split_day train the pipeline; lines dated split_day"
                + " or later are the hold-out");
        e.put("split", split);
        e.put("population", ordered(
                "catalogue_size", p.catalogueBefore(),
                "customers_before", p.customersBefore(),
                "outliers_before", p.outliersBefore(),
                "segmented_before", p.customersBefore() - p.outliersBefore(),
                "customers_after", p.customersAfter(),
                "returning", p.returning(),
                "returning_with_new_products", p.returningWithNewProducts(),
                "evaluated_any", p.returningSegmented(),
                "evaluated_new_only", p.returningSegmentedWithNewProducts(),
                "definition", "customers_before: customers with a cleaned line before the split; returning: of"
                        + " those, customers with a non-cancelled line of positive quantity in the hold-out;"
                        + " returning_with_new_products: of those, customers who bought a product they had no"
                        + " line of before the split;"
                        + " evaluated_any: returning customers that are segmented (not outliers) in the training"
                        + " fit; evaluated_new_only: of those, customers who bought in the hold-out at least one"
                        + " product they had no line of before the split; catalogue_size: distinct StockCodes"
                        + " before the split"));
        List<Object> segments = new ArrayList<>();
        for (SegmentProfile s : r.training().profiles()) {
            segments.add(ordered("id", s.id(), "name", s.name(), "size", s.size()));
        }
        e.put("training", ordered("k", r.training().k(), "silhouette", r.training().metrics().silhouette(),
                "outliers", r.training().outlierCount(), "segments", segments));
        e.put("metrics_definition", ordered(
                "truth", "any: the distinct StockCodes of the customer's non-cancelled, positive-quantity hold-out"
                        + " lines; new_only: the same without the codes the customer had any line of before the split",
                "precision", "hits in the first N / N", "recall", "hits in the first N / |truth|",
                "hit_rate", "share of customers with at least one hit in the first N",
                "ndcg", "DCG / ideal DCG, binary relevance, discount 1/log2(rank+1), ideal over min(N, |truth|) ranks",
                "coverage", "distinct StockCodes in the first N recommendations of the evaluated customers /"
                        + " catalogue_size",
                "averaging", "metrics are means over the customers evaluated in the mode"));
        List<Object> recommenders = new ArrayList<>();
        for (RecommenderEvaluation.Score s : r.scores()) {
            List<Object> at = new ArrayList<>();
            for (RecommenderEvaluation.AtN m : s.metrics()) {
                at.add(ordered("n", m.n(), "precision", m.precision(), "recall", m.recall(), "hit_rate", m.hitRate(),
                        "ndcg", m.ndcg(), "coverage", m.coverage()));
            }
            recommenders.add(ordered("name", s.recommender(), "description", s.description(),
                    "mode", s.mode().name().toLowerCase(Locale.ROOT), "customers_evaluated", s.customersEvaluated(),
                    "metrics", at));
        }
        e.put("recommenders", recommenders);
        List<Object> comparisons = new ArrayList<>();
        for (RecommenderEvaluation.Comparison c : r.comparisons()) {
            comparisons.add(ordered("name", c.recommender(), "mode", c.mode().name().toLowerCase(Locale.ROOT),
                    "n", c.n(), "precision", difference(c.precision()), "recall", difference(c.recall()),
                    "hit_rate", difference(c.hitRate()), "ndcg", difference(c.ndcg())));
        }
        e.put("comparisons", ordered("reference", r.comparisons().isEmpty() ? null
                        : r.comparisons().get(0).reference(),
                "definition", "per customer evaluated in the mode, the recommender's metric minus the reference's;"
                        + " difference = the mean, standard_error = sample standard deviation / sqrt(customers)",
                "rows", comparisons));
        r.stability().ifPresent(s -> e.put("stability", stability(s)));
        r.migration().ifPresent(m -> e.put("migration", migration(m, "training segment (before the split)",
                "segment of a fit on the hold-out lines alone, with the training k, matched to the training"
                        + " segments by centroid")));
        e.put("timings_ms", r.timingsMillis());
        return e;
    }

    private static Map<String, Object> stability(BootstrapStability.Result s) {
        List<Object> segments = new ArrayList<>();
        for (int c = 0; c < s.k(); c++) {
            List<Object> values = new ArrayList<>();
            for (double[] row : s.jaccard()) {
                values.add(number(row[c]));
            }
            segments.add(ordered("id", c, "jaccard_mean", number(s.segmentStability()[c]), "jaccard", values));
        }
        List<Object> ari = new ArrayList<>();
        for (double v : s.adjustedRand()) {
            ari.add(v);
        }
        return ordered("resamples", s.resamples(), "k", s.k(),
                "definition", "each resample draws the segmented training customers with replacement and re-fits"
                        + " scaler, PCA and k-means at the chosen k (no k search); all customers are assigned to"
                        + " the nearest bootstrap centroid. adjusted_rand: ARI of that assignment vs the training"
                        + " segments, over all segmented customers. jaccard (Hennig 2007): per resample, the largest"
                        + " Jaccard similarity between the segment and any bootstrap segment, both restricted to"
                        + " the distinct customers drawn; jaccard_mean below 0.5 reads as dissolved, above 0.75 as"
                        + " stable, above 0.85 as highly stable",
                "adjusted_rand", ordered("mean", s.meanAdjustedRand(), "min", s.minAdjustedRand(), "values", ari),
                "segments", segments);
    }

    /** A migration block (used in {@code evaluation.json} and {@code migration.json}). */
    public static Map<String, Object> migration(Migration.Result m, String rows, String columns) {
        List<Object> matrix = new ArrayList<>();
        for (long[] row : m.moved()) {
            List<Object> values = new ArrayList<>();
            for (long v : row) {
                values.add(v);
            }
            matrix.add(values);
        }
        return ordered("rows", rows, "columns", columns,
                "definition", "matrix[i][j]: customers segmented in both, in segment i first and j second; left:"
                        + " segmented first, absent or an outlier second; arrived: segmented second, absent or an"
                        + " outlier first",
                "matrix", matrix, "stayed", m.stayed(), "same_segment", m.sameSegment(),
                "left", ordered("count", m.left().size(), "as_outliers", m.leftAsOutliers(),
                        "customer_ids", m.left()),
                "arrived", ordered("count", m.arrived().size(), "from_outliers", m.arrivedFromOutliers(),
                        "customer_ids", m.arrived()));
    }

    private static Map<String, Object> difference(RecommenderEvaluation.Difference d) {
        return ordered("difference", d.mean(), "standard_error", d.standardError());
    }

    private static Object number(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
