package io.retailseg.spark;

import io.retailseg.InputException;
import io.retailseg.config.RunConfig;
import io.retailseg.config.Seeds;
import io.retailseg.domain.CustomerTable;
import io.retailseg.domain.Feature;
import io.retailseg.ml.IsolationForest;
import io.retailseg.ml.KCandidate;
import io.retailseg.ml.KSelection;
import io.retailseg.ml.KSelector;
import io.retailseg.ml.Matrices;
import io.retailseg.ml.Pca;
import io.retailseg.ml.SampledSilhouette;
import io.retailseg.ml.StandardScaler;
import io.retailseg.model.OutlierDetector;
import io.retailseg.model.Projection;
import io.retailseg.model.Segmenter;
import io.retailseg.pipeline.SegmentationMetrics;
import io.retailseg.pipeline.SegmentationTrainer;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.feature.PCA;
import org.apache.spark.ml.feature.PCAModel;
import org.apache.spark.ml.linalg.DenseMatrix;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The per-customer model on Spark (SPEC sections 3 to 6):
 * <ul>
 * <li>the Isolation Forest is the core's ({@link IsolationForest}), fitted on the driver on a seeded sample
 * of at most {@link #FOREST_SAMPLE_MAX} customers (all of them below it, so the forest, the scores and the
 * flags are the local engine's), broadcast and applied to every customer on the executors; the threshold
 * is the core's percentile of all scores;</li>
 * <li>the scaler is two DataFrame aggregates (mean and population deviation: MLlib's {@code StandardScaler}
 * divides by the sample deviation, SPEC asks for the population one); PCA is MLlib's ({@link PCA}, centred
 * covariance), its axes signed by the core's rule (largest loading positive);</li>
 * <li>k-means is MLlib's ({@link KMeans}) with {@code k-means||} initialisation (the scalable k-means++,
 * Bahmani et al. 2012: a few passes over the data instead of k sequential ones; MLlib's default), the
 * restarts of the run's configuration each with its own seed, the lowest cost kept; the automatic k by the
 * core's rule ({@link KSelector#select}) over the Euclidean silhouette of the core's seeded sample;</li>
 * <li>Calinski-Harabasz and Davies-Bouldin are computed on the executors from per-segment sums.</li>
 * </ul>
 */
public final class SparkModel {
    /** Customers the forest is fitted on at most: the driver holds this many rows of 15 doubles. */
    public static final int FOREST_SAMPLE_MAX = 1_000_000;
    private static final String SCORES = "scores";

    private SparkModel() {
    }

    /**
     * What was fitted. Arrays follow the rows of the customer table; {@code pcaScores} is null for outliers,
     * {@code segment} -1.
     */
    public record Fit(OutlierDetector outliers, double[] outlierScores, boolean[] outlier, Projection projection,
                     double[][] pcaScores, KSelection kSelection, int[] segment, double[][] centroids,
                     SegmentationMetrics metrics, int[] segmentedRows, int[] labels) {
    }

    /**
     * @param features the customer features on the executors ({@link SparkFeatures#compute})
     * @param table the same collected on the driver, in ascending CustomerID
     */
    public static Fit fit(SparkSession spark, Dataset<Row> features, CustomerTable table, RunConfig config,
                          Seeds seeds, String source) {
        int n = table.size();
        double[][] x = table.matrix();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());

