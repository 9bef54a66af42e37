package io.retailseg.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.retailseg.clean.Cleaner;
import io.retailseg.config.RecommenderKind;
import io.retailseg.config.RunConfig;
import io.retailseg.domain.Segmentation;
import io.retailseg.domain.Transactions;
import io.retailseg.evaluate.AdjustedRand;
import io.retailseg.generate.SyntheticRetailGenerator;
import io.retailseg.io.IngestOptions;
import io.retailseg.ml.ClusterMetrics;
import io.retailseg.model.ModelCodec;
import io.retailseg.pipeline.RetailSeg;
import io.retailseg.pipeline.RunResult;
import io.retailseg.pipeline.TransactionSource;
import io.retailseg.recommend.SegmentBestSellers;
import io.retailseg.report.Report;
import io.retailseg.runfolder.RunFolderReader;
import io.retailseg.score.ScoreResult;
import io.retailseg.score.ScoredCustomer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark engine end to end on generated lines, against the local engine: the same outliers, the same
 * segments up to k-means' differences (adjusted Rand), the distributed metrics equal to the core's on the
 * same labels, the segment rule's best sellers and recommendations equal to the core's given the same
 * labels, and a run folder that the core's reader, {@code score} and the report open.
 */
class SparkRunTest {
    @TempDir
    static Path dir;
    static Path file;
    static RunConfig config;
    static SparkRun.Outcome spark;
    static RunResult local;

    @BeforeAll
    static void run() {
        file = dir.resolve("lines.csv");
        SyntheticRetailGenerator.write(40_000, 11, file);
        config = RunConfig.builder().k(3).threads(2)
                .recommender(RecommenderKind.SEGMENT_BEST_SELLERS).build();
        spark = SparkRun.run(TestSpark.session(), config, SparkIngest.Files.of(file.toString()),
                IngestOptions.defaults());
        local = RetailSeg.run(config, TransactionSource.file(file, IngestOptions.defaults()));
    }

    @Test
    void outliersAreTheLocalEngines() {
        RunResult r = spark.result();
        assertThat(r.cleaning()).isEqualTo(local.cleaning());
        assertThat(Arrays.equals(r.customers().customerIds(), local.customers().customerIds())).isTrue();
        assertThat(Arrays.equals(r.outlierScore(), local.outlierScore())).isTrue();
        assertThat(Arrays.equals(r.outlier(), local.outlier())).isTrue();
        assertThat(r.outlierThreshold()).isEqualTo(local.outlierThreshold());
    }

    @Test
    void customerValueIsTheLocalEnginesBitForBit() {
        RunResult r = spark.result();
        Transactions lines = Cleaner.clean(io.retailseg.io.TransactionReader.read(file)).lines();
        long endDay = io.retailseg.features.FeatureExtractor.lastDay(lines);
        SparkCleaner.Result cleaned = SparkCleaner.clean(SparkIngest.read(TestSpark.session(),
                SparkIngest.Files.of(file.toString()), IngestOptions.defaults()));
        io.retailseg.clv.RepeatHistories.Result onSpark = SparkCustomerValue.histories(cleaned.lines(), endDay);
        io.retailseg.clv.RepeatHistories.Result onCore = io.retailseg.clv.RepeatHistories.of(lines, endDay);
        assertThat(Arrays.equals(onSpark.customerIds(), onCore.customerIds())).isTrue();
        assertThat(onSpark.histories()).isEqualTo(onCore.histories());
        assertThat(r.model().customerValue()).isPresent();
        assertThat(r.model().customerValue().get().bgNbd().model())
                .isEqualTo(local.model().customerValue().orElseThrow().bgNbd().model());
        assertThat(r.model().customerValue().get().gammaGamma().map(g -> g.model()))
                .isEqualTo(local.model().customerValue().orElseThrow().gammaGamma().map(g -> g.model()));
        assertThat(Arrays.equals(r.customerValues().probabilityAlive(), local.customerValues().probabilityAlive()))
                .isTrue();
        assertThat(Arrays.equals(r.customerValues().expectedPurchases(), local.customerValues().expectedPurchases()))
                .isTrue();
        assertThat(Arrays.equals(r.customerValues().expectedOrderValue(),
                local.customerValues().expectedOrderValue())).isTrue();
        assertThat(Arrays.equals(r.customerValues().expectedValue(), local.customerValues().expectedValue())).isTrue();
        assertThat(r.customerValueWhy()).isEqualTo(local.customerValueWhy());
        assertThat(r.profiles()).allSatisfy(p -> assertThat(p.expectedValue()).isPositive());
    }

