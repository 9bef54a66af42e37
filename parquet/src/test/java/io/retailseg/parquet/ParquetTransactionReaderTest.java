package io.retailseg.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.retailseg.InputException;
import io.retailseg.domain.BadLines;
import io.retailseg.domain.Column;
import io.retailseg.domain.Transactions;
import io.retailseg.generate.SyntheticRetailGenerator;
import io.retailseg.io.BadLinePolicy;
import io.retailseg.io.IngestOptions;
import io.retailseg.io.TransactionReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parquet lines read as the same lines as the CSV they came from: written by this module and by DuckDB
 * (an independent writer) with its types, codecs and layouts; and every kind of bad Parquet input
 * refused with a one-line error.
 */
class ParquetTransactionReaderTest {
    private static final int ROWS = 12_000;

    @TempDir
    static Path dir;
    static Path csv;
    static Transactions expected;

    @BeforeAll
    static void generate() {
        csv = dir.resolve("lines.csv");
        SyntheticRetailGenerator.write(ROWS, 7, csv);
        expected = TransactionReader.read(csv);
    }

    /** The date as DuckDB reads the generator's M/d/yyyy H:mm text. */
    private static final String TIMESTAMP = "strptime(InvoiceDate, '%m/%d/%Y %H:%M') AS InvoiceDate";

    private static String select(String... replaced) {
        Map<String, String> columns = new java.util.LinkedHashMap<>();
        for (Column c : Column.values()) {
            columns.put(c.canonicalName(), c.canonicalName());
        }
        for (int i = 0; i < replaced.length; i += 2) {
            columns.put(replaced[i], replaced[i + 1]);
        }
        columns.values().removeIf(String::isEmpty);
        return "SELECT " + String.join(", ", columns.values()) + " FROM " + DuckDb.csv(csv);
    }