        // Isolation Forest: fitted on the driver, applied on the executors
        double[][] sample = forestSample(x, seeds.seed(Seeds.OUTLIERS));
        IsolationForest forest = IsolationForest.fit(sample, config.isolationTrees(), config.isolationSampleSize(),
                seeds.seed(Seeds.OUTLIERS), config.threads());
        Broadcast<ForestArrays> forestB = jsc.broadcast(ForestArrays.of(forest));
        Dataset<Row> scored = features.mapPartitions(
                (org.apache.spark.api.java.function.MapPartitionsFunction<Row, Row>) rows -> {
                    IsolationForest f = forestB.value().forest();
                    return map(rows, r -> RowFactory.create(r.getLong(0), f.score(featureRow(r))));
                }, Encoders.row(new StructType().add("CustomerID", DataTypes.LongType)
                        .add("score", DataTypes.DoubleType)));
        double[] scores = new double[n];
        for (Row r : scored.collectAsList()) {
            scores[table.rowOf(r.getLong(0))] = r.getDouble(1);
        }
        OutlierDetector detector = new OutlierDetector(forest, config.contamination(),
                IsolationForest.threshold(scores, config.contamination()));
        boolean[] outlier = new boolean[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            outlier[i] = detector.isOutlier(scores[i]);
            m += outlier[i] ? 0 : 1;
        }
        int minimumK = config.fixedK().orElse(config.kMin());
        if (m < minimumK + 1) {
            throw new InputException(source, n + " customers after cleaning, " + m + " of them not outliers:"
                    + " too few to form k = " + minimumK + " segments (need at least k + 1)");
        }
        int[] segmentedRows = new int[m];
        for (int i = 0, j = 0; i < n; i++) {
            if (!outlier[i]) {
                segmentedRows[j++] = i;
            }
        }
        double threshold = detector.threshold();
        // sorted by CustomerID: a shuffle's rows arrive in no fixed order, and MLlib's k-means (its k-means||
        // sampling) depends on the order of the rows in each partition; sorted, the same seed gives the same run
        Dataset<Row> inliers = features.join(scored.filter(functions.col("score").leq(threshold)), "CustomerID")
                .select(featureColumns()).orderBy("CustomerID").coalesce(spark.sparkContext().defaultParallelism())
                .persist(StorageLevel.MEMORY_AND_DISK());

        // scaler: DataFrame aggregates
        StandardScaler scaler = scaler(inliers, m);
        Broadcast<double[][]> scalerB = jsc.broadcast(new double[][] {scaler.means(), scaler.scales()});
        StructType vectors = new StructType().add("CustomerID", DataTypes.LongType)
                .add("features", SQLDataTypes.VectorType());
        Dataset<Row> scaled = inliers.mapPartitions(
                (org.apache.spark.api.java.function.MapPartitionsFunction<Row, Row>) rows -> {
                    StandardScaler s = StandardScaler.of(scalerB.value()[0], scalerB.value()[1]);
                    return map(rows, r -> RowFactory.create(r.getLong(0),
                            Vectors.dense(s.transform(featureRow(r)))));
                }, Encoders.row(vectors)).persist(StorageLevel.MEMORY_AND_DISK());

        // PCA: MLlib, all axes for the explained-variance ratios, the first ones kept
        int d = Feature.COUNT;
        PCAModel pcaModel = new PCA().setInputCol("features").setOutputCol("pc").setK(d).fit(scaled);
        Pca pca = pca(pcaModel, scaled, config.pcaComponents(), d);
        Projection projection = Projection.of(scaler, pca);
        Broadcast<ProjectionArrays> projectionB = jsc.broadcast(ProjectionArrays.of(projection));
        Dataset<Row> projected = inliers.mapPartitions(
                (org.apache.spark.api.java.function.MapPartitionsFunction<Row, Row>) rows -> {
                    Projection p = projectionB.value().projection();
                    return map(rows, r -> RowFactory.create(r.getLong(0),
                            Vectors.dense(p.project(featureRow(r)))));
                }, Encoders.row(vectors)).persist(StorageLevel.MEMORY_AND_DISK());
        scaled.unpersist();
        double[][] pcs = new double[m][];
        for (Row r : projected.collectAsList()) {
            pcs[Arrays.binarySearch(segmentedRows, table.rowOf(r.getLong(0)))] = ((Vector) r.get(1)).toArray();
        }

