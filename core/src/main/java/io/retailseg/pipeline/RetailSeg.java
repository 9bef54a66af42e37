package io.retailseg.pipeline;

import io.retailseg.InputException;
import io.retailseg.clean.Cleaner;
import io.retailseg.clean.CleaningReport;
import io.retailseg.config.RunConfig;
import io.retailseg.domain.CustomerTable;
import io.retailseg.domain.Feature;
import io.retailseg.domain.Transactions;
import io.retailseg.evaluate.SegmentMatching;
import io.retailseg.explore.DataProfile;
import io.retailseg.explore.DataProfiler;
import io.retailseg.features.FeatureExtractor;
import io.retailseg.ml.ClusterMetrics;
import io.retailseg.ml.IsolationForest;
import io.retailseg.ml.KMeansResult;
import io.retailseg.ml.KSelector;
import io.retailseg.ml.Pca;
import io.retailseg.ml.StandardScaler;
import io.retailseg.model.SegmentationModel;
import io.retailseg.recommend.SegmentBestSellers;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The pipeline, start to end: the one place that knows the order of the stages.
 *
 * <pre>{@code
 * RunResult r = RetailSeg.run(RunConfig.builder().k(3).build(),
 *         TransactionSource.file(Path.of("online_retail.csv.gz"), IngestOptions.defaults()));
 * r.profiles().forEach(p -> System.out.println(p.name() + ": " + p.size()));
 * }</pre>
 */
public final class RetailSeg {
    private RetailSeg() {
    }

    public static RunResult run(RunConfig config, TransactionSource source) {
        return run(config, source, ProgressListener.NONE);
    }

    /**
     * Runs every stage on {@code source}.
     *
     * @throws InputException when the input is bad or leaves too few customers to segment
     */
    public static RunResult run(RunConfig config, TransactionSource source, ProgressListener progress) {
        return run(config, source, progress, Optional.empty());
    }

    /**
     * Runs every stage on {@code source}; with a previous model, segments are matched to its segments
     * by centroid ({@link SegmentMatching}) and take their ids, and {@code model.json}'s provenance
     * records the matching under {@code segment_matching}.
     *
     * @throws InputException when the input is bad or leaves too few customers to segment
     */
    public static RunResult run(RunConfig config, TransactionSource source, ProgressListener progress,
                                Optional<SegmentationModel> previous) {
        Map<String, Long> timings = new LinkedHashMap<>();
        Stages stages = new Stages(progress, timings);
        Transactions raw = stages.run("ingest", () -> source.load(progress), t -> t.size() + " lines");
        Cleaner.Result cleaned = stages.run("clean", () -> Cleaner.clean(raw, (done, total) ->
                progress.stageProgress("clean", (double) done / total, done, "steps")),
                c -> c.report().rowsOut() + " lines kept");
        return fit(config, source.name(), raw.size(), cleaned, raw, previous, stages);
    }

    /**
     * Runs every stage after cleaning on lines that are already clean (e.g. the lines before a time
     * split of a cleaned file); {@code cleaning} is reported as given, and the data profile describes
     * {@code lines} (as both the lines read and the cleaned lines).
     *
     * @param rowsRead lines read from the source the lines came from
     * @param cleaning the cleaning report of those lines' source
     * @throws InputException when the lines leave too few customers to segment
     */
    public static RunResult runCleaned(RunConfig config, String sourceName, long rowsRead, Transactions lines,
                                       CleaningReport cleaning, ProgressListener progress,
                                       Optional<SegmentationModel> previous) {
        Stages stages = new Stages(progress, new LinkedHashMap<>());
        return fit(config, sourceName, rowsRead, new Cleaner.Result(lines, cleaning), lines, previous, stages);
    }

