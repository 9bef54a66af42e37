package io.retailseg.pipeline;

import io.retailseg.InputException;
import io.retailseg.clv.CustomerValueModel;
import io.retailseg.clv.CustomerValues;
import io.retailseg.config.RecommenderKind;
import io.retailseg.config.RunConfig;
import io.retailseg.config.RunSettings;
import io.retailseg.config.Seeds;
import io.retailseg.domain.CustomerTable;
import io.retailseg.domain.Feature;
import io.retailseg.domain.Segmentation;
import io.retailseg.domain.Transactions;
import io.retailseg.ml.ClusterMetrics;
import io.retailseg.ml.KMeansResult;
import io.retailseg.ml.KSelection;
import io.retailseg.ml.KSelector;
import io.retailseg.model.InputIdentity;
import io.retailseg.model.ModelProvenance;
import io.retailseg.model.OutlierDetector;
import io.retailseg.model.Projection;
import io.retailseg.model.SegmentMatching;
import io.retailseg.model.SegmentationModel;
import io.retailseg.model.Segmenter;
import io.retailseg.recommend.ProductRecommender;
import io.retailseg.recommend.SegmentBestSellers;
import io.retailseg.recommend.TopProduct;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Fits a {@link SegmentationModel} on a customer table (SPEC sections 3 to 7): the Isolation Forest and
 * its threshold, the projection (scaler and PCA) on the customers that are not outliers, k-means with k
 * fixed or chosen, segment ids by size (or matched to a previous model's), profiles and names, and the
 * segments' best sellers. Each random component takes its seed by name from {@link Seeds}.
 */
public final class SegmentationTrainer {
    private SegmentationTrainer() {
    }

    /**
     * The model and what fitting it computed about the training customers. Arrays follow the rows of
     * the customer table; ownership passes to the caller.
     *
     * @param outlierScores the anomaly score of every customer
     * @param outlier whether each customer is an outlier
     * @param pcaScores every customer's principal-component scores, {@code null} for outliers
     * @param segmentation every customer's segment (none for outliers)
     */
    public record Fit(SegmentationModel model, double[] outlierScores, boolean[] outlier, double[][] pcaScores,
                      KSelection kSelection, Segmentation segmentation, SegmentationMetrics metrics,
                      List<SegmentProfile> profiles, SegmentBestSellers.Result recommended) {
    }

    /**
     * @param customers the training customers' features
     * @param lines their cleaned lines (for the best sellers)
     * @param input the lines' identity, for the provenance and error messages
     * @param previous a previous model whose segment ids the new segments take, by centroid matching
     * @throws InputException when too few customers are left to form the segments
     */
    public static Fit fit(CustomerTable customers, Transactions lines, RunConfig config, Seeds seeds,
                          InputIdentity input, Optional<SegmentationModel> previous) {
        long alsSeed = config.recommender() == RecommenderKind.ALS ? seeds.seed(Seeds.ALS) : 0;
        SharedGroups groups = new SharedGroups(lines);
        return fit(customers, lines, config, seeds, input, previous, CustomerValues.none(customers.size()),
                Optional.empty(), RecommenderTraining.start(config.recommender(), lines, groups, alsSeed,
                        config.threads()), groups, new Stages(ProgressListener.NONE));
    }

    /**
     * @param values the customers' value predictions (rows of {@code customers}), for the profiles and names
     * @param valueModel the customer-value models the model keeps
     * @param groups the lines' customer groups, shared with the recommender's fit
     */
    static Fit fit(CustomerTable customers, Transactions lines, RunConfig config, Seeds seeds, InputIdentity input,
                   Optional<SegmentationModel> previous, CustomerValues values, Optional<CustomerValueModel> valueModel,
                   RecommenderTraining training, SharedGroups groups, Stages stages) {
        ProgressListener progress = stages.progress();
        int n = customers.size();
        double[][] features = customers.matrix();
        int fewest = config.fixedK().orElse(config.kMin()) + 1;
        if (n < fewest) {
            throw new InputException(input.source(), n + (n == 1 ? " customer" : " customers") + " after cleaning:"
                    + " too few to form k = " + (fewest - 1) + " segments (need at least k + 1 customers)");
        }
        OutlierDetector.Fit outliers = stages.run("outliers", () -> OutlierDetector.fit(features,
                config.isolationTrees(), config.isolationSampleSize(), config.contamination(),
                seeds.seed(Seeds.OUTLIERS), config.threads()), f -> count(f.outlier()) + " outliers");

        int[] segmentedRows = rowsWhere(outliers.outlier(), false);
        int m = segmentedRows.length;
        int minimumK = config.fixedK().orElse(config.kMin());
        if (m < minimumK + 1) {
            throw new InputException(input.source(), n + " customers after cleaning, " + m
                    + " of them not outliers: too few to form k = " + minimumK
                    + " segments (need at least k + 1)");
        }
        double[][] segmentedFeatures = new double[m][];
        for (int i = 0; i < m; i++) {
            segmentedFeatures[i] = features[segmentedRows[i]];
        }
        int distinct = distinctRows(segmentedFeatures, 2);
        if (distinct < 2) {
            throw new InputException(input.source(), "all " + m + " customers left to segment have the same values"
                    + " of the 15 features: there is nothing to tell them apart");
        }
        Projection projection = stages.run("scale_pca", () -> Projection.fit(segmentedFeatures,
                config.pcaComponents()), p -> p.components() + " components");
        double[][] scores = projection.projectAll(segmentedFeatures);
        // k-means cannot form more non-empty segments than there are distinct points, and a silhouette
        // needs at least two: fewer distinct customers than k is said, not a failure deep in k-means
        int points = distinctRows(scores, Math.max(minimumK, config.kMax()) + 1);
        if (points < minimumK) {
            throw new InputException(input.source(), m + " customers left to segment but only " + points
                    + " distinct (customers with the same features coincide): too few to form k = " + minimumK
                    + " segments");
        }

        KSelector.Settings settings = new KSelector.Settings(config.kmeansRestarts(), config.kmeansMaxIterations(),
                config.kmeansTolerance(), seeds.seed(Seeds.KMEANS), config.threads(), config.silhouetteTolerance(),
                config.silhouetteSampleSize(), seeds.seed(Seeds.SILHOUETTE_SAMPLE));
        KSelector.Outcome outcome = stages.run("k_selection", () -> config.fixedK().isPresent()
                ? KSelector.fixed(scores, config.fixedK().getAsInt(), settings)
                : KSelector.choose(scores, config.kMin(), Math.min(config.kMax(), Math.min(m - 1, points)), settings,
                        (done, total) -> progress.stageProgress("k_selection", (double) done / total, done,
                                "k values")),
                o -> "k = " + o.selection().chosenK());
        int k = outcome.selection().chosenK();
        KMeansResult clustering = outcome.clustering();
        int[] relabel = largestFirst(clustering.labels(), k);
        double[][] centroids = new double[k][];
        for (int c = 0; c < k; c++) {
            centroids[relabel[c]] = clustering.centroids()[c].clone();
        }
        Segmenter segmenter = new Segmenter(projection, centroids);
        Optional<ModelProvenance.Matching> matching = Optional.empty();
        if (previous.isPresent()) {
            SegmentMatching.Match match = SegmentMatching.match(segmenter, previous.get().segmenter());
            double[][] renamed = new double[k][];
            for (int c = 0; c < k; c++) {
                relabel[c] = match.newId()[relabel[c]];
                renamed[relabel[c]] = clustering.centroids()[c].clone();
            }
            segmenter = new Segmenter(projection, renamed);
            matching = Optional.of(SegmentMatching.provenance(match, previous.get()));
        }
        int[] labels = new int[m];
        for (int i = 0; i < m; i++) {
            labels[i] = relabel[clustering.labels()[i]];
        }
        double chosenSilhouette = outcome.selection().candidates().stream().filter(c -> c.k() == k)
                .findFirst().orElseThrow().silhouette();
        SegmentationMetrics metrics = stages.run("evaluate", () -> new SegmentationMetrics(chosenSilhouette,
                ClusterMetrics.calinskiHarabasz(scores, labels, k), ClusterMetrics.daviesBouldin(scores, labels, k)),
                x -> "silhouette " + String.format(Locale.ROOT, "%.4f", x.silhouette()));

        int[] segment = new int[n];
        Arrays.fill(segment, -1);
        double[][] pcaScores = new double[n][];
        for (int i = 0; i < m; i++) {
            segment[segmentedRows[i]] = labels[i];
            pcaScores[segmentedRows[i]] = scores[i];
        }
        Segmentation segmentation = Segmentation.of(customers.customerIds(), segment, k);
        List<SegmentProfile> profiles = stages.run("profile", () -> profiles(segmentedFeatures, labels, k,
                        values, segmentedRows),
                p -> p.size() + " profiles");
        // the best sellers alone: the customers' recommendations are the model's, in stage "recommend"
        SegmentBestSellers.Result bestSellers = stages.run("best_sellers",
                () -> new SegmentBestSellers.Result(SegmentBestSellers.topProducts(lines, groups.get(), segmentation,
                        config.topProducts(), config.rankBy()), List.of()),
                r -> r.topProducts().size() + " best sellers");
        List<List<TopProduct>> bySegment = new ArrayList<>();
        for (int s = 0; s < k; s++) {
            bySegment.add(bestSellers.topProducts(s));
        }
        RecommenderTraining.Trained trained = stages.run("train_recommender",
                () -> training.finish(bySegment, config.rankBy()),
                t -> t.recommender().kind().id() + ", " + t.recommender().catalogue().size() + " products");
        ProductRecommender recommender = trained.recommender();

        ModelProvenance provenance = new ModelProvenance(ModelProvenance.currentVersion(), RunSettings.of(config),
                input, seeds.drawn(), matching);
        SegmentationModel model = new SegmentationModel(provenance, config.compat(),
                LocalDate.parse(input.lastDay()), outliers.detector(), segmenter,
                profiles.stream().map(SegmentProfile::name).toList(), bestSellers.topProducts(),
                config.recommendationsPerCustomer(), recommender, config.offer(), valueModel);
        SegmentBestSellers.Result recommended = stages.run("recommend",
                () -> new SegmentBestSellers.Result(bestSellers.topProducts(), trained.baskets() != null
                        ? model.recommendAll(segmentation, trained.groups(), trained.baskets())
                        : model.recommendAll(lines, segmentation)),
                r -> r.recommendations().size() + " recommendations");
        return new Fit(model, outliers.scores(), outliers.outlier(), pcaScores, outcome.selection(), segmentation,
                metrics, profiles, recommended);
    }

    /** Maps k-means labels to ids by size, largest first (ties: smaller original label first). */
    public static int[] largestFirst(int[] labels, int k) {
        int[] size = new int[k];
        for (int l : labels) {
            size[l]++;
        }
        Integer[] order = new Integer[k];
        for (int c = 0; c < k; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> size[a] != size[b] ? Integer.compare(size[b], size[a]) : Integer.compare(a, b));
        int[] relabel = new int[k];
        for (int id = 0; id < k; id++) {
            relabel[order[id]] = id;
        }
        return relabel;
    }

    /** Each segment's size, spend share, feature means, standardized means and name ({@link SegmentNamer}). */
    public static List<SegmentProfile> profiles(double[][] features, int[] labels, int k) {
        int[] rows = new int[features.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        return profiles(features, labels, k, CustomerValues.none(features.length), rows);
    }

    /**
     * As {@link #profiles(double[][], int[], int)}, with each segment's mean P(alive) and expected value from
     * {@code values} (indexed by {@code rows[i]} for the i-th segmented customer), and ", at risk" names.
     */
    public static List<SegmentProfile> profiles(double[][] features, int[] labels, int k, CustomerValues values,
                                                int[] rows) {
        int m = features.length;
        int d = Feature.COUNT;
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (double[] row : features) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / m;
            }
        }
        for (double[] row : features) {
            for (int j = 0; j < d; j++) {
                sd[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / m;
            }
        }
        for (int j = 0; j < d; j++) {
            sd[j] = sd[j] > 0 ? Math.sqrt(sd[j]) : 1;
        }
        double[][] sums = new double[k][d];
        int[] size = new int[k];
        double totalSpend = 0;
        for (int i = 0; i < m; i++) {
            size[labels[i]]++;
            for (int j = 0; j < d; j++) {
                sums[labels[i]][j] += features[i][j];
            }
            totalSpend += features[i][Feature.TOTAL_SPEND.ordinal()];
        }
        List<double[]> standardized = new ArrayList<>();
        List<Double> ukShare = new ArrayList<>();
        double[][] means = new double[k][d];
        for (int s = 0; s < k; s++) {
            double[] z = new double[d];
            for (int j = 0; j < d; j++) {
                means[s][j] = sums[s][j] / size[s];
                z[j] = (means[s][j] - mean[j]) / sd[j];
            }
            standardized.add(z);
            ukShare.add(means[s][Feature.IS_UK.ordinal()]);
        }
        double[] alive = new double[k];
        int[] aliveKnown = new int[k];
        double[] value = new double[k];
        int[] valueKnown = new int[k];
        for (int i = 0; i < m; i++) {
            double p = values.probabilityAlive()[rows[i]];
            double v = values.expectedValue()[rows[i]];
            if (!Double.isNaN(p)) {
                alive[labels[i]] += p;
                aliveKnown[labels[i]]++;
            }
            if (!Double.isNaN(v)) {
                value[labels[i]] += v;
                valueKnown[labels[i]]++;
            }
        }
        List<Double> meanAlive = new ArrayList<>();
        for (int s = 0; s < k; s++) {
            meanAlive.add(aliveKnown[s] == 0 ? Double.NaN : alive[s] / aliveKnown[s]);
        }
        List<String> names = SegmentNamer.names(standardized, ukShare, meanAlive);
        List<SegmentProfile> profiles = new ArrayList<>();
        for (int s = 0; s < k; s++) {
            double share = totalSpend == 0 ? 0 : sums[s][Feature.TOTAL_SPEND.ordinal()] / totalSpend;
            profiles.add(new SegmentProfile(s, names.get(s), size[s], share, means[s], standardized.get(s),
                    SegmentNamer.describe(standardized.get(s)), meanAlive.get(s),
                    valueKnown[s] == 0 ? Double.NaN : value[s]));
        }
        return profiles;
    }

    private static int count(boolean[] flags) {
        int c = 0;
        for (boolean f : flags) {
            if (f) {
                c++;
            }
        }
        return c;
    }

    private static int[] rowsWhere(boolean[] flags, boolean value) {
        int[] rows = new int[flags.length];
        int n = 0;
        for (int i = 0; i < flags.length; i++) {
            if (flags[i] == value) {
                rows[n++] = i;
            }
        }
        return Arrays.copyOf(rows, n);
    }

    /**
     * Number of distinct rows (compared value by value, -0.0 equal to 0.0), counted up to {@code cap}:
     * at most {@code cap} representatives are kept, so it costs rows x cap comparisons and no memory.
     */
    static int distinctRows(double[][] rows, int cap) {
        double[][] seen = new double[cap][];
        int count = 0;
        for (double[] row : rows) {
            boolean known = false;
            for (int s = 0; s < count && !known; s++) {
                known = sameValues(seen[s], row);
            }
            if (!known) {
                seen[count++] = row;
                if (count == cap) {
                    return count;
                }
            }
        }
        return count;
    }

    private static boolean sameValues(double[] a, double[] b) {
        for (int j = 0; j < a.length; j++) {
            if (a[j] != b[j]) { // -0.0 == 0.0
                return false;
            }
        }
        return true;
    }
}
