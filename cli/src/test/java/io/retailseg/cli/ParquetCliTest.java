package io.retailseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.retailseg.runfolder.RunFolderLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet through the command line: {@code generate --format parquet} makes the lines the CSV holds,
 * and {@code run}, {@code score} and {@code evaluate} on them write byte for byte the CSV input's
 * tables; {@code --parquet} writes the tables as Parquet, read back with DuckDB (an independent
 * reader) equal to the CSVs; bad Parquet input is a one-line error with exit code 1.
 */
class ParquetCliTest {
    private static final String ROWS = "15000";
    private static final String SEED = "11";

    @TempDir
    static Path dir;
    static Path csv;
    static Path parquet;
    static Path csvRun;
    static Path parquetRun;

    @BeforeAll
    static void generateAndRunBoth() {
        csv = dir.resolve("lines.csv");
        parquet = dir.resolve("lines.parquet");
        ok(CliTest.execute("generate", "--rows", ROWS, "--seed", SEED, "--out", csv.toString()));
        CliTest.Outcome g = ok(CliTest.execute("generate", "--rows", ROWS, "--seed", SEED, "--format", "parquet", "--out",
                parquet.toString()));
        assertThat(g.out()).contains("Wrote 15,000 lines");
        csvRun = dir.resolve("csv-run");
        parquetRun = dir.resolve("parquet-run");
        ok(CliTest.execute("run", "--input", csv.toString(), "--out", csvRun.toString(), "--no-report", "--quiet"));
        ok(CliTest.execute("run", "--input", parquet.toString(), "--out", parquetRun.toString(), "--no-report",
                "--quiet", "--parquet"));
    }

    private static CliTest.Outcome ok(CliTest.Outcome o) {
        assertThat(o.exitCode()).as(o.err()).isZero();
        return o;
    }