    /** @param raw the lines as read, for the data profile (the clean lines themselves for {@link #runCleaned}) */
    private static RunResult fit(RunConfig config, String sourceName, long rowsRead, Cleaner.Result cleaned,
                                 Transactions raw, Optional<SegmentationModel> previous, Stages stages) {
        ProgressListener progress = stages.progress();
        SplittableRandom seeds = new SplittableRandom(config.seed());
        long isolationSeed = seeds.nextLong();
        long kmeansSeed = seeds.nextLong();
        seeds.nextLong(); // the third and fourth values seed evaluate's bootstrap and random recommender
        seeds.nextLong(); // (HoldoutEvaluation), so the silhouette sample takes the fifth
        long silhouetteSeed = seeds.nextLong();
        Transactions lines = cleaned.lines();
        DataProfile dataProfile = stages.run("explore", () -> DataProfiler.profile(raw, lines),
                p -> p.countries().size() + " countries, " + p.months().size() + " months");
        long referenceDay = lines.size() == 0 ? 0 : FeatureExtractor.lastDay(lines);
        CustomerTable customers = stages.run("features",
                () -> FeatureExtractor.extract(lines, config.compat(), referenceDay, (done, total) ->
                        progress.stageProgress("features", (double) done / total, done, "customers")),
                t -> t.size() + " customers");
        if (customers.size() == 0) {
            throw new InputException(sourceName, "no customer left after cleaning (" + rowsRead
                    + " lines read, " + lines.size() + " kept); lines need a CustomerID, a Description,"
                    + " an ordinary StockCode and a positive UnitPrice");
        }
        int n = customers.size();
        double[][] features = customers.matrix();

        double[] score = new double[n];
        double[] threshold = new double[1];
        boolean[] outlier = new boolean[n];
        IsolationForest forest = stages.run("outliers", () -> {
            IsolationForest f = IsolationForest.fit(features, config.isolationTrees(), config.isolationSampleSize(),
                    isolationSeed, config.threads());
            System.arraycopy(f.scoreAll(features, config.threads()), 0, score, 0, n);
            threshold[0] = IsolationForest.threshold(score, config.contamination());
            for (int i = 0; i < n; i++) {
                outlier[i] = score[i] > threshold[0];
            }
            return f;
        }, f -> count(outlier) + " outliers");

        int[] segmentedRows = rowsWhere(outlier, false);
        int m = segmentedRows.length;
        int minimumK = config.fixedK().orElse(config.kMin());
        if (m < minimumK + 1) {
            throw new InputException(sourceName, n + " customers after cleaning, " + m
                    + " of them not outliers: too few to form k = " + minimumK
                    + " segments (need at least k + 1)");
        }
        double[][] segmentedFeatures = new double[m][];
        for (int i = 0; i < m; i++) {
            segmentedFeatures[i] = features[segmentedRows[i]];
        }
        boolean[] standardize = new boolean[Feature.COUNT];
        for (Feature f : Feature.values()) {
            standardize[f.ordinal()] = f.standardized();
        }
        StandardScaler scaler = StandardScaler.fit(segmentedFeatures, standardize);
        int components = Math.min(config.pcaComponents(), Math.min(Feature.COUNT, m));
        Pca pca = stages.run("scale_pca", () -> Pca.fit(scaler.transform(segmentedFeatures), components),
                p -> components + " components");
        double[][] scores = pca.transform(scaler.transform(segmentedFeatures));

        KSelector.Settings settings = new KSelector.Settings(config.kmeansRestarts(), config.kmeansMaxIterations(),
                config.kmeansTolerance(), kmeansSeed, config.threads(), config.silhouetteTolerance(),
                config.silhouetteSampleSize(), silhouetteSeed);
        KSelector.Outcome outcome = stages.run("k_selection", () -> config.fixedK().isPresent()
                ? KSelector.fixed(scores, config.fixedK().getAsInt(), settings)
                : KSelector.choose(scores, config.kMin(), Math.min(config.kMax(), m - 1), settings,
                        (done, total) -> progress.stageProgress("k_selection", (double) done / total, done,
                                "k values")),
                o -> "k = " + o.selection().chosenK());
        int k = outcome.selection().chosenK();
        KMeansResult clustering = outcome.clustering();
        int[] relabel = largestFirst(clustering.labels(), k);
        Map<String, Object> matching = new LinkedHashMap<>();
        if (previous.isPresent()) {
            double[][] bySize = new double[k][];
            for (int c = 0; c < k; c++) {
                bySize[relabel[c]] = clustering.centroids()[c];
            }
            SegmentMatching.Match match = SegmentMatching.match(bySize,
                    new SegmentMatching.Space(scaler.means(), scaler.scales(), pca.mean(), pca.components()),
                    previous.get());
            for (int c = 0; c < k; c++) {
                relabel[c] = match.newId()[relabel[c]];
            }
            matching.putAll(matchingProvenance(match, previous.get()));
        }
        int[] labels = new int[m];
        for (int i = 0; i < m; i++) {
            labels[i] = relabel[clustering.labels()[i]];
        }
        double[][] centroids = new double[k][];
        for (int c = 0; c < k; c++) {
            centroids[relabel[c]] = clustering.centroids()[c].clone();
        }
        double chosenSilhouette = outcome.selection().candidates().stream().filter(c -> c.k() == k)
                .findFirst().orElseThrow().silhouette();
        SegmentationMetrics metrics = stages.run("evaluate", () -> new SegmentationMetrics(chosenSilhouette,
                ClusterMetrics.calinskiHarabasz(scores, labels, k), ClusterMetrics.daviesBouldin(scores, labels, k)),
                x -> "silhouette " + String.format(java.util.Locale.ROOT, "%.4f", x.silhouette()));

        int[] segment = new int[n];
        Arrays.fill(segment, -1);
        double[][] pcaScores = new double[n][];
        Map<Long, Integer> segmentOf = new HashMap<>();
        for (int i = 0; i < m; i++) {
            segment[segmentedRows[i]] = labels[i];
            pcaScores[segmentedRows[i]] = scores[i];
            segmentOf.put(customers.customerId(segmentedRows[i]), labels[i]);
        }
        List<SegmentProfile> profiles = stages.run("profile", () -> profiles(segmentedFeatures, labels, k),
                p -> p.size() + " profiles");
        SegmentBestSellers.Result recommended = stages.run("recommend",
                () -> SegmentBestSellers.compute(lines, segmentOf, k, config.topProducts(),
                        config.recommendationsPerCustomer(), config.rankBy()),
                r -> r.recommendations().size() + " recommendations");

        SegmentationModel model = new SegmentationModel(SegmentationModel.FORMAT_VERSION,
                provenance(sourceName, rowsRead, config, matching),
                config.compat().name(),
                LocalDate.ofEpochDay(referenceDay).toString(),
                Arrays.stream(Feature.values()).map(Feature::columnName).toList(),
                new SegmentationModel.Outliers(config.contamination(), threshold[0], forest.sampleSize(), forest.trees()),
                new SegmentationModel.Scaler(scaler.means(), scaler.scales()),
                new SegmentationModel.Projection(pca.mean(), pca.components(), pca.explainedVarianceRatio(),
                        pca.allExplainedVarianceRatio()),
                centroids,
                profiles.stream().map(p -> new SegmentationModel.Segment(p.id(), p.name())).toList(),
                recommended.topProducts());
        return new RunResult(sourceName, rowsRead, config, cleaned.report(), lines, customers, score,
                threshold[0], outlier, pca, pcaScores, outcome.selection(), segment, metrics, profiles,
                recommended.topProducts(), recommended.recommendations(), model, stages.timings(),
                dataProfile);
    }

