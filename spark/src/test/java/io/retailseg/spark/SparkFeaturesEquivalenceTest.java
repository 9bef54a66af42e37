package io.retailseg.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.retailseg.clean.Cleaner;
import io.retailseg.config.Compat;
import io.retailseg.domain.CustomerTable;
import io.retailseg.domain.Feature;
import io.retailseg.domain.Transactions;
import io.retailseg.features.FeatureExtractor;
import io.retailseg.generate.SyntheticRetailGenerator;
import io.retailseg.io.IngestOptions;
import io.retailseg.pipeline.TransactionSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark's cleaning counts and every customer's 15 features equal the core's, to the last bit. */
class SparkFeaturesEquivalenceTest {
    private static final Path REAL = Path.of(System.getProperty("retailseg.shared", "../../shared"),
            "data", "online_retail.csv.gz");

    @TempDir
    Path dir;

    @Test
    void generatedLinesGiveTheCoresCountsAndFeatures() {
        Path file = dir.resolve("lines.csv.gz");
        SyntheticRetailGenerator.write(60_000, 7, file);
        assertSameAsCore(file);
    }

    @Test
    void parquetWithOnlineRetailIINamesAndTypedColumnsGivesTheCoresCountsAndFeatures() {
        Path csv = dir.resolve("lines.csv");
        SyntheticRetailGenerator.write(30_000, 9, csv);
        SparkSession spark = TestSpark.session();
        Path parquet = dir.resolve("lines.parquet");
        // Online Retail II's names, numbers typed as a Parquet writer would type them, CustomerID a double
        spark.read().option("header", "true").option("escape", "\"").csv(csv.toString())
                .selectExpr("InvoiceNo AS Invoice", "StockCode", "Description",
                        "CAST(Quantity AS INT) AS Quantity", "InvoiceDate", "CAST(UnitPrice AS DOUBLE) AS Price",
                        "CAST(CustomerID AS DOUBLE) AS `Customer ID`", "Country")
                .write().parquet(parquet.toString());
        Transactions raw = TransactionSource.file(csv, IngestOptions.defaults()).load();
        Cleaner.Result core = Cleaner.clean(raw);
        SparkCleaner.Result cleaned = SparkCleaner.clean(SparkIngest.read(spark,
                SparkIngest.Files.of(parquet.toString()), IngestOptions.defaults()));
        assertThat(cleaned.report()).isEqualTo(core.report());
        assertSameFeatures(FeatureExtractor.extract(core.lines(), Compat.SPEC), SparkFeatures.collect(
                SparkFeatures.compute(cleaned.lines(), SparkFeatures.lastDay(cleaned.lines()))));
    }

    @Test
    void aColumnMappingNamesTheHeadersToRead() throws Exception {
        Path csv = dir.resolve("renamed.csv");
        java.nio.file.Files.writeString(csv, "inv,code,text,qty,when,price,who,land\n"
                + "536365,85123A,WHITE HANGING HEART,6,12/1/2010 8:26,2.55,17850,United Kingdom\n"
                + "536366,22633,HAND WARMER UNION JACK,6,12/1/2010 8:28,1.85,17851,France\n");
        java.util.Map<io.retailseg.domain.Column, String> names = new java.util.EnumMap<>(io.retailseg.domain.Column.class);
        String[] header = {"inv", "code", "text", "qty", "when", "price", "who", "land"};
        for (io.retailseg.domain.Column c : io.retailseg.domain.Column.values()) {
            names.put(c, header[c.ordinal()]);
        }
        IngestOptions options = IngestOptions.defaults().withColumnNames(names);
        SparkCleaner.Result cleaned = SparkCleaner.clean(SparkIngest.read(TestSpark.session(),
                SparkIngest.Files.of(csv.toString()), options));
        Cleaner.Result core = Cleaner.clean(TransactionSource.file(csv, options).load());
        assertThat(cleaned.report()).isEqualTo(core.report());
        assertSameFeatures(FeatureExtractor.extract(core.lines(), Compat.SPEC), SparkFeatures.collect(
                SparkFeatures.compute(cleaned.lines(), SparkFeatures.lastDay(cleaned.lines()))));
    }

    @Test
    void theRealFileGivesTheCoresCountsAndFeaturesAndTheReferences() throws Exception {
        Assumptions.assumeTrue(Files.exists(REAL), "the real file is not here");
        CustomerTable spark = assertSameAsCore(REAL);
        Path reference = REAL.getParent().getParent().resolve("reference").resolve("customer_features_spec.csv.gz");
        Assumptions.assumeTrue(Files.exists(reference), "the reference features are not here");
        int compared = 0;
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(
                new java.util.zip.GZIPInputStream(Files.newInputStream(reference)),
                java.nio.charset.StandardCharsets.UTF_8))) {
            String[] header = in.readLine().split(",");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] v = line.split(",");
                int row = spark.rowOf((long) Double.parseDouble(v[0]));
                assertThat(row).as("customer %s", v[0]).isGreaterThanOrEqualTo(0);
                for (int j = 1; j < header.length; j++) {
                    Feature f = Feature.values()[j - 1];
                    assertThat(f.columnName()).isEqualTo(header[j]);
                    double e = Double.parseDouble(v[j]);
                    assertThat(spark.value(row, f)).as("customer %s %s", v[0], f)
                            .isCloseTo(e, org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(e))));
                }
                compared++;
            }
        }
        assertThat(compared).isEqualTo(spark.size());
    }

    private static CustomerTable assertSameAsCore(Path file) {
        Transactions raw = TransactionSource.file(file, IngestOptions.defaults()).load();
        Cleaner.Result core = Cleaner.clean(raw);
        CustomerTable expected = FeatureExtractor.extract(core.lines(), Compat.SPEC);

        SparkSession spark = TestSpark.session();
        SparkIngest.Lines read = SparkIngest.read(spark, SparkIngest.Files.of(file.toString()),
                IngestOptions.defaults());
        SparkCleaner.Result cleaned = SparkCleaner.clean(read);
        assertThat(cleaned.report()).isEqualTo(core.report());
        long lastDay = SparkFeatures.lastDay(cleaned.lines());
        assertThat(lastDay).isEqualTo(FeatureExtractor.lastDay(core.lines()));
        CustomerTable actual = SparkFeatures.collect(SparkFeatures.compute(cleaned.lines(), lastDay));
        cleaned.lines().unpersist();
        read.lines().unpersist();
        assertSameFeatures(expected, actual);
        return actual;
    }

    private static void assertSameFeatures(CustomerTable expected, CustomerTable actual) {
        assertThat(actual.size()).isEqualTo(expected.size());
        for (int c = 0; c < expected.size(); c++) {
            assertThat(actual.customerId(c)).isEqualTo(expected.customerId(c));
            for (Feature f : Feature.values()) {
                double e = expected.value(c, f);
                double a = actual.value(c, f);
                assertThat(Double.doubleToLongBits(a))
                        .as("customer %d %s: spark %s, core %s", expected.customerId(c), f, a, e)
                        .isEqualTo(Double.doubleToLongBits(e));
            }
        }
    }
}
