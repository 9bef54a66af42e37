package io.retailseg.spark;

import static org.apache.spark.sql.functions.col;

import io.retailseg.InputException;
import io.retailseg.clv.CustomerValues;
import io.retailseg.config.Compat;
import io.retailseg.config.RecommenderKind;
import io.retailseg.config.RunConfig;
import io.retailseg.config.RunSettings;
import io.retailseg.config.Seeds;
import io.retailseg.domain.CustomerTable;
import io.retailseg.domain.Feature;
import io.retailseg.domain.Segmentation;
import io.retailseg.explore.DataProfile;
import io.retailseg.io.IngestOptions;
import io.retailseg.model.InputIdentity;
import io.retailseg.model.ModelProvenance;
import io.retailseg.model.Segmenter;
import io.retailseg.model.SegmentationModel;
import io.retailseg.pipeline.RunResult;
import io.retailseg.pipeline.SegmentProfile;
import io.retailseg.pipeline.SegmentationTrainer;
import io.retailseg.publish.OutputFolder;
import io.retailseg.recommend.Basket;
import io.retailseg.recommend.ProductRecommender;
import io.retailseg.recommend.RecommenderChoice;
import io.retailseg.recommend.RecommenderFit;
import io.retailseg.recommend.TopProduct;
import io.retailseg.publish.RunWriter;
import io.retailseg.runfolder.RunFolderLayout;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The pipeline on Spark, start to end: the one place that knows the order of the Spark engine's stages.
 * Line-bound stages (ingest, cleaning, profile, features, best sellers, recommendations) run on the
 * executors; the driver holds what grows with customers (the customer table, the PCA scores, the
 * recommendations) to write the same run folder as the local engine with the core's writers.
 */
public final class SparkRun {
    private SparkRun() {
    }

    /** A run's result and its tables on Spark, for the Parquet outputs. */
    public record Outcome(RunResult result, Dataset<Row> topProducts, Dataset<Row> recommendations) {
    }

    /**
     * What the Spark engine does not run, said before any work: empty when {@code config} is supported.
     * The notebook compatibility mode is the local engine's.
     */
    public static Optional<String> unsupported(RunConfig config) {
        if (config.compat() != Compat.SPEC) {
            return Optional.of("--compat " + config.compat().id() + " is not available with --engine spark;"
                    + " use the local engine");
        }
        return Optional.empty();
    }