    @Test
    void aRunOnParquetWritesTheCsvRunsTablesByteForByte() throws IOException {
        assertThat(java.util.Arrays.copyOf(Files.readAllBytes(parquet), 4))
                .isEqualTo("PAR1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (String table : List.of(RunFolderLayout.CUSTOMERS, RunFolderLayout.TOP_PRODUCTS,
                RunFolderLayout.RECOMMENDATIONS)) {
            assertThat(Files.readAllBytes(parquetRun.resolve(table))).as(table)
                    .isEqualTo(Files.readAllBytes(csvRun.resolve(table)));
        }
    }

    @Test
    void theParquetTablesAreInTheSameCommitAsTheCsvs() throws IOException {
        String manifest = Files.readString(parquetRun.resolve(RunFolderLayout.MANIFEST));
        for (String table : List.of(RunFolderLayout.CUSTOMERS_PARQUET, RunFolderLayout.TOP_PRODUCTS_PARQUET,
                RunFolderLayout.RECOMMENDATIONS_PARQUET)) {
            assertThat(manifest).contains("\"" + table + "\"");
        }
        assertThat(csvRun.resolve(RunFolderLayout.CUSTOMERS_PARQUET)).doesNotExist(); // opt-in
    }

    @Test
    void duckDbReadsTheParquetTablesAsTheCsvs() throws Exception {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            // the schema the Spark engine writes too
            assertThat(types(duck, RunFolderLayout.CUSTOMERS_PARQUET)).startsWith(
                    "CustomerID VARCHAR", "Days_Since_Last_Purchase DOUBLE").contains("Is_Outlier BOOLEAN", "Segment INTEGER",
                    "PC1 DOUBLE", "P_Alive DOUBLE", "Expected_Value DOUBLE");
            assertThat(types(duck, RunFolderLayout.TOP_PRODUCTS_PARQUET)).containsExactly("Segment INTEGER",
                    "Rank INTEGER", "StockCode VARCHAR", "Description VARCHAR", "Quantity DOUBLE");
            assertThat(types(duck, RunFolderLayout.RECOMMENDATIONS_PARQUET)).containsExactly("CustomerID VARCHAR",
                    "Segment INTEGER", "Rank INTEGER", "StockCode VARCHAR", "Description VARCHAR", "Score DOUBLE",
                    "Reason VARCHAR");
            for (String[] pair : new String[][] {
                {RunFolderLayout.CUSTOMERS, RunFolderLayout.CUSTOMERS_PARQUET},
                {RunFolderLayout.TOP_PRODUCTS, RunFolderLayout.TOP_PRODUCTS_PARQUET},
                {RunFolderLayout.RECOMMENDATIONS, RunFolderLayout.RECOMMENDATIONS_PARQUET}}) {
                List<String> fromCsv = csvRows(csvRun.resolve(pair[0]));
                List<String> fromParquet = rows(duck, "SELECT * FROM read_parquet('" + parquetRun.resolve(pair[1])
                        + "')");
                assertThat(fromParquet).as(pair[1]).hasSize(fromCsv.size());
                for (int i = 0; i < fromCsv.size(); i++) {
                    if (!fromParquet.get(i).equals(fromCsv.get(i))) {
                        assertThat(fromParquet.get(i)).as("%s row %d", pair[1], i + 1).isEqualTo(fromCsv.get(i));
                    }
                }
            }
        }
    }

    @Test
    void scoreOnParquetWritesWhatItWritesOnTheCsv() throws IOException {
        Path fromCsv = dir.resolve("scores-csv.csv");
        Path fromParquet = dir.resolve("scores-parquet.csv");
        ok(CliTest.execute("score", "--model", csvRun.toString(), "--input", csv.toString(), "--out", fromCsv.toString()));
        ok(CliTest.execute("score", "--model", csvRun.toString(), "--input", parquet.toString(), "--out",
                fromParquet.toString()));
        assertThat(Files.readAllBytes(fromParquet)).isEqualTo(Files.readAllBytes(fromCsv));
    }

    @Test
    void evaluateOnParquetWritesWhatItWritesOnTheCsv(@TempDir Path out) throws IOException {
        Path fromCsv = out.resolve("csv");
        Path fromParquet = out.resolve("parquet");
        for (Path[] run : new Path[][] {{csv, fromCsv}, {parquet, fromParquet}}) {
            ok(CliTest.execute("evaluate", "--input", run[0].toString(), "--out", run[1].toString(), "--bootstrap", "0",
                    "--no-migration", "--no-report", "--quiet", "--k", "3", "--parquet"));
        }
        for (String table : List.of(RunFolderLayout.CUSTOMERS, RunFolderLayout.RECOMMENDATIONS,
                RunFolderLayout.CUSTOMERS_PARQUET)) {
            assertThat(Files.readAllBytes(fromParquet.resolve(table))).as(table)
                    .isEqualTo(Files.readAllBytes(fromCsv.resolve(table)));
        }
    }

    @Test
    void badParquetInputIsAOneLineErrorWithExitCode1() throws Exception {
        Path doubles = dir.resolve("double-quantity.parquet");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT * REPLACE (Quantity::DOUBLE AS Quantity) FROM read_parquet('" + parquet + "')) TO '"
                    + doubles + "' (FORMAT parquet)");
        }
        Path truncated = dir.resolve("truncated.parquet");
        byte[] bytes = Files.readAllBytes(parquet);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        CliTest.Outcome type = CliTest.execute("run", "--input", doubles.toString(), "--out",
                dir.resolve("never").toString(), "--quiet");
        assertThat(type.exitCode()).isEqualTo(1);
        assertThat(type.err().strip()).isEqualTo("retailseg: " + doubles
                + ": column 'Quantity': Parquet type DOUBLE, expected an integer (INT32 or INT64) or a string");
        CliTest.Outcome damaged = CliTest.execute("run", "--input", truncated.toString(), "--out",
                dir.resolve("never").toString(), "--quiet");
        assertThat(damaged.exitCode()).isEqualTo(1);
        assertThat(damaged.err().strip()).startsWith("retailseg: " + truncated + ": cannot read: not a valid Parquet file")
                .doesNotContain("\n").doesNotContain("\tat ");
        assertThat(dir.resolve("never")).doesNotExist();
    }

    /** "name TYPE" of each column of a Parquet file, as DuckDB describes it. */
    private static List<String> types(Connection duck, String table) throws SQLException {
        List<String> types = new ArrayList<>();
        try (Statement s = duck.createStatement(); ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM read_parquet('"
                + parquetRun.resolve(table) + "')")) {
            while (r.next()) {
                types.add(r.getString(1) + " " + r.getString(2));
            }
        }
        return types;
    }

    /** Rows as DuckDB returns them: each value normalised by {@link #value}, joined by |. */
    private static List<String> rows(Connection duck, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = duck.createStatement(); ResultSet r = s.executeQuery(query)) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<String> fields = new ArrayList<>();
                for (int c = 1; c <= n; c++) {
                    Object v = r.getObject(c);
                    fields.add(value(v == null ? "" : v instanceof Boolean b ? (b ? "1" : "0") : v.toString()));
                }
                rows.add(String.join("|", fields));
            }
        }
        return rows;
    }

    /** The CSV's rows, each field normalised by {@link #value}. */
    private static List<String> csvRows(Path file) throws IOException {
        List<String> rows = new ArrayList<>();
        try (var reader = de.siegmar.fastcsv.reader.CsvReader.builder().ofCsvRecord(file)) {
            boolean header = true;
            for (var record : reader) {
                if (header) {
                    header = false;
                    continue;
                }
                List<String> fields = new ArrayList<>();
                for (String f : record.getFields()) {
                    fields.add(value(f));
                }
                rows.add(String.join("|", fields));
            }
        }
        return rows;
    }

    /** A number as the double it denotes (so "3" and "3.0" agree), anything else as is. */
    private static String value(String field) {
        try {
            return Double.toString(Double.parseDouble(field));
        } catch (NumberFormatException e) {
            return field;
        }
    }
}
