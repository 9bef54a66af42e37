package io.retailseg.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.retailseg.clean.Cleaner;
import io.retailseg.config.Compat;
import io.retailseg.domain.CustomerTable;
import io.retailseg.domain.Feature;
import io.retailseg.features.FeatureExtractor;
import io.retailseg.generate.SyntheticRetailGenerator;
import io.retailseg.io.IngestOptions;
import io.retailseg.pipeline.TransactionSource;
import io.retailseg.postgres.TestDatabase;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lines in a real PostgreSQL table with a shop's column types (timestamp, numeric, integer), read through
 * Spark's JDBC reader: the same cleaning counts and features as the core on the same lines as CSV.
 */
class SparkJdbcTest {
    @Test
    void aTypedTableReadOverJdbcGivesTheCoresCountsAndFeatures(@TempDir Path dir) {
        Path csv = dir.resolve("lines.csv");
        SyntheticRetailGenerator.write(20_000, 13, csv);
        try (TestDatabase db = TestDatabase.start()) {
            db.loadCsv("public.lines", TestDatabase.TYPED_COLUMNS, csv);
            Properties credentials = new Properties();
            credentials.setProperty("user", TestDatabase.USER);
            credentials.setProperty("password", TestDatabase.PASSWORD);
            credentials.setProperty("driver", "org.postgresql.Driver");
            SparkIngest.Source source = new SparkIngest.Jdbc("jdbc:postgresql://localhost:" + db.port() + "/postgres",
                    Optional.of("public.lines"), Optional.empty(), credentials);
            SparkCleaner.Result cleaned = SparkCleaner.clean(SparkIngest.read(TestSpark.session(), source,
                    IngestOptions.defaults()));
            CustomerTable spark = SparkFeatures.collect(SparkFeatures.compute(cleaned.lines(),
                    SparkFeatures.lastDay(cleaned.lines())));

            Cleaner.Result core = Cleaner.clean(TransactionSource.file(csv, IngestOptions.defaults()).load());
            CustomerTable expected = FeatureExtractor.extract(core.lines(), Compat.SPEC);
            assertThat(cleaned.report().steps()).isEqualTo(core.report().steps());
            assertThat(cleaned.report().rowsOut()).isEqualTo(core.report().rowsOut());
            assertThat(spark.size()).isEqualTo(expected.size());
            for (int c = 0; c < expected.size(); c++) {
                assertThat(spark.customerId(c)).isEqualTo(expected.customerId(c));
                for (Feature f : Feature.values()) {
                    assertThat(spark.value(c, f)).as("customer %d %s", expected.customerId(c), f)
                            .isEqualTo(expected.value(c, f));
                }
            }
        }
    }
}