    /**
     * Runs every stage.
     *
     * @throws InputException when the input is bad or leaves too few customers to segment
     * @throws IllegalArgumentException when {@link #unsupported} names a problem with {@code config}
     */
    public static Outcome run(SparkSession spark, RunConfig config, SparkIngest.Source source, IngestOptions options) {
        unsupported(config).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        Map<String, Long> timings = new LinkedHashMap<>();
        String name = source.name();
        SparkIngest.Lines read = timed(timings, "ingest", () -> SparkIngest.read(spark, source, options));
        SparkEngine.sizeShuffles(spark, read.count());
        SparkCleaner.Result cleaned = timed(timings, "clean", () -> SparkCleaner.clean(read));
        long kept = cleaned.report().rowsOut();
        DataProfile profile = timed(timings, "explore",
                () -> SparkProfile.of(read.lines(), read.count(), cleaned.lines(), kept));
        if (kept == 0) {
            throw new InputException(name, "no customer left after cleaning (" + read.count() + " lines read, 0 kept);"
                    + " lines need a CustomerID, a Description, an ordinary StockCode and a positive UnitPrice");
        }
        long lastDay = SparkFeatures.lastDay(cleaned.lines());
        // one row per customer: as many partitions as cores, not as many as the line-bound shuffles
        Dataset<Row> features = SparkFeatures.compute(cleaned.lines(), lastDay)
                .coalesce(spark.sparkContext().defaultParallelism()).persist(StorageLevel.MEMORY_AND_DISK());
        CustomerTable customers = timed(timings, "features", () -> SparkFeatures.collect(features));
        if (cleaned.lines().filter(col(SparkIngest.INVOICE).startsWith("C").unary_$bang()).isEmpty()) {
            throw new InputException(name, "every one of the " + kept + " lines kept after cleaning"
                    + " is a cancellation (InvoiceNo starting with C): nothing was bought to segment or recommend");
        }
        Seeds seeds = Seeds.of(config.seed());
        int fewest = config.fixedK().orElse(config.kMin()) + 1;
        if (customers.size() < fewest) {
            int n = customers.size();
            throw new InputException(name, n + (n == 1 ? " customer" : " customers") + " after cleaning:"
                    + " too few to form k = " + (fewest - 1) + " segments (need at least k + 1 customers)");
        }
        SparkModel.Fit fit = timed(timings, "model", () -> SparkModel.fit(spark, features, customers, config, seeds,
                name));
        int k = fit.centroids().length;
        Segmentation segmentation = Segmentation.of(customers.customerIds(), fit.segment(), k);
        double[][] segmentedFeatures = new double[fit.segmentedRows().length][];
        for (int i = 0; i < segmentedFeatures.length; i++) {
            segmentedFeatures[i] = customers.row(fit.segmentedRows()[i]);
        }
        CustomerValues.Estimate value = timed(timings, "customer_value", () -> SparkCustomerValue.estimate(
                cleaned.lines(), customers.customerIds(), lastDay, config.horizonDays(), config.discountRate()));
        List<SegmentProfile> profiles = SegmentationTrainer.profiles(segmentedFeatures, fit.labels(), k,
                value.values(), fit.segmentedRows());

        List<Row> segmentRows = new ArrayList<>();
        for (int i = 0; i < customers.size(); i++) {
            if (fit.segment()[i] >= 0) {
                segmentRows.add(RowFactory.create(customers.customerId(i), fit.segment()[i]));
            }
        }
        Dataset<Row> segments = spark.createDataFrame(segmentRows, new StructType()
                .add(SparkIngest.CUSTOMER_ID, DataTypes.LongType).add("Segment", DataTypes.IntegerType));
        SparkRecommend.BestSellers bestSellers = timed(timings, "best_sellers", () -> SparkRecommend.bestSellers(spark,
                cleaned.lines(), segments, config.topProducts(), config.rankBy()));
        boolean segmentRule = config.recommender() == RecommenderKind.SEGMENT_BEST_SELLERS;
        ProductRecommender recommender = null; // the segment rule's model keeps the best sellers only
        SparkBaskets.Result baskets = null;
        if (!segmentRule) {
            SparkBaskets.Result collected = timed(timings, "baskets", () -> SparkBaskets.collect(cleaned.lines(),
                    customers.customerIds(), maxBasketPairs(spark)));
            baskets = collected;
            List<List<TopProduct>> bySegment = new ArrayList<>();
            for (int s = 0; s < k; s++) {
                int segment = s;
                bySegment.add(bestSellers.topProducts().stream().filter(t -> t.segment() == segment).toList());
            }
            long alsSeed = config.recommender() == RecommenderKind.ALS ? seeds.seed(Seeds.ALS) : 0;
            RecommenderFit.Inputs inputs = new RecommenderFit.Inputs(bySegment, config.rankBy(), alsSeed,
                    config.threads());
            recommender = timed(timings, "train_recommender", () -> RecommenderFit.fit(config.recommender(),
                    collected.catalogue(), collected.baskets(), inputs));
        }

        InputIdentity input = new InputIdentity(name, 0, read.count(), "none", profile.firstDay(),
                LocalDate.ofEpochDay(lastDay).toString());
        ModelProvenance provenance = new ModelProvenance(ModelProvenance.currentVersion(), RunSettings.of(config),
                input, seeds.drawn(), Optional.empty());
        SegmentationModel model = new SegmentationModel(provenance, config.compat(), LocalDate.ofEpochDay(lastDay),
                fit.outliers(), new Segmenter(fit.projection(), fit.centroids()),
                profiles.stream().map(SegmentProfile::name).toList(), bestSellers.topProducts(),
                config.recommendationsPerCustomer(), recommender, config.offer(), value.model());
        Basket[] customerBaskets = segmentRule ? null : baskets.baskets();
        SparkRecommend.Result recommended = timed(timings, "recommend", () -> segmentRule
                ? SparkRecommend.segmentRule(spark, cleaned.lines(), segments, bestSellers,
                        config.recommendationsPerCustomer(), config.rankBy(), config.offer())
                : SparkRecommend.of(spark, bestSellers, model.recommendAll(segmentation, customers.customerIds(),
                        customerBaskets)));
        RunResult result = new RunResult(name, read.count(), config, cleaned.report(), customers,
                fit.outlierScores(), fit.outlier(), fit.pcaScores(), fit.kSelection(), segmentation, fit.metrics(),
                profiles, recommended.topProducts(), recommended.recommendations(), model, timings, profile,
                value.values(), value.why(), RecommenderChoice.why(config.recommender(), config.compat()));
        return new Outcome(result, recommended.topProductsTable(), recommended.recommendationsTable());
    }

