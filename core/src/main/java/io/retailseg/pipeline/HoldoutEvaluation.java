package io.retailseg.pipeline;

import io.retailseg.InputException;
import io.retailseg.clean.Cleaner;
import io.retailseg.clv.HoldoutCheck;
import io.retailseg.config.RankBy;
import io.retailseg.config.RunConfig;
import io.retailseg.config.Seeds;
import io.retailseg.domain.Segmentation;
import io.retailseg.domain.Transactions;
import io.retailseg.domain.WorkProgress;
import io.retailseg.evaluate.BootstrapStability;
import io.retailseg.evaluate.Migration;
import io.retailseg.evaluate.PurchaseHistory;
import io.retailseg.evaluate.Recommender;
import io.retailseg.evaluate.RecommenderEvaluation;
import io.retailseg.evaluate.Recommenders;
import io.retailseg.features.FeatureExtractor;
import io.retailseg.config.RecommenderKind;
import io.retailseg.recommend.Basket;
import io.retailseg.recommend.Catalogue;
import io.retailseg.recommend.Ease;
import io.retailseg.recommend.ImplicitAls;
import io.retailseg.recommend.ProductRecommender;
import io.retailseg.recommend.RecommenderFit;
import io.retailseg.recommend.SegmentBestSellers;
import io.retailseg.recommend.TopProduct;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code retailseg evaluate}: does the segmentation predict what customers buy next, and would it
 * come out the same on another sample?
 *
 * <ol>
 *   <li>The input is read and cleaned as by {@code run}; the cleaned lines are split in time: lines
 *       dated before the split day train, lines on or after it are the hold-out.</li>
 *   <li>The whole pipeline ({@link RetailSeg#runCleaned}, same configuration) is fitted on the training
 *       lines.</li>
 *   <li>Every recommender ranks up to 10 products for each segmented training customer (outliers get no
 *       segment recommendation in the reference rule, so they are left out for every recommender, to
 *       compare like with like); {@link RecommenderEvaluation} scores the lists against the hold-out.</li>
 *   <li>{@link BootstrapStability} re-fits the segmentation on bootstrap resamples.</li>
 *   <li>Optionally, the pipeline is fitted again on the hold-out lines alone, with the training k and
 *       its segments matched to the training model, and {@link Migration} counts who moved where.</li>
 * </ol>
 *
 * <p>Seeds: the training fit takes its seeds as {@code run} does; the bootstrap and the random
 * recommender and ALS take theirs by name ({@link Seeds#BOOTSTRAP}, {@link Seeds#RANDOM_RECOMMENDER},
 * {@link Seeds#ALS}).
 */
public final class HoldoutEvaluation {
    /** The cut-offs N of every top-N metric. */
    public static final int[] CUTOFFS = {1, 3, 5, 10};

    private HoldoutEvaluation() {
    }

    /** Where to split: a date, or a number of days counted back from the last day of the data. */
    public record Split(Optional<LocalDate> date, int holdoutDays) {
        /** Lines dated {@code date} or later are the hold-out. */
        public static Split at(LocalDate date) {
            return new Split(Optional.of(date), 0);
        }

        /** The last {@code days} calendar days of the cleaned data (the last day included) are the hold-out. */
        public static Split lastDays(int days) {
            if (days < 1) {
                throw new IllegalArgumentException("holdout days must be at least 1, was " + days);
            }
            return new Split(Optional.empty(), days);
        }

        long firstHoldoutDay(long lastDay) {
            return date.map(LocalDate::toEpochDay).orElse(lastDay - holdoutDays + 1);
        }
    }

    /** What to compute besides the recommendation table. */
    public record Options(Split split, int bootstrapResamples, boolean migration) {
        public Options {
            if (bootstrapResamples < 0) {
                throw new IllegalArgumentException("bootstrap resamples must not be negative, was "
                        + bootstrapResamples);
            }
        }
    }

    /** Counts that define the population evaluated. */
    public record Population(String firstDay, String lastDay, String splitDay, long linesBefore, long linesAfter,
                             int catalogueBefore, int customersBefore, int outliersBefore, int customersAfter,
                             int returning, int returningWithNewProducts, int returningSegmented,
                             int returningSegmentedWithNewProducts) {
    }

    /**
     * Everything {@code evaluation.json} holds.
     *
     * @param training the pipeline fitted on the training lines
     * @param scores one per recommender and mode
     * @param comparisons every other recommender against the reference rule ({@code segment_quantity}),
     *     paired on the same customers, per mode and N
     * @param defaultComparisons the run's default recommender minus every other, paired, per mode and N
     * @param stability empty when no resample was asked for
     * @param migration training segments vs segments of a fit on the hold-out lines, when asked for
     * @param holdoutK k of the hold-out fit (the training k)
     * @param timingsMillis wall time per step
     */
    public record Result(RunConfig config, Options options, Population population, RunResult training,
                         List<RecommenderEvaluation.Score> scores, List<RecommenderEvaluation.Comparison> comparisons,
                         List<RecommenderEvaluation.Comparison> defaultComparisons,
                         Optional<BootstrapStability.Result> stability,
                         Optional<Migration.Result> migration, Map<String, Long> timingsMillis,
                         Map<String, Training> trainings, String defaultRecommender,
                         Optional<HoldoutCheck.Result> customerValue) {
    }

    /**
     * What fitting one recommender cost.
     *
     * @param millis wall time of the fit
     * @param stateBytes the size of what the fitted recommender keeps (its arrays), bytes
     */
    public record Training(long millis, long stateBytes) {
    }

    /** The name of a recommender kind's row in the evaluation (the reference rule's is {@code segment_<rank by>}). */
    public static String evaluationName(RecommenderKind kind, RankBy rankBy) {
        return kind == RecommenderKind.SEGMENT_BEST_SELLERS ? "segment_" + rankBy.id() : evaluationName(kind);
    }

    private static String evaluationName(RecommenderKind kind) {
        return kind.id().replace('-', '_');
    }

    private static String describe(ProductRecommender r) {
        return switch (r.kind()) {
            case SEGMENT_BEST_SELLERS -> "best sellers of the customer's segment";
            case CO_PURCHASE -> "item-to-item cosine over customer x product baskets, "
                    + RecommenderFit.CO_PURCHASE_NEIGHBOURS + " neighbours per product kept (as run serves it)";
            case EASE -> "EASE item-item linear model (Steck 2019), lambda = " + Ease.DEFAULT_LAMBDA + ", "
                    + RecommenderFit.EASE_KEPT + " largest weights per product kept (as run serves it)";
            case ALS -> "implicit-feedback ALS (Hu, Koren, Volinsky 2008), " + ImplicitAls.DEFAULTS.factors()
                    + " factors, lambda = " + ImplicitAls.DEFAULTS.lambda() + ", alpha = " + ImplicitAls.DEFAULTS.alpha()
                    + ", customers folded in";
            case HYBRID -> "hybrid: local EASE (" + RecommenderFit.HYBRID_NEIGHBOURS + " neighbours, lambda = "
                    + RecommenderFit.HYBRID_LAMBDA + ") on recency-weighted baskets, learned re-buys (any mode), "
                    + "segment best sellers as the fill";
        };
    }

    private static long lapMillis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /**
     * @throws InputException when the input is bad, or the split leaves no line on one side
     */
    public static Result run(RunConfig config, TransactionSource source, Options options, ProgressListener progress) {
        Map<String, Long> timings = new LinkedHashMap<>();
        long start = System.nanoTime();
        progress.stageStarted("ingest");
        Transactions raw = source.loadToClean(ProgressListener.NONE);
        Cleaner.Result cleaned = Cleaner.clean(raw, config.threads(), WorkProgress.NONE);
        Transactions lines = cleaned.lines();
        start = lap(progress, timings, "ingest", start, lines.size() + " cleaned lines");
        if (lines.size() == 0) {
            throw new InputException(source.name(), "no line left after cleaning; nothing to evaluate");
        }
        long firstDay = Long.MAX_VALUE;
        for (int r = 0; r < lines.size(); r++) {
            firstDay = Math.min(firstDay, lines.epochDay(r));
        }
        long lastDay = FeatureExtractor.lastDay(lines);
        long split = options.split().firstHoldoutDay(lastDay);
        int[] beforeRows = rows(lines, split, true);
        int[] afterRows = rows(lines, split, false);
        if (beforeRows.length == 0 || afterRows.length == 0) {
            throw new InputException(source.name(), "split day " + LocalDate.ofEpochDay(split) + " leaves no line "
                    + (beforeRows.length == 0 ? "before" : "on or after") + " it; the cleaned data run from "
                    + LocalDate.ofEpochDay(firstDay) + " to " + LocalDate.ofEpochDay(lastDay));
        }
        Transactions before = lines.select(beforeRows);
        Transactions after = lines.select(afterRows);

        RunResult training = RetailSeg.runCleaned(config, source.name(), raw.linesRead(), before, cleaned.report(),
                progress, Optional.empty());
        start = lap(progress, timings, "fit_training", start, "k = " + training.k());

        Seeds seeds = Seeds.of(config.seed());
        long bootstrapSeed = seeds.seed(Seeds.BOOTSTRAP);
        long randomSeed = seeds.seed(Seeds.RANDOM_RECOMMENDER);

        PurchaseHistory history = PurchaseHistory.of(before);
        PurchaseHistory holdout = PurchaseHistory.of(after);
        Segmentation segmentation = training.segmentation();
        int[] groupOf = new int[history.size()];
        int[] everyone = new int[history.size()];
        List<Integer> evaluated = new ArrayList<>();
        int returning = 0;
        int withNew = 0;
        int returningWithNew = 0;
        for (int c = 0; c < history.size(); c++) {
            groupOf[c] = segmentation.segmentOf(history.customerId(c)).orElse(-1);
            int a = holdout.indexOf(history.customerId(c));
            boolean returned = a >= 0 && holdout.purchased(a).length > 0;
            int customer = c;
            boolean boughtNew = returned
                    && Arrays.stream(holdout.purchased(a)).anyMatch(code -> !history.bought(customer, code));
            if (returned) {
                returning++;
            }
            if (boughtNew) {
                returningWithNew++;
            }
            if (groupOf[c] >= 0) {
                evaluated.add(c);
                if (boughtNew) {
                    withNew++;
                }
            }
        }
        int[] evaluatedRows = evaluated.stream().mapToInt(Integer::intValue).toArray();
        int returningSegmented = (int) evaluated.stream().filter(c -> {
            int a = holdout.indexOf(history.customerId(c));
            return a >= 0 && holdout.purchased(a).length > 0;
        }).count();
        int[] codeRank = before.stockCodes().sortRanks();
        List<Recommender> recommenders = new ArrayList<>();
        for (RankBy by : RankBy.values()) {
            String key = by.name().toLowerCase(java.util.Locale.ROOT);
            recommenders.add(Recommenders.ranked("segment_" + key,
                    "best sellers of the customer's segment by " + describe(by)
                            + (by == RankBy.QUANTITY ? " (the reference rule)" : ""),
                    history, SegmentBestSellers.ranking(before, segmentation, by), groupOf));
        }
        long[] everyId = new long[history.size()];
        for (int c = 0; c < history.size(); c++) {
            everyId[c] = history.customerId(c);
        }
        java.util.Arrays.sort(everyId);
        Map<String, Training> trainings = new LinkedHashMap<>();
        recommenders.add(Recommenders.ranked("global_quantity", "best sellers over all customers by total quantity",
                history, SegmentBestSellers.ranking(before, Segmentation.single(everyId), RankBy.QUANTITY), everyone));
        recommenders.add(Recommenders.random(history, randomSeed));
        recommenders.add(Recommenders.repeat(history, codeRank));
        long denseStart = System.nanoTime();
        recommenders.add(Recommenders.coPurchase(history, codeRank));
        long catalogueSize = history.catalogue().length;
        trainings.put("co_purchase_all", new Training(lapMillis(denseStart), 4 * catalogueSize * catalogueSize));
        start = lap(progress, timings, "train_baselines", start, recommenders.size() + " recommenders");
        Catalogue catalogue = Catalogue.of(before);
        Basket[] baskets = Basket.of(before, catalogue);
        int[] codeOf = new int[catalogue.size()];
        int[] productOf = catalogue.indexOf(before);
        for (int code = 0; code < productOf.length; code++) {
            if (productOf[code] >= 0) {
                codeOf[productOf[code]] = code;
            }
        }
        List<List<TopProduct>> bestSellers = new ArrayList<>();
        for (int s = 0; s < training.k(); s++) {
            bestSellers.add(training.model().topProducts(s));
        }
        RecommenderFit.Inputs inputs = new RecommenderFit.Inputs(bestSellers, config.rankBy(), seeds.seed(Seeds.ALS),
                config.threads());
        for (RecommenderKind kind : List.of(RecommenderKind.CO_PURCHASE, RecommenderKind.EASE, RecommenderKind.ALS,
                RecommenderKind.HYBRID)) {
            String stage = "train_" + evaluationName(kind);
            progress.stageStarted(stage);
            // The training fit already holds the run's recommender: the same fit, not a second one.
            ProductRecommender fitted = kind == training.model().recommender().kind() ? training.model().recommender()
                    : RecommenderFit.fit(kind, catalogue, baskets, inputs);
            long millis = fitted == training.model().recommender()
                    ? training.timingsMillis().getOrDefault("train_recommender", 0L) : lapMillis(start);
            trainings.put(evaluationName(kind), new Training(millis, RecommenderFit.stateBytes(fitted)));
            recommenders.add(Recommenders.of(evaluationName(kind), describe(fitted), fitted, baskets, groupOf, codeOf));
            start = lap(progress, timings, stage, start, catalogue.size() + " products");
        }
        progress.stageStarted("recommenders");
        String defaultName = evaluationName(config.recommender(), config.rankBy());
        RecommenderEvaluation.Result scored = RecommenderEvaluation.evaluate(recommenders, history, holdout,
                evaluatedRows, CUTOFFS, defaultName);
        start = lap(progress, timings, "recommenders", start, recommenders.size() + " recommenders x 2 modes");

        Optional<BootstrapStability.Result> stability = Optional.empty();
        if (options.bootstrapResamples() > 0) {
            progress.stageStarted("bootstrap");
            stability = Optional.of(stability(training, options.bootstrapResamples(), bootstrapSeed));
            start = lap(progress, timings, "bootstrap", start, options.bootstrapResamples() + " resamples");
        }

        Optional<Migration.Result> migration = Optional.empty();
        if (options.migration()) {
            progress.stageStarted("migration");
            // Only the segments are compared: the reference's lists are all the later fit needs to recommend.
            RunResult later = RetailSeg.runCleaned(config.toBuilder().k(training.k())
                            .recommender(RecommenderKind.SEGMENT_BEST_SELLERS).build(), source.name(),
                    raw.linesRead(), after, cleaned.report(), ProgressListener.NONE, Optional.of(training.model()));
            migration = Optional.of(Migration.between(segmentation, later.segmentation()));
            lap(progress, timings, "migration", start, later.customers().size() + " hold-out customers");
        }

        progress.stageStarted("customer_value");
        Optional<HoldoutCheck.Result> customerValue = HoldoutCheck.fittable(before, split - 1)
                ? Optional.of(HoldoutCheck.run(before, after, split, lastDay)) : Optional.empty();
        start = lap(progress, timings, "customer_value", start, customerValue.map(c -> "BG/NBD on " + c.customers()
                + " customers").orElse("not fitted"));

        Population population = new Population(LocalDate.ofEpochDay(firstDay).toString(),
                LocalDate.ofEpochDay(lastDay).toString(), LocalDate.ofEpochDay(split).toString(), before.size(),
                after.size(), history.catalogue().length, training.customers().size(), training.outlierCount(),
                holdout.size(), returning, returningWithNew, returningSegmented, withNew);
        return new Result(config, options, population, training, scored.scores(), scored.comparisons(),
                scored.defaultComparisons(), stability, migration, timings, trainings, defaultName, customerValue);
    }

    private static BootstrapStability.Result stability(RunResult training, int resamples, long seed) {
        Segmentation segmentation = training.segmentation();
        int m = segmentation.segmentedCount();
        double[][] features = new double[m][];
        int[] labels = new int[m];
        int j = 0;
        for (int i = 0; i < segmentation.size(); i++) {
            if (segmentation.isSegmented(i)) {
                features[j] = training.customers().row(i);
                labels[j++] = segmentation.segmentAt(i).getAsInt();
            }
        }
        RunConfig c = training.config();
        return BootstrapStability.run(features, labels, training.k(), resamples, seed,
                new BootstrapStability.Settings(c.pcaComponents(), c.kmeansRestarts(), c.kmeansMaxIterations(),
                        c.kmeansTolerance(), c.threads()));
    }

    private static String describe(RankBy by) {
        return switch (by) {
            case QUANTITY -> "total quantity";
            case BUYERS -> "distinct buyers";
            case REVENUE -> "revenue";
        };
    }

    private static int[] rows(Transactions lines, long split, boolean before) {
        int[] rows = new int[lines.size()];
        int n = 0;
        for (int r = 0; r < lines.size(); r++) {
            if (lines.epochDay(r) < split == before) {
                rows[n++] = r;
            }
        }
        return Arrays.copyOf(rows, n);
    }

    private static long lap(ProgressListener progress, Map<String, Long> timings, String stage, long start,
                            String outcome) {
        long now = System.nanoTime();
        long millis = (now - start) / 1_000_000;
        timings.put(stage, millis);
        progress.stageFinished(stage, millis, outcome);
        return now;
    }
}
