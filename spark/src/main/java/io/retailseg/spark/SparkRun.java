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
import io.retailseg.publish.RunWriter;
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
     * The notebook compatibility mode and recommenders other than {@code segment-best-sellers} (whose
     * models are fitted on every line on one machine) are the local engine's.
     */
    public static Optional<String> unsupported(RunConfig config) {
        if (config.compat() != Compat.SPEC) {
            return Optional.of("--compat " + config.compat().id() + " is not available with --engine spark;"
                    + " use the local engine");
        }
        if (config.recommender() != RecommenderKind.SEGMENT_BEST_SELLERS) {
            return Optional.of("--recommender " + config.recommender().id() + " is not available with --engine spark"
                    + " (its model is fitted from every line on one machine); use --recommender segment-best-sellers"
                    + " or the local engine");
        }
        return Optional.empty();
    }

    /** The run configuration the Spark engine uses when none is named: the reference recommender. */
    public static RunConfig sparkDefaults(RunConfig config) {
        return config.toBuilder().recommender(RecommenderKind.SEGMENT_BEST_SELLERS).build();
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
        List<SegmentProfile> profiles = SegmentationTrainer.profiles(segmentedFeatures, fit.labels(), k);

        List<Row> segmentRows = new ArrayList<>();
        for (int i = 0; i < customers.size(); i++) {
            if (fit.segment()[i] >= 0) {
                segmentRows.add(RowFactory.create(customers.customerId(i), fit.segment()[i]));
            }
        }
        Dataset<Row> segments = spark.createDataFrame(segmentRows, new StructType()
                .add(SparkIngest.CUSTOMER_ID, DataTypes.LongType).add("Segment", DataTypes.IntegerType));
        SparkRecommend.Result recommended = timed(timings, "recommend", () -> SparkRecommend.compute(spark,
                cleaned.lines(), segments, config.topProducts(), config.recommendationsPerCustomer(), config.rankBy(),
                config.offer()));

        InputIdentity input = new InputIdentity(name, 0, read.count(), "none", profile.firstDay(),
                LocalDate.ofEpochDay(lastDay).toString());
        ModelProvenance provenance = new ModelProvenance(ModelProvenance.currentVersion(), RunSettings.of(config),
                input, seeds.drawn(), Optional.empty());
        SegmentationModel model = new SegmentationModel(provenance, config.compat(), LocalDate.ofEpochDay(lastDay),
                fit.outliers(), new Segmenter(fit.projection(), fit.centroids()),
                profiles.stream().map(SegmentProfile::name).toList(), recommended.topProducts(),
                config.recommendationsPerCustomer(), null, config.offer(), Optional.empty());
        // the customer-value models (BG/NBD, Gamma-Gamma) are not fitted on Spark yet: the columns stay empty
        RunResult result = new RunResult(name, read.count(), config, cleaned.report(), customers,
                fit.outlierScores(), fit.outlier(), fit.pcaScores(), fit.kSelection(), segmentation, fit.metrics(),
                profiles, recommended.topProducts(), recommended.recommendations(), model, timings, profile,
                CustomerValues.none(customers.size()), Optional.of(NO_CUSTOMER_VALUE), RECOMMENDER_WHY);
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

    /**
     * Why a Spark run holds the segment rule, whether named or not: the only recommender this engine runs (the
     * local engine's default, the hybrid, and the others are fitted on one machine from every line).
     */
    static final String RECOMMENDER_WHY = "the Spark engine's default and the only recommender it runs: co-purchase,"
            + " EASE, ALS and the hybrid (the local engine's default) are fitted on one machine from every line";

    /** Why a Spark run's summary has no customer-value models. */
    static final String NO_CUSTOMER_VALUE = "the Spark engine does not fit the customer-value models yet (issue 13);"
            + " the local engine does";

    private static void parquet(Dataset<Row> table, Path folder) {
        table.coalesce(1).write().mode(SaveMode.ErrorIfExists).parquet(folder.toUri().toString());
    }

    /** customers.csv's columns: ids as text, Segment int (null for outliers), Is_Outlier boolean, numbers double. */
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
        List<Row> rows = new ArrayList<>();
        CustomerTable t = r.customers();
        for (int i = 0; i < t.size(); i++) {
            Object[] v = new Object[1 + Feature.COUNT + 2 + pcs];
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
            rows.add(RowFactory.create(v));
        }
        return spark.createDataFrame(rows, schema);
    }

    private static <T> T timed(Map<String, Long> timings, String stage, Supplier<T> work) {
        long start = System.nanoTime();
        T value = work.get();
        timings.put(stage, (System.nanoTime() - start) / 1_000_000);
        return value;
    }
}