        // k-means: MLlib, k fixed or chosen by the core's rule on the seeded-sample silhouette
        SampledSilhouette silhouette = SampledSilhouette.of(pcs, config.silhouetteSampleSize(),
                seeds.seed(Seeds.SILHOUETTE_SAMPLE));
        int kMin = config.fixedK().orElse(config.kMin());
        int kMax = config.fixedK().orElse(Math.min(config.kMax(), m - 1));
        List<KCandidate> candidates = new ArrayList<>();
        List<double[][]> centroidsByK = new ArrayList<>();
        long kmeansSeed = seeds.seed(Seeds.KMEANS);
        for (int k = kMin; k <= kMax; k++) {
            double[][] centroids = kmeans(projected, k, config, kmeansSeed);
            int[] labels = nearest(pcs, centroids);
            candidates.add(KCandidate.of(k, inertia(projected, centroids),
                    silhouette.score(labels, k, config.threads())));
            centroidsByK.add(centroids);
        }
        KSelection selection = config.fixedK().isPresent()
                ? new KSelection(candidates, kMin, OptionalInt.empty(), "fixed by the user (--k)",
                        "k=" + kMin + " was given with --k")
                : KSelector.select(candidates, kMin, kMax, config.silhouetteTolerance());
        int k = selection.chosenK();
        double[][] raw = centroidsByK.get(k - kMin);
        int[] rawLabels = nearest(pcs, raw);
        int[] relabel = SegmentationTrainer.largestFirst(rawLabels, k);
        double[][] centroids = new double[k][];
        for (int c = 0; c < k; c++) {
            centroids[relabel[c]] = raw[c].clone();
        }
        int[] labels = new int[m];
        int[] segment = new int[n];
        Arrays.fill(segment, -1);
        double[][] pcaScores = new double[n][];
        for (int i = 0; i < m; i++) {
            labels[i] = relabel[rawLabels[i]];
            segment[segmentedRows[i]] = labels[i];
            pcaScores[segmentedRows[i]] = pcs[i];
        }
        double chosenSilhouette = candidates.get(k - kMin).silhouette();
        SegmentationMetrics metrics = DistributedMetrics.of(projected, centroids, chosenSilhouette);
        projected.unpersist();
        inliers.unpersist();
        return new Fit(detector, scores, outlier, projection, pcaScores, selection, segment, centroids, metrics,
                segmentedRows, labels);
    }

    /** Every customer when there are at most {@link #FOREST_SAMPLE_MAX}, else a seeded sample of that many. */
    static double[][] forestSample(double[][] x, long seed) {
        if (x.length <= FOREST_SAMPLE_MAX) {
            return x;
        }
        int[] index = new int[x.length];
        Arrays.setAll(index, i -> i);
        Random random = new Random(seed);
        for (int i = 0; i < FOREST_SAMPLE_MAX; i++) { // partial Fisher-Yates
            int j = i + random.nextInt(x.length - i);
            int t = index[i];
            index[i] = index[j];
            index[j] = t;
        }
        int[] chosen = Arrays.copyOf(index, FOREST_SAMPLE_MAX);
        Arrays.sort(chosen);
        double[][] sample = new double[FOREST_SAMPLE_MAX][];
        for (int i = 0; i < chosen.length; i++) {
            sample[i] = x[chosen[i]];
        }
        return sample;
    }

    private static org.apache.spark.sql.Column[] featureColumns() {
        org.apache.spark.sql.Column[] cols = new org.apache.spark.sql.Column[Feature.COUNT + 1];
        cols[0] = functions.col("CustomerID");
        for (Feature f : Feature.values()) {
            cols[f.ordinal() + 1] = functions.col(f.columnName());
        }
        return cols;
    }

    static double[] featureRow(Row r) {
        double[] f = new double[Feature.COUNT];
        for (int j = 0; j < f.length; j++) {
            f[j] = r.getDouble(j + 1);
        }
        return f;
    }

    /** Means and population deviations of the standardized features (others pass through), as the core's rule. */
    private static StandardScaler scaler(Dataset<Row> inliers, int m) {
        List<org.apache.spark.sql.Column> aggs = new ArrayList<>();
        for (Feature f : Feature.values()) {
            aggs.add(functions.avg(f.columnName()));
            aggs.add(functions.var_pop(f.columnName()));
        }
        Row r = inliers.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new org.apache.spark.sql.Column[0]))
                .first();
        double[] means = new double[Feature.COUNT];
        double[] scales = new double[Feature.COUNT];
        for (Feature f : Feature.values()) {
            int j = f.ordinal();
            scales[j] = 1.0;
            if (!f.standardized()) {
                continue;
            }
            double mean = r.getDouble(2 * j);
            double variance = r.getDouble(2 * j + 1);
            means[j] = mean;
            // the core's test for a constant column: a variance within rounding of zero leaves the scale 1
            double eps = Math.ulp(1.0);
            double upperBound = m * eps * variance + Math.pow(m * Math.abs(mean) * eps, 2);
            if (variance > upperBound) {
                scales[j] = Math.sqrt(variance);
            }
        }
        return StandardScaler.of(means, scales);
    }

    /** MLlib's axes as the core's {@link Pca}: centred on the scaled features' mean, signs by the core's rule. */
    private static Pca pca(PCAModel model, Dataset<Row> scaled, int components, int d) {
        DenseMatrix pc = model.pc(); // d x d, one axis per column
        double[] ratios = model.explainedVariance().toArray();
        Row summary = scaled.select(org.apache.spark.ml.stat.Summarizer.metrics("mean", "variance")
                .summary(functions.col("features")).as("s")).first().getStruct(0);
        double[] mean = ((Vector) summary.get(0)).toArray();
        double[] variance = ((Vector) summary.get(1)).toArray(); // sample variances (n - 1), as MLlib's covariance
        double total = 0;
        for (double v : variance) {
            total += v;
        }
        double[][] axes = new double[components][d];
        double[] explained = new double[components];
        double[] kept = new double[components];
        for (int c = 0; c < components; c++) {
            int largest = 0;
            for (int j = 0; j < d; j++) {
                axes[c][j] = pc.apply(j, c);
                if (Math.abs(axes[c][j]) > Math.abs(axes[c][largest])) {
                    largest = j;
                }
            }
            if (axes[c][largest] < 0) {
                for (int j = 0; j < d; j++) {
                    axes[c][j] = -axes[c][j];
                }
            }
            explained[c] = ratios[c] * total;
            kept[c] = ratios[c];
        }
        return Pca.of(mean, axes, explained, kept, ratios);
    }

    /** MLlib k-means, {@code config.kmeansRestarts()} seeds, the lowest training cost kept; centroids by MLlib's order. */
    private static double[][] kmeans(Dataset<Row> projected, int k, RunConfig config, long seed) {
        KMeansModel best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int r = 0; r < config.kmeansRestarts(); r++) {
            KMeansModel model = new KMeans().setK(k).setSeed(seed + r).setMaxIter(config.kmeansMaxIterations())
                    .setTol(config.kmeansTolerance()).setInitMode("k-means||").setFeaturesCol("features")
                    .fit(projected);
            double cost = model.summary().trainingCost();
            if (cost < bestCost) {
                bestCost = cost;
                best = model;
            }
        }
        Vector[] centres = best.clusterCenters();
        double[][] out = new double[centres.length][];
        for (int c = 0; c < centres.length; c++) {
            out[c] = centres[c].toArray();
        }
        return out;
    }

    /** Sum of squared distances to the nearest centroid, on the executors. */
    private static double inertia(Dataset<Row> projected, double[][] centroids) {
        double[][] c = centroids;
        return projected.javaRDD().map(r -> {
            double[] p = ((Vector) r.get(1)).toArray();
            return Matrices.squaredDistance(p, c[io.retailseg.ml.KMeans.nearest(c, p)]);
        }).reduce(Double::sum);
    }

    static int[] nearest(double[][] points, double[][] centroids) {
        int[] labels = new int[points.length];
        for (int i = 0; i < points.length; i++) {
            labels[i] = io.retailseg.ml.KMeans.nearest(centroids, points[i]);
        }
        return labels;
    }

    private interface RowMap {
        Row apply(Row r);
    }

    private static Iterator<Row> map(Iterator<Row> rows, RowMap f) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                return f.apply(rows.next());
            }
        };
    }

    /** The forest as arrays, for a broadcast (the core's classes are not {@link Serializable}). */
    record ForestArrays(int sampleSize, int[][] feature, double[][] split, int[][] left, int[][] right,
                        int[][] size) implements Serializable {
        static ForestArrays of(IsolationForest f) {
            int t = f.trees().size();
            int[][] feature = new int[t][];
            double[][] split = new double[t][];
            int[][] left = new int[t][];
            int[][] right = new int[t][];
            int[][] size = new int[t][];
            for (int i = 0; i < t; i++) {
                IsolationForest.Tree tree = f.trees().get(i);
                feature[i] = tree.feature();
                split[i] = tree.split();
                left[i] = tree.left();
                right[i] = tree.right();
                size[i] = tree.size();
            }
            return new ForestArrays(f.sampleSize(), feature, split, left, right, size);
        }

        IsolationForest forest() {
            List<IsolationForest.Tree> trees = new ArrayList<>();
            for (int i = 0; i < feature.length; i++) {
                trees.add(new IsolationForest.Tree(feature[i], split[i], left[i], right[i], size[i]));
            }
            return IsolationForest.of(sampleSize, trees);
        }
    }

    /** The projection as arrays, for a broadcast. */
    record ProjectionArrays(double[] means, double[] scales, double[] pcaMean, double[][] components,
                            double[] ratios, double[] allRatios) implements Serializable {
        static ProjectionArrays of(Projection p) {
            return new ProjectionArrays(p.scaler().means(), p.scaler().scales(), p.pca().mean(),
                    p.pca().components(), p.pca().explainedVarianceRatio(), p.pca().allExplainedVarianceRatio());
        }

        Projection projection() {
            return Projection.of(StandardScaler.of(means, scales), Pca.of(pcaMean, components, ratios, allRatios));
        }
    }
}
