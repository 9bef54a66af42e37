package io.retailseg.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.retailseg.InputException;
import io.retailseg.OutputException;
import io.retailseg.config.RunConfig;
import io.retailseg.domain.Column;
import io.retailseg.generate.SyntheticRetailGenerator;
import io.retailseg.io.IngestOptions;
import io.retailseg.pipeline.RetailSeg;
import io.retailseg.pipeline.RunResult;
import io.retailseg.pipeline.TransactionSource;
import io.retailseg.publish.RunWriter;
import io.retailseg.runfolder.RunFolderLayout;
import io.retailseg.runfolder.RunSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lines read from a real PostgreSQL table or query against the same lines read from the file. */
class PostgresSourceTest {
    static final String TYPED = TestDatabase.TYPED_COLUMNS;
    /** Online Retail II names, lower-case snake_case as a DBA would name them, all text. */
    static final String RENAMED = "invoice text, stockcode text, description text, quantity text, invoicedate text,"
            + " price text, customer_id text, country text";

    static TestDatabase db;
    @TempDir
    static Path dir;
    static Path generated;

    @BeforeAll
    static void start() {
        db = TestDatabase.start();
        generated = dir.resolve("generated.csv");
        SyntheticRetailGenerator.write(30_000, 7, generated);
        db.loadCsv("public.lines", TYPED, generated);
        db.loadCsv("public.lines_text", RENAMED, generated);
        db.sql("CREATE TABLE public.empty_lines (LIKE public.lines)", "GRANT SELECT ON public.empty_lines TO "
                + TestDatabase.USER);
        db.sql("CREATE TABLE public.victim (x integer)", "INSERT INTO public.victim VALUES (1), (2)",
                "GRANT ALL ON public.victim TO " + TestDatabase.USER);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    static RunConfig config() {
        return RunConfig.builder().seed(5).threads(2).build();
    }

    static PostgresSource table(String name, IngestOptions options) {
        return new PostgresSource(db.connections(), new PostgresSource.Table(SqlName.parse(name, 2, "--table")),
                options);
    }

    static PostgresSource query(String sql) {
        return new PostgresSource(db.connections(), new PostgresSource.Query(sql), IngestOptions.defaults());
    }

    @Test
    void aTypedTableGivesTheFilesCleaningFeaturesSegmentsAndRecommendations(@TempDir Path out) throws Exception {
        RunResult fromFile = RetailSeg.run(config(), TransactionSource.file(generated, IngestOptions.defaults()));
        PostgresSource source = table("lines", IngestOptions.defaults());
        RunResult fromTable = RetailSeg.run(config(), source);
        assertSameRun(fromFile, fromTable, out);
        assertThat(fromTable.source()).isEqualTo("postgresql://localhost:" + db.port() + "/postgres table"
                + " \"lines\"");
        assertThat(fromTable.model().provenance().input().source()).isEqualTo(fromTable.source());
        assertThat(fromTable.model().provenance().input().linesRead()).isEqualTo(30_000);
        assertThat(fromTable.model().provenance().input().checksum()).matches("crc32c:[0-9a-f]{8}");
        assertThat(fromTable.model().provenance().input().bytes()).isPositive();
    }

    @Test
    void otherNamesMappedByColumnsAndAQueryGiveTheSameRun(@TempDir Path out) throws Exception {
        RunResult fromFile = RetailSeg.run(config(), TransactionSource.file(generated, IngestOptions.defaults()));
        // Online Retail II names are recognised as in a file; --columns maps the rest
        IngestOptions mapped = IngestOptions.defaults().withColumnNames(Map.of(Column.CUSTOMER_ID, "customer_id",
                Column.INVOICE_DATE, "invoicedate"));
        assertSameRun(fromFile, RetailSeg.run(config(), table("public.lines_text", mapped)), out.resolve("a"));
        RunResult fromQuery = RetailSeg.run(config(), query("SELECT * FROM lines WHERE \"Quantity\" IS NOT NULL;"));
        assertSameRun(fromFile, fromQuery, out.resolve("b"));
        assertThat(fromQuery.source()).endsWith("query SELECT * FROM lines WHERE \"Quantity\" IS NOT NULL");
    }

    @Test
    void aDateColumnReadsAsMidnight() {
        io.retailseg.domain.Transactions lines = query("SELECT \"InvoiceNo\", \"StockCode\", \"Description\","
                + " \"Quantity\", \"InvoiceDate\"::date AS \"InvoiceDate\", \"UnitPrice\", \"CustomerID\","
                + " \"Country\" FROM lines ORDER BY \"InvoiceDate\" LIMIT 1").load();
        String day = db.column("SELECT min(\"InvoiceDate\")::date::text FROM lines").get(0);
        assertThat(lines.size()).isEqualTo(1);
        assertThat(lines.invoiceDate(0)).isEqualTo(java.time.LocalDate.parse(day).atStartOfDay());
    }

    @Test
    void theRealFileFromATableGivesTheFilesRun(@TempDir Path out) throws Exception {
        Path real = Path.of(System.getProperty("retailseg.shared", "../../shared"), "data", "online_retail.csv.gz");
        assumeTrue(Files.exists(real), "the real file is not here");
        db.loadCsv("public.online_retail", TYPED, real);
        RunResult fromFile = RetailSeg.run(config(), TransactionSource.file(real, IngestOptions.defaults()));
        RunResult fromTable = RetailSeg.run(config(), table("online_retail", IngestOptions.defaults()));
        assertSameRun(fromFile, fromTable, out);
        assertThat(fromTable.rowsRead()).isEqualTo(541_909);
    }

    /** Cleaning counts, every feature, segments, top products and recommendations equal, byte for byte. */
    static void assertSameRun(RunResult expected, RunResult actual, Path out) throws Exception {
        RunWriter.write(expected, out.resolve("file"));
        RunWriter.write(actual, out.resolve("db"));
        for (String name : List.of(RunFolderLayout.CUSTOMERS, RunFolderLayout.TOP_PRODUCTS,
                RunFolderLayout.RECOMMENDATIONS)) {
            assertThat(Files.readString(out.resolve("db").resolve(name))).as(name)
                    .isEqualTo(Files.readString(out.resolve("file").resolve(name)));
        }
        RunSummary a = RunSummary.read(out.resolve("file").resolve(RunFolderLayout.SUMMARY), "file");
        RunSummary b = RunSummary.read(out.resolve("db").resolve(RunFolderLayout.SUMMARY), "db");
        assertThat(b.cleaning()).isEqualTo(a.cleaning());
        assertThat(b.segments()).isEqualTo(a.segments());
        assertThat(b.input().rowsRead()).isEqualTo(a.input().rowsRead());
        assertThat(actual.cleaning().rowsOut()).isGreaterThan(1000);
    }

    @Test
    void aMissingTableIsBadInputNamingIt() {
        assertThatThrownBy(() -> table("nowhere", IngestOptions.defaults()).load())
                .isInstanceOf(InputException.class)
                .hasMessageContaining("relation \"nowhere\" does not exist").hasMessageNotContaining("\n");
    }

    @Test
    void aMissingColumnIsNamedWithTheColumnsFound() {
        assertThatThrownBy(() -> query("SELECT \"InvoiceNo\", \"StockCode\" FROM lines").load())
                .isInstanceOf(InputException.class)
                .hasMessageContaining("missing column 'Description'")
                .hasMessageContaining("InvoiceNo, StockCode");
    }

    @Test
    void aColumnOfTheWrongTypeIsNamedWithItsTypeAndWhatWasExpected() {
        assertThatThrownBy(() -> query("SELECT \"InvoiceNo\", \"StockCode\", \"Description\", true AS \"Quantity\","
                + " \"InvoiceDate\", \"UnitPrice\", \"CustomerID\", \"Country\" FROM lines").load())
                .isInstanceOf(InputException.class)
                .hasMessageEndingWith("field 'Quantity': column \"Quantity\" is of type bool: expected a number"
                        + " (integer, numeric, real, double precision) or text");
        assertThatThrownBy(() -> query("SELECT \"InvoiceNo\", \"StockCode\", \"Description\", \"Quantity\","
                + " \"InvoiceDate\"::timestamptz AS \"InvoiceDate\", \"UnitPrice\", \"CustomerID\", \"Country\""
                + " FROM lines").load())
                .isInstanceOf(InputException.class)
                .hasMessageContaining("column \"InvoiceDate\" is of type timestamptz: expected timestamp (without"
                        + " time zone), date or text");
    }

    /**
     * A table above a quarter of shared_buffers is scanned by PostgreSQL from where another session's scan of it
     * stopped (synchronize_seqscans); the source turns that off, so its lines come from the first page on, every
     * time. The control query shows the server would otherwise have started in the middle.
     */
    @Test
    void aLargeTableIsReadFromItsFirstPageWhereverAnotherScanStopped() {
        long sharedBuffers = db.count("SELECT setting::bigint FROM pg_settings WHERE name = 'shared_buffers'");
        db.sql("CREATE TABLE public.big_lines (" + TYPED + ")", "ALTER TABLE public.big_lines SET (autovacuum_enabled"
                + " = false)", "GRANT SELECT ON public.big_lines TO " + TestDatabase.USER);
        long rows = 0;
        while (db.count("SELECT pg_relation_size('public.big_lines') / 8192") < sharedBuffers / 4 + 64) {
            db.sql("INSERT INTO public.big_lines SELECT i::text, '85123A', 'WHITE MUG', 1, timestamp '2011-01-01'"
                    + " + i * interval '1 second', 2.55, 12346 + i % 100, 'United Kingdom'"
                    + " FROM generate_series(" + (rows + 1) + ", " + (rows + 100_000) + ") i");
            rows += 100_000;
        }
        // a scan that stops halfway leaves the next scan of the table starting there
        db.count("SELECT \"InvoiceNo\"::bigint FROM public.big_lines LIMIT 1 OFFSET " + rows / 2);
        assertThat(db.count("SELECT \"InvoiceNo\"::bigint FROM public.big_lines LIMIT 1")).isGreaterThan(1);

        var lines = table("big_lines", IngestOptions.defaults()).load();

        assertThat(lines.size()).isEqualTo(rows);
        assertThat(lines.invoiceText(0)).isEqualTo("1");
        assertThat(lines.invoiceText(lines.size() - 1)).isEqualTo(Long.toString(rows));
    }

    @Test
    void anEmptyTableIsBadInput() {
        assertThatThrownBy(() -> table("empty_lines", IngestOptions.defaults()).load())
                .isInstanceOf(InputException.class).hasMessageEndingWith("no lines: the table returned no rows");
    }

    @Test
    void aQueryThatWritesIsRefusedAndChangesNothing() {
        String before = db.dump("public.victim");
        assertThatThrownBy(() -> query("DELETE FROM victim RETURNING *").load())
                .isInstanceOf(InputException.class);
        assertThatThrownBy(() -> query("WITH gone AS (DELETE FROM victim RETURNING *) SELECT * FROM lines").load())
                .isInstanceOf(InputException.class);
        db.sql("CREATE OR REPLACE FUNCTION public.sneaky() RETURNS integer LANGUAGE sql AS"
                + " 'DELETE FROM public.victim; SELECT 1'", "GRANT EXECUTE ON FUNCTION public.sneaky() TO "
                + TestDatabase.USER);
        assertThatThrownBy(() -> query("SELECT *, public.sneaky() FROM lines").load())
                .isInstanceOf(InputException.class)
                .hasMessageContaining("READ ONLY transaction");
        assertThatThrownBy(() -> query("SELECT 1 FROM lines; DELETE FROM victim").load())
                .isInstanceOf(InputException.class);
        assertThat(db.dump("public.victim")).isEqualTo(before).isEqualTo("(1)\n(2)");
    }

    @Test
    void aTableNameCannotCarrySql() {
        assertThatThrownBy(() -> SqlName.parse("lines; DROP TABLE victim", 2, "--table"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--table: not a valid name \"lines; DROP TABLE victim\": expected letters, digits and _"
                        + " (or a \"quoted\" name)");
        // quoted, the same text is one (missing) table's name, never SQL
        assertThatThrownBy(() -> table("\"lines; DROP TABLE victim\"", IngestOptions.defaults()).load())
                .isInstanceOf(InputException.class).hasMessageContaining("does not exist");
        IngestOptions evil = IngestOptions.defaults().withColumnNames(Map.of(Column.COUNTRY,
                "Country\" FROM lines; DELETE FROM victim; --"));
        assertThatThrownBy(() -> table("lines", evil).load()).isInstanceOf(InputException.class)
                .hasMessageContaining("missing column 'Country\" FROM lines; DELETE FROM victim; --'");
        assertThat(db.dump("public.victim")).isEqualTo("(1)\n(2)");
    }

    @Test
    void aWrongPasswordIsTheEnvironmentAndNeverEchoed() {
        PgTarget target = PgTarget.parse(db.url(), db.environment(Map.of()));
        PgConnections wrong = PgConnections.of(target, Optional.empty(),
                db.environment(Map.of("PGPASSWORD", "not-the-password")), new PrintWriter(new StringWriter()));
        assertThatThrownBy(() -> new PostgresSource(wrong, new PostgresSource.Table(SqlName.parse("lines", 2, "t")),
                IngestOptions.defaults()).load())
                .isInstanceOf(OutputException.class)
                .hasMessageStartingWith("cannot connect to postgresql://localhost:" + db.port() + "/postgres: ")
                .hasMessageContaining("password authentication failed for user \"retail\"")
                .hasMessageNotContaining("not-the-password");
        PgConnections none = PgConnections.of(target, Optional.empty(), db.environment(Map.of()),
                new PrintWriter(new StringWriter()));
        assertThatThrownBy(none::open).isInstanceOf(OutputException.class)
                .hasMessageContaining("no password given: use PGPASSWORD, ~/.pgpass or --password-file");
    }
}
