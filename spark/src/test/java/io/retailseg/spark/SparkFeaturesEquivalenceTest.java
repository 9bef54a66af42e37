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
    void theRealFileGivesTheCoresCountsAndFeatures() {
        Assumptions.assumeTrue(Files.exists(REAL), "the real file is not here");
        assertSameAsCore(REAL);
    }

    private static void assertSameAsCore(Path file) {
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
