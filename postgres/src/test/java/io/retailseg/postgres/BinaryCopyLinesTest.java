package io.retailseg.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.retailseg.InputException;
import io.retailseg.domain.BadLines;
import io.retailseg.domain.Transactions;
import io.retailseg.io.BadLinePolicy;
import io.retailseg.io.IngestOptions;
import io.retailseg.io.TransactionReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * The binary COPY gives the values the CSV text of the same rows gives through the file reader: the oracle is
 * {@code COPY ... TO STDOUT (FORMAT csv)} of the same SELECT (the server's {@code numeric_out},
 * {@code float8out}, {@code timestamp_out}) read by {@link TransactionReader#readCsv}, compared bit for bit,
 * including the lines each refuses.
 */
class BinaryCopyLinesTest {
    static TestDatabase db;

    /** Every numeric edge: scales, more than 2^53 in the mantissa, more than 22 decimals, beyond the ranges. */
    static final String NUMERIC_ROWS = """
            INSERT INTO numeric_lines VALUES
             (536365, '85123A', 'WHITE HANGING HEART', 6, '2010-12-01 08:26:00.7', 2.55, 17850, 'United Kingdom'),
             (536366, '22633', 'CAFÉ ÜBER ☃ TASSE', 6.000, '1999-12-31 23:59:59.999999', 0.001, 17850.000, 'Deutschland'),
             (536367, '22634', '', -3, '2000-01-01 00:00:00', 1234567.891, NULL, NULL),
             (536368, '22635', NULL, 12, '2011-12-09 12:50:00', 999999999.999, 13047, 'France'),
             (536369, '22636', 'A', 1, '2011-12-09 12:50:00', 123456789.123456789, 13047, 'France'),
             (536370, '22637', 'B', 1, '2011-12-09 12:50:00', 0.000000000000000000000001, 13047, 'France'),
             (536371, '22638', 'C', 1, '2011-12-09 12:50:00', -2.5, 13047, 'France'),
             (536372, '22639', 'D', 1, '2011-12-09 12:50:00', 0, 0, 'France'),
             (536373, '22640', 'E', 1, '2011-12-09 12:50:00', 0.1, 99999999999999999.0, 'France'),
             (536374, '22641', 'F', 1, '2011-12-09 12:50:00', 10000, 120000, 'France'),
             (536375, '22642', 'G', 1, '2011-12-09 12:50:00', 1e-30, 1, 'France'),
             (536376, '22643', 'H', 6.5, '2011-12-09 12:50:00', 1, 1, 'refused: a fraction in Quantity'),
             (536377, '22644', 'I', 123456789012345678, '2011-12-09 12:50:00', 1, 1, 'refused: beyond int'),
             (536378, '22645', 'J', 1234567890123456789, '2011-12-09 12:50:00', 1, 1, 'refused: 19 digits'),
             (536379, '22646', 'K', 1, '2011-12-09 12:50:00', 1000000000.5, 1, 'refused: price beyond 1e9'),
             (536380, '22647', 'L', 1, '2011-12-09 12:50:00', 'NaN', 1, 'refused: NaN'),
             (536381, '22648', 'M', 1, '2011-12-09 12:50:00', 1, 1.5, 'refused: a fraction in CustomerID'),
             (536382, '22649', 'N', 1, 'infinity', 1, 1, 'refused: infinity'),
             (536383, '22650', 'O', 1, '1900-01-01 00:00:00', 1, 1, 'refused: before 1932'),
             (536384, '22651', 'P', 1, '2011-12-09 12:50:00', 99999999999999999999999999.5, 1, 'refused: huge'),
             (-9223372036854775808, '22652', 'Q', 1, '2011-12-09 12:50:00', 1, 1, 'the smallest bigint')""";

    @BeforeAll
    static void start() {
        db = TestDatabase.start();
        db.sql("CREATE TABLE numeric_lines (\"InvoiceNo\" bigint, \"StockCode\" text, \"Description\" varchar(40),"
                + " \"Quantity\" numeric, \"InvoiceDate\" timestamp, \"UnitPrice\" numeric, \"CustomerID\" numeric,"
                + " \"Country\" text)", NUMERIC_ROWS, "GRANT SELECT ON numeric_lines TO " + TestDatabase.USER);
        db.sql("CREATE TABLE typed_lines (\"InvoiceNo\" integer, \"StockCode\" smallint, \"Description\" char(12),"
                + " \"Quantity\" double precision, \"InvoiceDate\" date, \"UnitPrice\" double precision,"
                + " \"CustomerID\" bigint, \"Country\" name)", """
                INSERT INTO typed_lines VALUES
                 (1, 85, 'MUG', 6, '2010-12-01', 2.55, 17850, 'United Kingdom'),
                 (2, 86, 'MUG', -0.0, '2011-01-01', 0.1 + 0.2, 9223372036854775807, 'United Kingdom'),
                 (3, 87, NULL, 1e2, '2011-01-02', 1e-7, 17850, 'United Kingdom'),
                 (4, 88, 'MUG', 6.5, '2011-01-03', 2.55, 17850, 'refused: a fraction'),
                 (5, 89, 'MUG', 1e20, '2011-01-04', 2.55, 17850, 'refused: 1e+20'),
                 (6, 90, 'MUG', 1, '2011-01-05', 'NaN', 17850, 'refused: NaN'),
                 (7, 91, 'MUG', 1, '2011-01-06', '-Infinity', 17850, 'refused: -Infinity'),
                 (8, 92, 'MUG', 1, '2011-01-07', -0.0, -17850, 'United Kingdom'),
                 (9, 93, 'MUG', 1, '2011-01-08', 1e300, 17850, 'refused: price 1e300'),
                 (10, 94, 'MUG', 1, 'infinity', 3, 17850, 'refused: infinity')""",
                "GRANT SELECT ON typed_lines TO " + TestDatabase.USER);
        db.sql("CREATE TABLE real_lines (\"InvoiceNo\" text, \"StockCode\" text, \"Description\" text,"
                + " \"Quantity\" real, \"InvoiceDate\" timestamp, \"UnitPrice\" real, \"CustomerID\" real,"
                + " \"Country\" text)", """
                INSERT INTO real_lines VALUES
                 ('1', '85', 'MUG', 6, '2010-12-01 10:00:00', 2.55, 17850, 'United Kingdom'),
                 ('2', '85', 'MUG', 6, '2010-12-01 10:00:00', 0.1, 17850, 'United Kingdom'),
                 ('3', '85', 'MUG', 6.5, '2010-12-01 10:00:00', 16777217, 1e10, 'refused: a fraction')""",
                "GRANT SELECT ON real_lines TO " + TestDatabase.USER);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void numericsAreTheDoublesTheirTextGives() throws Exception {
        assertSameAsCsv("numeric_lines", 21, 9);
    }

    @Test
    void integersDoublesDatesAndPaddedTextAreTheirTextsValues() throws Exception {
        assertSameAsCsv("typed_lines", 10, 7);
    }

    @Test
    void realsAreReadAsTheirTextNotAsTheFloat() throws Exception {
        Transactions lines = assertSameAsCsv("real_lines", 3, 1);
        assertThat(lines.unitPrice(0)).isEqualTo(2.55); // real 2.55 is 2.5499999523 as a float; its text is 2.55
    }

    @Test
    void aQueryWithComputedColumnsOfEveryAcceptedTypeGivesTheirTextsValues() throws Exception {
        // each column computed, of a type other than the table's: smallint, varchar, numeric, real,
        // double precision, date, bigint, name
        String query = "SELECT (\"InvoiceNo\" % 30000)::smallint AS \"InvoiceNo\", \"StockCode\"::varchar(10) AS"
                + " \"StockCode\", upper(\"Description\") AS \"Description\", (\"Quantity\" * 2)::numeric(12,2) AS"
                + " \"Quantity\", \"InvoiceDate\"::date AS \"InvoiceDate\", (\"UnitPrice\" / 3)::float8 AS"
                + " \"UnitPrice\", (\"CustomerID\" + 1)::bigint AS \"CustomerID\", \"Country\"::name AS \"Country\""
                + " FROM numeric_lines WHERE \"Country\" NOT LIKE 'refused:%' AND \"InvoiceDate\" > '1999-01-01'";
        // real and double precision cast by the server to text; a date plus an interval is a timestamp
        String realQuery = "SELECT \"InvoiceNo\"::text, \"StockCode\", \"Description\", (\"Quantity\" * 2)::real"
                + " AS \"Quantity\", \"InvoiceDate\" + interval '1 hour' AS \"InvoiceDate\", \"UnitPrice\"::real AS"
                + " \"UnitPrice\", (\"CustomerID\" % 100000)::integer AS \"CustomerID\", \"Country\" FROM typed_lines"
                + " WHERE \"InvoiceNo\" <> 9";
        assertSameAsCsv(new PostgresSource.Query(query), "(" + query + ") AS q", 11, 0);
        // refused: 2e+20 as a Quantity, NaN and -Infinity as a price, an infinite date
        assertSameAsCsv(new PostgresSource.Query(realQuery), "(" + realQuery + ") AS q", 9, 4);
    }

    @Test
    void aBadValueIsTheCsvPathsErrorNamingTheRow() {
        PostgresSource source = new PostgresSource(db.connections(), new PostgresSource.Query(
                "SELECT * FROM numeric_lines WHERE \"Country\" = 'refused: a fraction in Quantity'"),
                IngestOptions.defaults());
        assertThatThrownBy(source::load).isInstanceOf(InputException.class)
                .hasMessageEndingWith(":1: field 'Quantity': expected a whole number, found \"6.5\"");
        PostgresSource price = new PostgresSource(db.connections(), new PostgresSource.Query(
                "SELECT * FROM numeric_lines WHERE \"Country\" LIKE 'refused: %' ORDER BY \"InvoiceNo\" OFFSET 3"),
                IngestOptions.defaults());
        assertThatThrownBy(price::load).isInstanceOf(InputException.class)
                .hasMessageEndingWith(":1: field 'UnitPrice': expected a number from -1000000000 to 1000000000,"
                        + " found \"1000000000.5\"");
    }

    /**
     * Reads {@code table} both ways with bad lines skipped and compares every value bit for bit and the lines
     * skipped by reason; returns the binary path's lines.
     */
    static Transactions assertSameAsCsv(String table, int rows, long refused) throws Exception {
        return assertSameAsCsv(new PostgresSource.Table(SqlName.parse(table, 2, "--table")), table, rows, refused);
    }

    /** {@link #assertSameAsCsv(String, int, long)} of {@code relation}, whose FROM item is {@code from}. */
    static Transactions assertSameAsCsv(PostgresSource.Relation relation, String from, int rows, long refused)
            throws Exception {
        IngestOptions skip = IngestOptions.defaults().withOnBadLines(BadLinePolicy.SKIP);
        PostgresSource source = new PostgresSource(db.connections(), relation, skip);
        Transactions binary = source.load();
        Transactions csv = TransactionReader.readCsv("csv", new ByteArrayInputStream(csvOf(from)), skip);
        assertThat(binary.size() + binary.badLines().skipped()).isEqualTo(rows);
        assertThat(binary.badLines().skipped()).isEqualTo(refused);
        assertThat(binary.badLines().byReason()).isEqualTo(csv.badLines().byReason());
        assertThat(lineNumbers(binary.badLines())).isEqualTo(lineNumbers(csv.badLines()).stream()
                .map(line -> line - 1).toList()); // the CSV's line 1 is its header
        assertThat(rowsOf(binary)).isEqualTo(rowsOf(csv));
        assertThat(source.fingerprint().checksum()).matches("crc32c:[0-9a-f]{8}");
        assertThat(source.fingerprint().bytes()).isPositive();
        return binary;
    }

    /** The CSV the source sent before the binary COPY: the same 8 columns, timestamps cut to the second. */
    static byte[] csvOf(String from) throws Exception {
        String select = "SELECT \"InvoiceNo\", \"StockCode\", \"Description\", \"Quantity\","
                + " date_trunc('second', \"InvoiceDate\"::timestamp) AS \"InvoiceDate\", \"UnitPrice\","
                + " \"CustomerID\", \"Country\" FROM " + from;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Connection c = db.admin()) {
            c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + select + ") TO STDOUT (FORMAT csv,"
                    + " HEADER true)", out);
        }
        return out.toByteArray();
    }

    static List<Long> lineNumbers(BadLines bad) {
        return bad.first().stream().map(BadLines.Line::line).toList();
    }

    /** Every value of every line, doubles by their bits. */
    static List<String> rowsOf(Transactions t) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            rows.add(String.join("|", t.invoiceText(i), t.stockCodeText(i), String.valueOf(t.descriptionText(i)),
                    Integer.toString(t.quantity(i)), Long.toString(t.epochSecond(i)),
                    Long.toHexString(Double.doubleToRawLongBits(t.unitPrice(i))), Long.toString(t.customerId(i)),
                    t.countryText(i)));
        }
        return rows;
    }
}