    @Test
    void noHadoopClassIsOnTheClassPath() {
        // what the module promises: parquet-java runs here without Hadoop (surefire drops hadoop-client-api)
        assertThatThrownBy(() -> Class.forName("org.apache.hadoop.conf.Configuration"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void linesWrittenByThisModuleReadBackAsTheSameLines() throws Exception {
        Path file = dir.resolve("own.parquet");
        ParquetFiles.writeLines(expected, file);
        Lines.assertSameLines(TransactionReader.read(file), expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"COMPRESSION snappy", "COMPRESSION zstd", "COMPRESSION gzip", "COMPRESSION uncompressed",
        "COMPRESSION lz4_raw", "COMPRESSION snappy, ROW_GROUP_SIZE 1000"})
    void duckDbsFileReadsAsTheSameLines(String options) throws Exception {
        Path file = dir.resolve("duck-" + options.replaceAll("[^a-z0-9]", "") + ".parquet");
        try (DuckDb duck = new DuckDb()) {
            duck.copy(select("InvoiceDate", TIMESTAMP), file, options);
        }
        Lines.assertSameLines(TransactionReader.read(file), expected);
    }

    @Test
    void otherAcceptedTypesReadAsTheSameLines() throws Exception {
        // pandas' float64 ids, DECIMAL prices, dates as text, integer invoice numbers for the lines that have one
        Path file = dir.resolve("types.parquet");
        try (DuckDb duck = new DuckDb()) {
            duck.copy(select("CustomerID", "CustomerID::DOUBLE AS CustomerID",
                    "UnitPrice", "UnitPrice::DECIMAL(12, 3) AS UnitPrice",
                    "Quantity", "Quantity::BIGINT AS Quantity"), file, "");
        }
        Lines.assertSameLines(TransactionReader.read(file), expected);
    }

    @Test
    void everyColumnAsAStringReadsAsTheSameLines() throws Exception {
        // as Spark writes a CSV it read without inferSchema: the text of each field, dates included
        Path file = dir.resolve("strings.parquet");
        try (DuckDb duck = new DuckDb()) {
            duck.copy(select("Quantity", "Quantity::VARCHAR AS Quantity", "UnitPrice", "UnitPrice::VARCHAR AS UnitPrice",
                    "CustomerID", "CustomerID::VARCHAR AS CustomerID"), file, "");
        }
        Lines.assertSameLines(TransactionReader.read(file), expected);
    }

    @Test
    void timestampUnitsZonesFloatPricesAndUnsignedIdsReadAsTheSameLines() throws Exception {
        Path nanos = dir.resolve("nanos.parquet");
        Path millis = dir.resolve("millis.parquet");
        Path utc = dir.resolve("utc.parquet");
        Path floats = dir.resolve("floats.parquet");
        try (DuckDb duck = new DuckDb()) {
            duck.execute("SET TimeZone = 'UTC'");
            duck.copy(select("InvoiceDate", TIMESTAMP.replace(" AS", "::TIMESTAMP_NS AS")), nanos, "");
            duck.copy(select("InvoiceDate", TIMESTAMP.replace(" AS", "::TIMESTAMP_MS AS")), millis, "");
            duck.copy(select("InvoiceDate", TIMESTAMP.replace(" AS", "::TIMESTAMPTZ AS")), utc, "");
            duck.copy(select("InvoiceDate", TIMESTAMP, "UnitPrice", "UnitPrice::FLOAT AS UnitPrice",
                    "CustomerID", "CustomerID::UBIGINT AS CustomerID", "Quantity", "Quantity::SMALLINT AS Quantity"),
                    floats, "");
        }
        for (Path file : List.of(nanos, millis, utc, floats)) {
            Lines.assertSameLines(TransactionReader.read(file), expected);
        }
    }

    @Test
    void aDateColumnIsMidnight() throws Exception {
        Path file = dir.resolve("dates.parquet");
        try (DuckDb duck = new DuckDb()) {
            duck.copy(select("InvoiceDate", TIMESTAMP.replace(" AS", "::DATE AS")), file, "");
        }
        Transactions read = TransactionReader.read(file);
        assertThat(read.size()).isEqualTo(expected.size());
        for (int i = 0; i < read.size(); i++) {
            if (read.epochSecond(i) != Math.floorDiv(expected.epochSecond(i), 86_400L) * 86_400L) {
                assertThat(read.invoiceDate(i)).as("line %d", i + 1)
                        .isEqualTo(expected.invoiceDate(i).toLocalDate().atStartOfDay());
            }
        }
    }

    @Test
    void anInt96TimestampIsSparksLegacyLayout() throws Exception {
        // 8 bytes of nanoseconds in the day then 4 of Julian day, little-endian; 2440588 is 1970-01-01
        java.time.LocalDateTime[] times = {java.time.LocalDateTime.of(2010, 12, 1, 8, 26, 0, 500_000_000),
            java.time.LocalDateTime.of(1969, 7, 20, 20, 17, 40)};
        org.apache.parquet.schema.MessageType schema = org.apache.parquet.schema.MessageTypeParser.parseMessageType(
                "message spark { required binary InvoiceNo (STRING); required binary StockCode (STRING);"
                        + " optional binary Description (STRING); required int32 Quantity; required int96 InvoiceDate;"
                        + " required double UnitPrice; optional int64 CustomerID; required binary Country (STRING); }");
        Path file = dir.resolve("int96.parquet");
        RowWriter.write(file, schema, times.length, (row, out) -> {
            java.time.LocalDateTime t = times[(int) row];
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(12).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            b.putLong(t.toLocalTime().toNanoOfDay()).putInt((int) (t.toLocalDate().toEpochDay() + 2_440_588));
            out.string("536365").string("85123A").string("HOLDER").int32(6).int96(b.array()).float64(2.55)
                    .int64(17850).string("United Kingdom");
        });
        Transactions read = TransactionReader.read(file);
        assertThat(read.invoiceDate(0)).isEqualTo(java.time.LocalDateTime.of(2010, 12, 1, 8, 26, 0));
        assertThat(read.invoiceDate(1)).isEqualTo(java.time.LocalDateTime.of(1969, 7, 20, 20, 17, 40));
    }

    @Test
    void onlineRetailIINamesAndAColumnMappingAreFoundAsInACsvHeader() throws Exception {
        Path ii = dir.resolve("retail-ii.parquet");
        Path mapped = dir.resolve("mapped.parquet");
        try (DuckDb duck = new DuckDb()) {
            duck.copy(select("InvoiceNo", "InvoiceNo AS Invoice", "UnitPrice", "UnitPrice AS Price",
                    "CustomerID", "CustomerID AS \"Customer ID\"", "InvoiceDate", TIMESTAMP), ii, "");
            duck.copy(select("Quantity", "Quantity AS qty", "InvoiceDate", TIMESTAMP) .replace("SELECT ",
                    "SELECT 'x' AS extra, "), mapped, "");
        }
        Lines.assertSameLines(TransactionReader.read(ii), expected);
        Lines.assertSameLines(TransactionReader.read(mapped,
                IngestOptions.defaults().withColumnNames(Map.of(Column.QUANTITY, "QTY"))), expected);
    }

    @Test
    void aFolderOfPartFilesReadsAsItsPartsInNameOrder() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("spark-output"));
        try (DuckDb duck = new DuckDb()) {
            String all = select("InvoiceDate", TIMESTAMP);
            duck.copy("SELECT * FROM (" + all + ") LIMIT 5000", folder.resolve("part-00000-a.snappy.parquet"), "");
            duck.copy("SELECT * FROM (" + all + ") OFFSET 5000", folder.resolve("part-00001-a.snappy.parquet"), "");
        }
        Files.writeString(folder.resolve("_SUCCESS"), "");
        Files.writeString(folder.resolve(".part-00000-a.snappy.parquet.crc"), "not parquet");
        Lines.assertSameLines(TransactionReader.read(folder), expected);
    }

    @Test
    void anErrorInAPartNamesThePartAndItsRow() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("bad-parts"));
        try (DuckDb duck = new DuckDb()) {
            String all = select("InvoiceDate", TIMESTAMP);
            duck.copy("SELECT * FROM (" + all + ") LIMIT 10", folder.resolve("part-0.parquet"), "");
            duck.copy("SELECT * REPLACE (CASE WHEN rowid = 2 THEN NULL ELSE Quantity END AS Quantity) FROM ("
                    + "SELECT *, row_number() OVER () AS rowid FROM (" + all + ") LIMIT 10)", folder.resolve(
                    "part-1.parquet"), "");
        }
        assertThatThrownBy(() -> TransactionReader.read(folder))
                .isInstanceOf(InputException.class)
                .hasMessage(folder.resolve("part-1.parquet") + ":2: field 'Quantity': expected a whole number, found"
                        + " an empty field");
    }

    @Test
    void nullsFollowTheRulesOfEmptyCsvFields() throws Exception {
        // a null Description or CustomerID is missing; the same lines as a CSV with those fields empty
        Path file = dir.resolve("nulls.parquet");
        Path emptyCsv = dir.resolve("nulls.csv");
        Files.writeString(emptyCsv, """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                536365,85123A,,6,12/1/2010 8:26,2.55,,United Kingdom
                536366,71053,WHITE METAL LANTERN,6,12/1/2010 8:28,3.39,17850,France
                """);
        try (DuckDb duck = new DuckDb()) {
            duck.copy("SELECT * REPLACE (" + TIMESTAMP.replace(" AS InvoiceDate", "") + " AS InvoiceDate) FROM "
                    + DuckDb.csv(emptyCsv), file, "");
        }
        Transactions fromCsv = TransactionReader.read(emptyCsv);
        Transactions fromParquet = TransactionReader.read(file);
        Lines.assertSameLines(fromParquet, fromCsv);
        assertThat(fromParquet.descriptionText(0)).isNull();
        assertThat(fromParquet.customerId(0)).isEqualTo(Transactions.MISSING_CUSTOMER);
    }

    @Test
    void aNullQuantityIsTheCsvErrorOrASkippedLine() throws Exception {
        Path file = dir.resolve("null-quantity.parquet");
        try (DuckDb duck = new DuckDb()) {
            duck.copy("SELECT * REPLACE (CASE WHEN rowid = 3 THEN NULL ELSE Quantity END AS Quantity) FROM ("
                    + "SELECT *, row_number() OVER () AS rowid FROM (" + select("InvoiceDate", TIMESTAMP) + "))",
                    file, "");
        }
        assertThatThrownBy(() -> TransactionReader.read(file))
                .isInstanceOf(InputException.class)
                .hasMessage(file + ":3: field 'Quantity': expected a whole number, found an empty field");
        Transactions skipped = TransactionReader.read(file, IngestOptions.defaults().withOnBadLines(BadLinePolicy.SKIP));
        assertThat(skipped.size()).isEqualTo(ROWS - 1);
        assertThat(skipped.badLines().byReason()).isEqualTo(Map.of(BadLines.Reason.NUMBER, 1L));
    }

    @Test
    void numbersOutOfRangeAreTheCsvErrorsNamingTheValue() throws Exception {
        Path quantity = dir.resolve("big-quantity.parquet");
        Path infinite = dir.resolve("infinite-price.parquet");
        Path huge = dir.resolve("huge-price.parquet");
        String rows = "SELECT *, row_number() OVER () AS rowid FROM (" + select("InvoiceDate", TIMESTAMP) + ")";
        try (DuckDb duck = new DuckDb()) {
            duck.copy("SELECT * EXCLUDE (rowid) REPLACE ((CASE WHEN rowid = 2 THEN 3000000000 ELSE Quantity END)::BIGINT"
                    + " AS Quantity) FROM (" + rows + ")", quantity, "");
            duck.copy("SELECT * EXCLUDE (rowid) REPLACE (CASE WHEN rowid = 3 THEN 'inf'::DOUBLE ELSE UnitPrice END"
                    + " AS UnitPrice) FROM (" + rows + ")", infinite, "");
            duck.copy("SELECT * EXCLUDE (rowid) REPLACE (CASE WHEN rowid = 4 THEN 2e9 ELSE UnitPrice END"
                    + " AS UnitPrice) FROM (" + rows + ")", huge, "");
        }
        assertThatThrownBy(() -> TransactionReader.read(quantity)).isInstanceOf(InputException.class)
                .hasMessage(quantity + ":2: field 'Quantity': expected a whole number from -2147483648 to 2147483647,"
                        + " found \"3000000000\"");
        assertThatThrownBy(() -> TransactionReader.read(infinite)).isInstanceOf(InputException.class)
                .hasMessage(infinite + ":3: field 'UnitPrice': expected a number, found \"Infinity\"");
        assertThatThrownBy(() -> TransactionReader.read(huge)).isInstanceOf(InputException.class)
                .hasMessage(huge + ":4: field 'UnitPrice': expected a number from -1000000000 to 1000000000, found"
                        + " \"2.0E9\"");
    }

    @Test
    void aColumnOfTheWrongTypeIsRefusedBeforeAnyRowIsRead() throws Exception {
        Path quantity = dir.resolve("double-quantity.parquet");
        Path description = dir.resolve("bool-description.parquet");
        Path price = dir.resolve("bool-price.parquet");
        Path date = dir.resolve("time-date.parquet");
        Path customer = dir.resolve("mapped-customer.parquet");
        try (DuckDb duck = new DuckDb()) {
            duck.copy(select("Quantity", "Quantity::DOUBLE AS Quantity"), quantity, "");
            duck.copy(select("Description", "Description IS NULL AS Description"), description, "");
            duck.copy(select("UnitPrice", "UnitPrice > 1 AS UnitPrice"), price, "");
            duck.copy(select("InvoiceDate", "TIME '08:26:00' AS InvoiceDate"), date, "");
            duck.copy(select("CustomerID", "CustomerID > 0 AS client"), customer, "");
        }
        assertThatThrownBy(() -> TransactionReader.read(quantity)).isInstanceOf(InputException.class)
                .hasMessage(quantity + ": column 'Quantity': Parquet type DOUBLE, expected an integer (INT32 or INT64)"
                        + " or a string");
        assertThatThrownBy(() -> TransactionReader.read(description)).isInstanceOf(InputException.class)
                .hasMessage(description + ": column 'Description': Parquet type BOOLEAN, expected a string");
        assertThatThrownBy(() -> TransactionReader.read(price)).isInstanceOf(InputException.class)
                .hasMessage(price + ": column 'UnitPrice': Parquet type BOOLEAN, expected a floating-point (DOUBLE,"
                        + " FLOAT), DECIMAL or integer number, or a string");
        assertThatThrownBy(() -> TransactionReader.read(date)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(date + ": column 'InvoiceDate': Parquet type INT64 (TIME(MICROS,")
                .hasMessageEndingWith("expected a timestamp, a date, INT96 or a string in the accepted date formats");
        assertThatThrownBy(() -> TransactionReader.read(customer, IngestOptions.defaults()
                .withColumnNames(Map.of(Column.CUSTOMER_ID, "client")))).isInstanceOf(InputException.class)
                .hasMessage(customer + ": column 'client' (CustomerID): Parquet type BOOLEAN, expected an integer, a"
                        + " floating-point or DECIMAL whole number, or a string");
    }

    @Test
    void aMissingColumnIsNamedAsInACsvHeader() throws Exception {
        Path file = dir.resolve("no-country.parquet");
        try (DuckDb duck = new DuckDb()) {
            duck.copy(select("Country", "", "InvoiceDate", TIMESTAMP), file, "");
        }
        assertThatThrownBy(() -> TransactionReader.read(file)).isInstanceOf(InputException.class)
                .hasMessage(file + ": missing column 'Country'; the header has: InvoiceNo, StockCode, Description,"
                        + " Quantity, InvoiceDate, UnitPrice, CustomerID");
    }

    @Test
    void aTruncatedOrCorruptFileIsAOneLineError() throws Exception {
        Path good = dir.resolve("whole.parquet");
        ParquetFiles.writeLines(expected, good);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.parquet");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        Path garbage = dir.resolve("garbage.parquet");
        byte[] noise = new byte[4096];
        new java.util.Random(1).nextBytes(noise);
        System.arraycopy("PAR1".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, noise, 0, 4);
        System.arraycopy("PAR1".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, noise, noise.length - 4, 4);
        Files.write(garbage, noise);
        Path notParquet = dir.resolve("csv-named.parquet");
        Files.copy(csv, notParquet);
        for (Path bad : new Path[] {truncated, garbage}) {
            assertThatThrownBy(() -> TransactionReader.read(bad)).isInstanceOf(InputException.class)
                    .hasMessageStartingWith(bad + ": cannot read: not a valid Parquet file (")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        assertThatThrownBy(() -> TransactionReader.read(notParquet)).isInstanceOf(InputException.class)
                .hasMessage(notParquet + ": named .parquet but not a Parquet file (it does not start with PAR1):"
                        + " expected a Parquet, CSV (plain or gzip) or XLSX file");
    }

    @Test
    void aDamagedPageIsAOneLineError() throws Exception {
        // the bytes of the first data pages overwritten: the file's footer is intact
        Path file = dir.resolve("damaged.parquet");
        ParquetFiles.writeLines(expected, file);
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 4; i < Math.min(bytes.length / 2, 4 + 20_000); i++) {
            bytes[i] = (byte) (i * 31);
        }
        Files.write(file, bytes);
        assertThatThrownBy(() -> TransactionReader.read(file)).isInstanceOf(InputException.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith(file + ":").doesNotContain("\n"));
    }

    @Test
    void anUnsupportedCodecIsNamed() throws Exception {
        Path file = dir.resolve("brotli.parquet");
        try (DuckDb duck = new DuckDb()) {
            duck.copy(select("InvoiceDate", TIMESTAMP), file, "COMPRESSION brotli");
        }
        assertThatThrownBy(() -> TransactionReader.read(file)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(file + ": column 'InvoiceNo' is compressed with BROTLI: expected one of"
                        + " UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW");
    }

    @Test
    void anEmptyFolderOrFileIsRefused() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty-folder"));
        assertThatThrownBy(() -> TransactionReader.read(empty)).isInstanceOf(InputException.class)
                .hasMessage(empty + ": a folder: expected a CSV (plain or gzip), XLSX or Parquet file, or a folder"
                        + " of Parquet part files (*.parquet)");
        Path zero = Files.createFile(dir.resolve("zero.parquet"));
        assertThatThrownBy(() -> TransactionReader.read(zero)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(zero + ": ");
    }
}