    /** The configuration as ordered key-value pairs, for the summary and the model's provenance. */
    public static Map<String, Object> configMap(RunConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", c.seed());
        m.put("threads", c.threads());
        m.put("compat", c.compat().name().toLowerCase(java.util.Locale.ROOT));
        m.put("contamination", c.contamination());
        m.put("isolation_trees", c.isolationTrees());
        m.put("isolation_sample_size", c.isolationSampleSize());
        m.put("pca_components", c.pcaComponents());
        m.put("k", c.fixedK().isPresent() ? (Object) c.fixedK().getAsInt() : "auto");
        m.put("k_min", c.kMin());
        m.put("k_max", c.kMax());
        m.put("kmeans_restarts", c.kmeansRestarts());
        m.put("kmeans_max_iterations", c.kmeansMaxIterations());
        m.put("kmeans_tolerance", c.kmeansTolerance());
        m.put("silhouette_tolerance", c.silhouetteTolerance());
        m.put("top_products", c.topProducts());
        m.put("recommendations_per_customer", c.recommendationsPerCustomer());
        m.put("rank_by", c.rankBy().name().toLowerCase(java.util.Locale.ROOT));
        m.put("silhouette_sample_size", c.silhouetteSampleSize());
        return m;
    }

    private static Map<String, Object> provenance(String source, long rows, RunConfig config,
                                                  Map<String, Object> matching) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source);
        m.put("rows_read", rows);
        Map<String, Object> c = configMap(config);
        c.remove("threads"); // results do not depend on it; keeps model.json identical across machines
        m.put("config", c);
        if (!matching.isEmpty()) {
            m.put("segment_matching", matching);
        }
        return m;
    }

    /** How a run's segments were paired with a previous model's, for the provenance and the summary. */
    private static Map<String, Object> matchingProvenance(SegmentMatching.Match match, SegmentationModel previous) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("previous_source", previous.provenance().get("source"));
        m.put("previous_reference_day", previous.referenceDay());
        m.put("previous_k", previous.centroids().length);
        m.put("distance", "Euclidean between centroids mapped back to the features and standardized with the"
                + " previous model's scaler");
        List<Object> pairs = new ArrayList<>();
        for (int s = 0; s < match.newId().length; s++) {
            Map<String, Object> pair = new LinkedHashMap<>();
            pair.put("id", match.newId()[s]);
            pair.put("previous_id", match.previousId()[s] < 0 ? null : match.previousId()[s]);
            pair.put("distance", Double.isNaN(match.distance()[s]) ? null : match.distance()[s]);
            pairs.add(pair);
        }
        pairs.sort(java.util.Comparator.comparingInt(p -> (Integer) ((Map<?, ?>) p).get("id")));
        m.put("segments", pairs);
        return m;
    }

    /** Maps k-means labels to ids by size, largest first (ties: smaller original label first). */
    static int[] largestFirst(int[] labels, int k) {
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

    private static List<SegmentProfile> profiles(double[][] features, int[] labels, int k) {
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
        List<String> names = SegmentNamer.names(standardized, ukShare);
        List<SegmentProfile> profiles = new ArrayList<>();
        for (int s = 0; s < k; s++) {
            double share = totalSpend == 0 ? 0 : sums[s][Feature.TOTAL_SPEND.ordinal()] / totalSpend;
            profiles.add(new SegmentProfile(s, names.get(s), size[s], share, means[s], standardized.get(s),
                    SegmentNamer.describe(standardized.get(s))));
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

    /** Runs stages, timing each and telling the listener. */
    private record Stages(ProgressListener progress, Map<String, Long> timings) {
        <T> T run(String stage, Supplier<T> body, java.util.function.Function<T, String> outcome) {
            progress.stageStarted(stage);
            long start = System.nanoTime();
            T result = body.get();
            long millis = (System.nanoTime() - start) / 1_000_000;
            timings.put(stage, millis);
            progress.stageFinished(stage, millis, outcome.apply(result));
            return result;
        }
    }
}