    /**
     * Writes the run folder with the core's writers ({@code summary.json}, {@code model.json},
     * {@code customers.csv}, ... and the manifest, swapped in atomically) plus the Parquet tables
     * {@code customers.parquet/}, {@code recommendations.parquet/} and {@code top_products.parquet/}
     * written by Spark into the same staging folder before the swap.
     */
    public static void write(SparkSession spark, Outcome outcome, Path out) {
        write(spark, outcome, out, Map.of());
    }

    /** As {@link #write(SparkSession, Outcome, Path)}, with extra files written after the run's (e.g. the report). */
    public static void write(SparkSession spark, Outcome outcome, Path out,
                             Map<String, OutputFolder.DerivedContent> extraFiles) {
        OutputFolder folder = RunWriter.files(outcome.result(), out);
        extraFiles.forEach(folder::add);
        Dataset<Row> customers = customersTable(spark, outcome.result());
        folder.addFolder("customers.parquet", p -> parquet(customers, p))
                .addFolder("recommendations.parquet", p -> parquet(outcome.recommendations(), p))
                .addFolder("top_products.parquet", p -> parquet(outcome.topProducts(), p))
                .commit();
    }

    private static void parquet(Dataset<Row> table, Path folder) {
        table.coalesce(1).write().mode(SaveMode.ErrorIfExists).parquet(folder.toUri().toString());
    }

    /**
     * customers.csv's columns: ids as text, Segment int (null for outliers), Is_Outlier boolean, numbers double
     * (the customer-value columns null where the models say nothing, as the CSV's empty fields).
     */
    static Dataset<Row> customersTable(SparkSession spark, RunResult r) {
        int pcs = r.pca().size();
        StructType schema = new StructType().add("CustomerID", DataTypes.StringType);
        for (Feature f : Feature.values()) {
            schema = schema.add(f.columnName(), DataTypes.DoubleType);
        }
        schema = schema.add("Is_Outlier", DataTypes.BooleanType).add("Segment", DataTypes.IntegerType, true);
        for (int c = 0; c < pcs; c++) {
            schema = schema.add("PC" + (c + 1), DataTypes.DoubleType, true);
        }
        for (String column : RunFolderLayout.VALUE_COLUMNS) {
            schema = schema.add(column, DataTypes.DoubleType, true);
        }
        int values = RunFolderLayout.VALUE_COLUMNS.size();
        List<Row> rows = new ArrayList<>();
        CustomerTable t = r.customers();
        for (int i = 0; i < t.size(); i++) {
            Object[] v = new Object[1 + Feature.COUNT + 2 + pcs + values];
            v[0] = Long.toString(t.customerId(i));
            double[] f = t.row(i);
            for (int j = 0; j < Feature.COUNT; j++) {
                v[1 + j] = f[j];
            }
            v[1 + Feature.COUNT] = r.outlier()[i];
            int s = r.segmentation().segmentOf(t.customerId(i)).orElse(-1);
            v[2 + Feature.COUNT] = s < 0 ? null : s;
            for (int c = 0; c < pcs; c++) {
                v[3 + Feature.COUNT + c] = r.pcaScores()[i] == null ? null : r.pcaScores()[i][c];
            }
            double[] value = r.customerValues().at(i).values();
            for (int c = 0; c < values; c++) {
                v[3 + Feature.COUNT + pcs + c] = Double.isNaN(value[c]) ? null : value[c];
            }
            rows.add(RowFactory.create(v));
        }
        return spark.createDataFrame(rows, schema);
    }

    /**
     * The bound on the (customer, product) pairs the driver collects for a model recommender: the session's
     * {@code spark.retailseg.maxBasketPairs}, else {@link SparkBaskets#DEFAULT_MAX_PAIRS}.
     */
    private static long maxBasketPairs(SparkSession spark) {
        return Long.parseLong(spark.conf().get("spark.retailseg.maxBasketPairs",
                Long.toString(SparkBaskets.DEFAULT_MAX_PAIRS)));
    }

    private static <T> T timed(Map<String, Long> timings, String stage, Supplier<T> work) {
        long start = System.nanoTime();
        T value = work.get();
        timings.put(stage, (System.nanoTime() - start) / 1_000_000);
        return value;
    }
}
