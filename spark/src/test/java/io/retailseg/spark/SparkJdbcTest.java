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

    /**
     * {@code run --engine spark --input postgresql://... --table ...} through the command line, with the local
     * engine's credential rules: the password from {@code --password-file} (never the URL), the same cleaning
     * counts, customers, features and outlier flags as the local engine reading the same table.
     */
    @Test
    void theCommandLineReadsATableWithTheLocalEnginesCredentialRules(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("lines.csv");
        SyntheticRetailGenerator.write(8_000, 17, csv);
        Path password = dir.resolve("password");
        java.nio.file.Files.writeString(password, TestDatabase.PASSWORD + "\n");
        java.nio.file.Files.setPosixFilePermissions(password,
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        try (TestDatabase db = TestDatabase.start()) {
            db.loadCsv("public.lines", TestDatabase.TYPED_COLUMNS, csv);
            Path sparkRun = dir.resolve("spark");
            SparkCliTest.Outcome spark = SparkCliTest.execute("run", "--engine", "spark", "--master", "local[2]",
                    "--input", db.url(), "--table", "public.lines", "--password-file", password.toString(),
                    "--out", sparkRun.toString(), "--k", "3", "--restarts", "1", "--no-report", "--quiet");
            assertThat(spark.code()).as(spark.err()).isEqualTo(io.retailseg.cli.Main.OK);
            assertThat(spark.err()).doesNotContain(TestDatabase.PASSWORD);
            assertThat(spark.out()).doesNotContain(TestDatabase.PASSWORD);
            Path localRun = dir.resolve("local");
            SparkCliTest.Outcome local = SparkCliTest.execute("run", "--input", db.url(), "--table", "public.lines",
                    "--password-file", password.toString(), "--out", localRun.toString(), "--k", "3",
                    "--restarts", "1", "--recommender", "segment-best-sellers", "--no-report", "--quiet");
            assertThat(local.code()).as(local.err()).isEqualTo(io.retailseg.cli.Main.OK);

            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            assertThat(json.readTree(sparkRun.resolve("summary.json").toFile()).get("cleaning"))
                    .isEqualTo(json.readTree(localRun.resolve("summary.json").toFile()).get("cleaning"));
            assertThat(java.nio.file.Files.readString(sparkRun.resolve("summary.json")))
                    .doesNotContain(TestDatabase.PASSWORD);
            io.retailseg.runfolder.RunCsv.Customers a = io.retailseg.runfolder.RunCsv.readCustomers(
                    sparkRun.resolve("customers.csv"), "spark");
            io.retailseg.runfolder.RunCsv.Customers b = io.retailseg.runfolder.RunCsv.readCustomers(
                    localRun.resolve("customers.csv"), "local");
            assertThat(java.util.Arrays.equals(a.ids(), b.ids())).isTrue();
            assertThat(java.util.Arrays.deepEquals(a.features(), b.features())).isTrue();
            assertThat(java.util.Arrays.equals(a.outlier(), b.outlier())).isTrue();

            // a password in the URL is refused before any work, as for the local engine
            SparkCliTest.Outcome inUrl = SparkCliTest.execute("run", "--engine", "spark", "--input",
                    "postgresql://" + TestDatabase.USER + ":" + TestDatabase.PASSWORD + "@localhost:" + db.port()
                            + "/postgres", "--table", "public.lines", "--out", dir.resolve("refused").toString(),
                    "--quiet");
            assertThat(inUrl.code()).isEqualTo(io.retailseg.cli.Main.USAGE);
            assertThat(inUrl.err()).contains("the URL holds a password").doesNotContain(TestDatabase.PASSWORD);
            assertThat(java.nio.file.Files.exists(dir.resolve("refused"))).isFalse();
            // a wrong password: the local engine's exit 4 and one line naming the database, not the password
            Path wrong = dir.resolve("wrong");
            java.nio.file.Files.writeString(wrong, "not-the-password\n");
            java.nio.file.Files.setPosixFilePermissions(wrong,
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            SparkCliTest.Outcome refused = SparkCliTest.execute("run", "--engine", "spark", "--input", db.url(),
                    "--table", "public.lines", "--password-file", wrong.toString(), "--out",
                    dir.resolve("refused").toString(), "--quiet");
            assertThat(refused.code()).as(refused.err()).isEqualTo(io.retailseg.cli.Main.ENVIRONMENT);
            assertThat(refused.err()).startsWith("retailseg: cannot read postgresql://localhost:" + db.port()
                    + "/postgres table \"public\".\"lines\": ").doesNotContain("not-the-password").doesNotContain("\tat ");
            assertThat(java.nio.file.Files.exists(dir.resolve("refused"))).isFalse();
            // neither --table nor --query
            SparkCliTest.Outcome noTable = SparkCliTest.execute("run", "--engine", "spark", "--input", db.url(),
                    "--out", dir.resolve("refused").toString(), "--quiet");
            assertThat(noTable.code()).isEqualTo(io.retailseg.cli.Main.USAGE);
            assertThat(noTable.err()).contains("expected --table or --query");
        }
    }
}