    @Test
    void segmentsAgreeWithTheLocalEnginesAtTheSameK() {
        RunResult r = spark.result();
        assertThat(r.k()).isEqualTo(local.k());
        int[] a = segmentsOfInliers(r);
        int[] b = segmentsOfInliers(local);
        assertThat(AdjustedRand.index(a, b))
                .as("adjusted Rand; inertia spark %s, local %s; sizes spark %s, local %s",
                        r.kSelection().candidates().get(0).inertia(), local.kSelection().candidates().get(0).inertia(),
                        r.profiles().stream().map(p -> p.size()).toList(),
                        local.profiles().stream().map(p -> p.size()).toList())
                .isGreaterThanOrEqualTo(0.95);
        double[] ratios = r.pca().explainedVarianceRatio();
        double[] localRatios = local.pca().explainedVarianceRatio();
        for (int c = 0; c < ratios.length; c++) {
            assertThat(ratios[c]).isCloseTo(localRatios[c], org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void distributedMetricsEqualTheCoresOnTheSameLabels() {
        RunResult r = spark.result();
        int m = 0;
        for (boolean o : r.outlier()) {
            m += o ? 0 : 1;
        }
        double[][] x = new double[m][];
        int[] labels = new int[m];
        for (int i = 0, j = 0; i < r.customers().size(); i++) {
            if (!r.outlier()[i]) {
                x[j] = r.pcaScores()[i];
                labels[j++] = r.segmentation().segmentOf(r.customers().customerId(i)).getAsInt();
            }
        }
        double ch = ClusterMetrics.calinskiHarabasz(x, labels, r.k());
        double db = ClusterMetrics.daviesBouldin(x, labels, r.k());
        assertThat(r.metrics().calinskiHarabasz()).isCloseTo(ch, org.assertj.core.data.Percentage.withPercentage(1e-7));
        assertThat(r.metrics().daviesBouldin()).isCloseTo(db, org.assertj.core.data.Percentage.withPercentage(1e-7));
        assertThat(r.metrics().silhouette()).isBetween(-1.0, 1.0);
    }

    @Test
    void bestSellersAndRecommendationsAreTheSegmentRulesGivenTheSameLabels() {
        RunResult r = spark.result();
        Transactions lines = Cleaner.clean(TransactionSource.file(file, IngestOptions.defaults()).load()).lines();
        SegmentBestSellers.Result expected = SegmentBestSellers.compute(lines, r.segmentation(), config.topProducts(),
                config.recommendationsPerCustomer(), config.rankBy());
        assertThat(r.topProducts()).isEqualTo(expected.topProducts());
        assertThat(r.recommendations()).isEqualTo(expected.recommendations());
    }

    @Test
    void theRunFolderOpensInTheReaderScoreAndTheReport() throws Exception {
        Path out = dir.resolve("run");
        SparkRun.write(TestSpark.session(), spark, out);
        RunFolderReader.Run run = RunFolderReader.open(out);
        assertThat(run.names()).contains("summary.json", "model.json", "customers.csv", "top_products.csv",
                "recommendations.csv");
        assertThat(run.names()).anyMatch(f -> f.startsWith("customers.parquet/") && f.endsWith(".parquet"));

        ScoreResult scored = io.retailseg.score.Scorer.of(ModelCodec.read(out.resolve("model.json")))
                .score(TransactionSource.file(file, IngestOptions.defaults()).load());
        RunResult r = spark.result();
        for (ScoredCustomer c : scored.customers()) {
            int row = r.customers().rowOf(c.customerId());
            assertThat(c.outlier()).isEqualTo(r.outlier()[row]);
            assertThat(c.segment()).isEqualTo(r.segmentation().segmentOf(c.customerId()).orElse(-1));
            assertThat(c.value()).isEqualTo(r.customerValues().at(row)); // the model file alone predicts them
        }

        Path report = dir.resolve("report.html");
        Report.write(out, report);
        assertThat(Files.size(report)).isPositive();

        Row[] customers = (Row[]) TestSpark.session().read().parquet(out.resolve("customers.parquet").toString())
                .orderBy("CustomerID").collect();
        assertThat(customers).hasSize(r.customers().size());
        for (Row row : customers) {
            int i = r.customers().rowOf(Long.parseLong(row.getString(0)));
            double pAlive = r.customerValues().probabilityAlive()[i];
            assertThat(row.isNullAt(row.fieldIndex("P_Alive"))).isEqualTo(Double.isNaN(pAlive));
            if (!Double.isNaN(pAlive)) {
                assertThat(row.getDouble(row.fieldIndex("P_Alive"))).isEqualTo(pAlive);
                assertThat(row.getDouble(row.fieldIndex("Expected_Value")))
                        .isEqualTo(r.customerValues().expectedValue()[i]);
            }
        }
        assertThat(TestSpark.session().read().parquet(out.resolve("customers.parquet").toString()).schema()
                .apply("Is_Outlier").dataType().typeName()).isEqualTo("boolean");
        assertThat(TestSpark.session().read().parquet(out.resolve("recommendations.parquet").toString()).count())
                .isEqualTo(r.recommendations().size());
    }

    private static int[] segmentsOfInliers(RunResult r) {
        Segmentation s = r.segmentation();
        return Arrays.stream(r.customers().customerIds()).map(id -> s.segmentOf(id).orElse(-1))
                .filter(v -> v >= 0).mapToInt(v -> (int) v).toArray();
    }
}
