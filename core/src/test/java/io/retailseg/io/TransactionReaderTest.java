package io.retailseg.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.retailseg.InputException;
import io.retailseg.domain.Column;
import io.retailseg.domain.IncompleteLines;
import io.retailseg.domain.Transactions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransactionReaderTest {
    private static final String HEADER =
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";
    /** Lines as the real data.csv writes them, plus the quirks pandas must survive. */
    private static final String SAMPLE = HEADER
            + "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom\n"
            + "C536379,D,Discount,-1,12/1/2010 9:41,27.5,14527.0,United Kingdom\n"
            + "536414,22139,,56,12/1/2010 11:52,0,,United Kingdom\n"
            + "536520,21705,\"BAG 500g SWIRLY MARBLES, \"\"£1\"\" OFF\",12,12/1/2010 12:43,1.65,14729,France\n";

    @TempDir
    Path dir;

    private Path write(String name, String text, Charset charset) throws IOException {
        return write(name, text.getBytes(charset));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static void assertSample(Transactions t) {
        assertThat(t.size()).isEqualTo(4);
        UciFirstLine.assertAt(t, 0);

        assertThat(t.invoiceText(1)).isEqualTo("C536379");
        assertThat(t.stockCodeText(1)).isEqualTo("D");
        assertThat(t.quantity(1)).isEqualTo(-1);
        assertThat(t.unitPrice(1)).isEqualTo(27.5);
        assertThat(t.customerId(1)).as("17850.0 as pandas writes a float id").isEqualTo(14527L);
        assertThat(t.invoiceDate(1)).isEqualTo(LocalDateTime.of(2010, 12, 1, 9, 41));

        assertThat(t.descriptionText(2)).as("empty Description is missing").isNull();
        assertThat(t.description(2)).isEqualTo(Transactions.MISSING_DESCRIPTION);
        assertThat(t.customerId(2)).isEqualTo(Transactions.MISSING_CUSTOMER);
        assertThat(t.unitPrice(2)).isEqualTo(0.0);
        assertThat(t.invoiceDate(2)).isEqualTo(LocalDateTime.of(2010, 12, 1, 11, 52));

        assertThat(t.descriptionText(3)).isEqualTo("BAG 500g SWIRLY MARBLES, \"£1\" OFF");
        assertThat(t.countryText(3)).isEqualTo("France");
        assertThat(t.invoiceDate(3)).isEqualTo(LocalDateTime.of(2010, 12, 1, 12, 43));
    }

    private InputException readError(Path file) {
        return readError(file, IngestOptions.defaults());
    }

    private InputException readError(Path file, IngestOptions options) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> TransactionReader.read(file, options));
        assertThat(thrown).isInstanceOf(InputException.class);
        return (InputException) thrown;
    }

    // ---- formats and encodings ----

    @Test
    void readsUtf8Csv() throws IOException {
        assertSample(TransactionReader.read(write("data.csv", SAMPLE, StandardCharsets.UTF_8)));
    }

    @Test
    void detectsIso88591WhenNotValidUtf8() throws IOException {
        Path file = write("data.csv", SAMPLE, StandardCharsets.ISO_8859_1);
        assertThat(Files.readAllBytes(file)).contains((byte) 0xA3); // £ is one byte, not valid UTF-8
        assertSample(TransactionReader.read(file));
    }

    @Test
    void explicitEncodingWins() throws IOException {
        Path iso = write("iso.csv", SAMPLE, StandardCharsets.ISO_8859_1);
        assertSample(TransactionReader.read(iso, IngestOptions.defaults().withEncoding(StandardCharsets.ISO_8859_1)));
        Path utf8 = write("utf8.csv", SAMPLE, StandardCharsets.UTF_8);
        Transactions misread = TransactionReader.read(utf8,
                IngestOptions.defaults().withEncoding(StandardCharsets.ISO_8859_1));
        assertThat(misread.descriptionText(3)).isEqualTo("BAG 500g SWIRLY MARBLES, \"Â£1\" OFF");
    }

    @Test
    void stripsUtf8Bom() throws IOException {
        byte[] text = SAMPLE.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        assertSample(TransactionReader.read(write("bom.csv", withBom)));
    }

    @Test
    void detectsGzipByMagicBytesWhateverTheName() throws IOException {
        byte[] gz = gzip(SAMPLE.getBytes(StandardCharsets.ISO_8859_1));
        assertSample(TransactionReader.read(write("data.csv.gz", gz)));
        assertSample(TransactionReader.read(write("download.bin", gz)));
    }

    @Test
    void corruptGzipCannotBeRead() throws IOException {
        byte[] gz = gzip(SAMPLE.getBytes(StandardCharsets.UTF_8));
        byte[] cut = java.util.Arrays.copyOf(gz, gz.length / 2);
        Path file = write("cut.csv.gz", cut);
        assertThat(readError(file).getMessage()).startsWith(file + ": cannot read: ");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"CRLF", "CR", "LF"})
    void anyLineEndingAndPhysicalLineNumbers(String ending) throws IOException {
        String eol = switch (ending) {
            case "CRLF" -> "\r\n";
            case "CR" -> "\r";
            default -> "\n";
        };
        Path ok = write("ok.csv", SAMPLE.replace("\n", eol), StandardCharsets.UTF_8);
        assertSample(TransactionReader.read(ok));

        String bad = HEADER
                + "536365,85123A,\"TWO\nLINES\",6,12/1/2010 8:26,2.55,17850,United Kingdom\n"
                + "\n"
                + "536365,71053,WHITE METAL LANTERN,x6,12/1/2010 8:26,3.39,17850,United Kingdom\n";
        Path file = write("bad.csv", bad.replace("\n", eol), StandardCharsets.UTF_8);
        assertThat(readError(file)).hasMessage(file + ":5: field 'Quantity': expected a whole number, found \"x6\"")
                .satisfies(e -> assertThat(e.line()).isEqualTo(5));
    }

    @Test
    void skipsBlankLinesAndRowsOfEmptyFields() throws IOException {
        Path file = write("blank.csv", SAMPLE.replace("\n536414", "\n   \n,,,,,,,\n536414"), StandardCharsets.UTF_8);
        assertSample(TransactionReader.read(file));
    }

    @Test
    void skipsEmptyLines() throws IOException {
        Path file = write("gaps.csv", "\n" + SAMPLE.replace("\n536414", "\n\n\n536414") + "\n\n", StandardCharsets.UTF_8);
        assertSample(TransactionReader.read(file));
    }

    // ---- header ----

    @Test
    void onlineRetailIIHeaderInAnyOrderWithExtraColumns() throws IOException {
        String text = "Country,Extra,Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID\n"
                + "United Kingdom,zz,489434,85048,15CM CHRISTMAS GLASS BALL 20 LIGHTS,12,2009-12-01 07:45:00,6.95,"
                + "13085.0\n";
        Transactions t = TransactionReader.read(write("ii.csv", text, StandardCharsets.UTF_8));
        assertThat(t.size()).isEqualTo(1);
        assertThat(t.invoiceText(0)).isEqualTo("489434");
        assertThat(t.stockCodeText(0)).isEqualTo("85048");
        assertThat(t.descriptionText(0)).isEqualTo("15CM CHRISTMAS GLASS BALL 20 LIGHTS");
        assertThat(t.quantity(0)).isEqualTo(12);
        assertThat(t.invoiceDate(0)).isEqualTo(LocalDateTime.of(2009, 12, 1, 7, 45));
        assertThat(t.unitPrice(0)).isEqualTo(6.95);
        assertThat(t.customerId(0)).isEqualTo(13085L);
        assertThat(t.countryText(0)).isEqualTo("United Kingdom");
    }

    @Test
    void headerNamesAreTrimmedAndCaseInsensitive() throws IOException {
        String text = " invoiceno ,STOCKCODE,description,quantity,invoicedate,unitprice,customerid,country\n"
                + "536365,85123A,X,6,12/1/2010 8:26,2.55,17850,United Kingdom\n";
        assertThat(TransactionReader.read(write("case.csv", text, StandardCharsets.UTF_8)).size()).isEqualTo(1);
    }

    @Test
    void columnMappingWithOddNames() throws IOException {
        String text = "Beleg;Artikel;Text;Menge;Datum;Preis;Kunde;Land\n".replace(';', ',')
                + "A1,P-7,Tasse,3,2011-03-04T05:06:07,1.5,42,Germany\n";
        Map<Column, String> names = Map.of(
                Column.INVOICE_NO, "Beleg", Column.STOCK_CODE, "artikel", Column.DESCRIPTION, " Text ",
                Column.QUANTITY, "Menge", Column.INVOICE_DATE, "Datum", Column.UNIT_PRICE, "Preis",
                Column.CUSTOMER_ID, "Kunde", Column.COUNTRY, "Land");
        Transactions t = TransactionReader.read(write("odd.csv", text, StandardCharsets.UTF_8),
                IngestOptions.defaults().withColumnNames(names));
        assertThat(t.invoiceText(0)).isEqualTo("A1");
        assertThat(t.stockCodeText(0)).isEqualTo("P-7");
        assertThat(t.descriptionText(0)).isEqualTo("Tasse");
        assertThat(t.quantity(0)).isEqualTo(3);
        assertThat(t.invoiceDate(0)).isEqualTo(LocalDateTime.of(2011, 3, 4, 5, 6, 7));
        assertThat(t.unitPrice(0)).isEqualTo(1.5);
        assertThat(t.customerId(0)).isEqualTo(42L);
        assertThat(t.countryText(0)).isEqualTo("Germany");
    }

    @Test
    void missingColumnNamesItsKnownNames() throws IOException {
        Path file = write("nocol.csv", "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,CustomerID,Country\n",
                StandardCharsets.UTF_8);
        assertThat(readError(file)).hasMessage(file + ":1: missing column 'UnitPrice' (or 'Price'); the header has: "
                + "InvoiceNo, StockCode, Description, Quantity, InvoiceDate, CustomerID, Country");
    }

    @Test
    void missingMappedColumnNamesTheMappedName() throws IOException {
        Path file = write("nomap.csv", HEADER, StandardCharsets.UTF_8);
        IngestOptions options = IngestOptions.defaults().withColumnNames(Map.of(Column.UNIT_PRICE, "Prix"));
        assertThat(readError(file, options)).hasMessage(file + ":1: missing column 'Prix' (for UnitPrice); "
                + "the header has: InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID, "
                + "Country");
    }

    @Test
    void emptyFileIsAnError() throws IOException {
        String expected = ": empty file: expected a header line with the columns InvoiceNo, StockCode, Description,"
                + " Quantity, InvoiceDate, UnitPrice, CustomerID, Country";
        Path empty = write("empty.csv", new byte[0]);
        assertThat(readError(empty)).hasMessage(empty + expected);
        Path blank = write("blank.csv", "\n\r\n\n", StandardCharsets.UTF_8);
        assertThat(readError(blank)).hasMessage(blank + expected);
        Path emptyGz = write("empty.csv.gz", gzip(new byte[0]));
        assertThat(readError(emptyGz)).hasMessage(emptyGz + expected);
    }

    @Test
    void headerWithoutLinesGivesNoLines() throws IOException {
        assertThat(TransactionReader.read(write("header.csv", HEADER, StandardCharsets.UTF_8)).size()).isZero();
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("nope.csv");
        assertThat(readError(file)).hasMessage(file + ": file not found");
    }

    // ---- dates ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "12/1/2010 8:26       | 2010-12-01T08:26:00",
        "12/01/2010 08:26     | 2010-12-01T08:26:00",
        "12/9/2011 12:50:42   | 2011-12-09T12:50:42",
        "2010-12-01 08:26:00  | 2010-12-01T08:26:00",
        "2010-12-01 08:26     | 2010-12-01T08:26:00",
        "2010-12-01T08:26:05  | 2010-12-01T08:26:05",
        "2/29/2012 23:59      | 2012-02-29T23:59:00",
    })
    void defaultDateLayouts(String text, LocalDateTime expected) throws IOException {
        Path file = write("d.csv", HEADER + "1,2,x,1," + text + ",1,,UK\n", StandardCharsets.UTF_8);
        assertThat(TransactionReader.read(file).invoiceDate(0)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"x", "13/1/2010 8:26", "2/30/2011 8:26", "12/1/2010 24:00", "12/1/2010", "2010-12-01", "12/1/10 8:26",
        "2010-12-01 08:26:00.5"})
    void badDefaultDate(String text) throws IOException {
        Path file = write("d.csv", HEADER + "1,2,x,1," + text + ",1,,UK\n", StandardCharsets.UTF_8);
        assertThat(readError(file)).hasMessage(file + ":2: field 'InvoiceDate': expected a date like 12/1/2010 8:26"
                + " or 2010-12-01 08:26:00, found \"" + text + "\"");
    }

    @Test
    void explicitDateFormat() throws IOException {
        Path file = write("d.csv", HEADER + "1,2,x,1,01.12.2010 08:26,1,,UK\n", StandardCharsets.UTF_8);
        assertThat(TransactionReader.read(file, IngestOptions.defaults().withDateFormat("dd.MM.yyyy HH:mm"))
                .invoiceDate(0)).isEqualTo(LocalDateTime.of(2010, 12, 1, 8, 26));
        // the default layouts no longer apply
        Path us = write("us.csv", HEADER + "1,2,x,1,12/1/2010 8:26,1,,UK\n", StandardCharsets.UTF_8);
        assertThat(readError(us, IngestOptions.defaults().withDateFormat("dd.MM.yyyy HH:mm"))).hasMessage(
                us + ":2: field 'InvoiceDate': expected a date in the format dd.MM.yyyy HH:mm, found \"12/1/2010 8:26\"");
    }

    @Test
    void dateOnlyFormatMeansMidnight() throws IOException {
        Path file = write("d.csv", HEADER + "1,2,x,1,2010/12/01,1,,UK\n", StandardCharsets.UTF_8);
        assertThat(TransactionReader.read(file, IngestOptions.defaults().withDateFormat("yyyy/MM/dd"))
                .invoiceDate(0)).isEqualTo(LocalDateTime.of(2010, 12, 1, 0, 0));
    }

    @Test
    void invalidDateFormatIsAnInputError() throws IOException {
        Path file = write("d.csv", SAMPLE, StandardCharsets.UTF_8);
        assertThat(readError(file, IngestOptions.defaults().withDateFormat("yyyy-qq{")).getMessage())
                .startsWith(file + ": invalid date format 'yyyy-qq{': ");
    }

    // ---- fields ----

    private static final String GOOD = "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,"
            + "United Kingdom";

    /** A one-line file whose field {@code column} (0-based, Online Retail order) is {@code value}. */
    private Path withField(int column, String value) throws IOException {
        String[] fields = GOOD.split(",");
        fields[column] = value;
        return write("f.csv", HEADER + String.join(",", fields) + "\n", StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "0 | ''      | field 'InvoiceNo': expected an invoice number, found an empty field",
        "1 | ''      | field 'StockCode': expected a stock code, found an empty field",
        "3 | abc     | field 'Quantity': expected a whole number, found \"abc\"",
        "3 | 6.5     | field 'Quantity': expected a whole number, found \"6.5\"",
        "3 | ''      | field 'Quantity': expected a whole number, found an empty field",
        "3 | 1e3     | field 'Quantity': expected a whole number, found \"1e3\"",
        "3 | 2147483648 | field 'Quantity': expected a whole number from -2147483648 to 2147483647, found \"2147483648\"",
        "4 | ''      | field 'InvoiceDate': expected a date like 12/1/2010 8:26 or 2010-12-01 08:26:00, found an empty field",
        "5 | abc     | field 'UnitPrice': expected a number, found \"abc\"",
        "5 | NaN     | field 'UnitPrice': expected a number, found \"NaN\"",
        "5 | Infinity | field 'UnitPrice': expected a number, found \"Infinity\"",
        "5 | ''      | field 'UnitPrice': expected a number, found an empty field",
        "6 | 17850.5 | field 'CustomerID': expected a whole-number customer id, found \"17850.5\"",
        "6 | abc     | field 'CustomerID': expected a whole-number customer id, found \"abc\"",
    })
    void badFieldMessages(int column, String value, String problem) throws IOException {
        Path file = withField(column, value);
        InputException e = readError(file);
        assertThat(e).hasMessage(file + ":2: " + problem);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.field()).contains(Column.values()[column].canonicalName());
    }

    @ParameterizedTest
    @CsvSource({"6, 6", "-12, -12", "6.0, 6", "' 7 ', 7", "+3, 3", "-80995, -80995"})
    void quantities(String text, int expected) throws IOException {
        assertThat(TransactionReader.read(withField(3, text)).quantity(0)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"2.55, 2.55", "0, 0", "-11062.06, -11062.06", "1e3, 1000", "' 4.95 ', 4.95", ".5, 0.5",
        "0.1234567890123456789, 0.1234567890123456789", "38970.0, 38970"})
    void prices(String text, double expected) throws IOException {
        assertThat(TransactionReader.read(withField(5, text)).unitPrice(0)).isEqualTo(expected);
    }

    /** The CustomerID text of the line before is compared, not parsed again: the same value either way. */
    @Test
    void customerIdsRunningOnFromLineToLine() throws IOException {
        String line = "536365,85123A,MUG,6,12/1/2010 8:26,2.55,";
        String[] ids = {"17850", "17850", "17850.0", "", "", " 17850", "12", "12", "", "17850"};
        StringBuilder text = new StringBuilder(HEADER);
        for (String id : ids) {
            text.append(line).append(id).append(",United Kingdom\n");
        }
        text.append(line).append("abc,United Kingdom\n");
        Path file = write("ids.csv", text.toString(), StandardCharsets.UTF_8);
        Transactions t = TransactionReader.read(file, IngestOptions.defaults().withOnBadLines(BadLinePolicy.SKIP));
        long none = Transactions.MISSING_CUSTOMER;
        assertThat(java.util.stream.IntStream.range(0, t.size()).mapToLong(t::customerId).toArray())
                .containsExactly(17850, 17850, 17850, none, none, 17850, 12, 12, none, 17850);
        assertThat(t.customerCode(2)).isEqualTo(t.customerCode(0));
        assertThat(t.customerCode(9)).isEqualTo(t.customerCode(0));
        assertThat(t.badLines().skipped()).as("the last line, abc").isEqualTo(1);
    }

    @Test
    void textFieldsAreKeptAsIs() throws IOException {
        Path file = write("t.csv", HEADER + " 536365 , 85123A ,  padded  ,6,12/1/2010 8:26,2.55,17850,  \n",
                StandardCharsets.UTF_8);
        Transactions t = TransactionReader.read(file);
        assertThat(t.invoiceText(0)).isEqualTo(" 536365 ");
        assertThat(t.stockCodeText(0)).isEqualTo(" 85123A ");
        assertThat(t.descriptionText(0)).isEqualTo("  padded  ");
        assertThat(t.countryText(0)).isEqualTo("  ");
    }

    @Test
    void emptyCountryIsAllowed() throws IOException {
        assertThat(TransactionReader.read(withField(7, "")).countryText(0)).isEmpty();
    }

    @Test
    void incompleteLinesCountedInsteadOfStoredAreStillCheckedAndEncoded() throws IOException {
        Path file = write("incomplete.csv", SAMPLE
                + "536600,22222,,1,12/2/2010 9:00,1.5,17850,\n" // no Description, no Country: counted
                + "536601,85123A,WHITE HANGING HEART T-LIGHT HOLDER,2,12/2/2010 9:01,2.55,,United Kingdom\n"
                + "536602,33333,NEW PRODUCT,3,12/2/2010 9:02,9.99,12345,Spain\n", StandardCharsets.UTF_8);
        IngestOptions counting = IngestOptions.defaults().withIncompleteCounted();
        Transactions all = TransactionReader.read(file);
        Transactions counted = TransactionReader.read(file, counting);

        // stored: SAMPLE's lines 0, 1, 3 and the last; counted: SAMPLE's line 2 (no Description, no CustomerID)
        // and the two lines above the last
        assertThat(counted.size()).isEqualTo(4);
        assertThat(counted.incomplete()).isEqualTo(new IncompleteLines(3, 0, 0, 2, 2, 1));
        assertThat(counted.linesRead()).isEqualTo(all.size()).isEqualTo(7);
        assertThat(counted.stockCodeText(3)).isEqualTo("33333");
        assertThat(counted.stockCode(3)).isEqualTo(all.stockCode(6)); // 22139 and 22222 kept their codes
        assertThat(counted.customerCode(3)).isEqualTo(all.customerCode(6));
        assertThat(counted.country(3)).isEqualTo(all.country(6)); // "" took a code before Spain
        assertThat(counted.countries().size()).isEqualTo(all.countries().size());

        // a bad field on a line that would be counted is the same error
        Path bad = write("bad.csv", HEADER + "536600,22222,,x,12/2/2010 9:00,1.5,,UK\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TransactionReader.read(bad, counting))
                .isInstanceOf(InputException.class)
                .hasMessage(bad + ":2: field 'Quantity': expected a whole number, found \"x\"");
    }

    @Test
    void shortLineNamesTheFirstMissingField() throws IOException {
        Path file = write("short.csv", HEADER + GOOD + "\n536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6\n",
                StandardCharsets.UTF_8);
        assertThat(readError(file)).hasMessage(file + ":3: field 'InvoiceDate': expected 8 fields, found 4");
    }

    @Test
    void errorMessagesStayOnOneLine() throws IOException {
        Path file = withField(3, "\"1\n2\"");
        assertThat(readError(file)).hasMessage(file + ":2: field 'Quantity': expected a whole number, found \"1\\n2\"");
    }

    @Test
    void malformedQuotingIsAnInputError() throws IOException {
        Path file = write("q.csv", HEADER + GOOD + "\n536365,\"85123A\"x,X,6,12/1/2010 8:26,2.55,17850,UK\n",
                StandardCharsets.UTF_8);
        assertThat(readError(file)).hasMessage(file + ":3: not valid CSV: Unexpected character after closing quote: 'x' (0x78)");
    }

    @Test
    void directoryCannotBeRead() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub.csv"));
        assertThat(readError(sub).getMessage()).isEqualTo(sub + ": a folder: expected a CSV (plain or gzip), XLSX"
                + " or Parquet file, or a folder of Parquet part files (*.parquet)");
    }

    // ---- helpers ----

    @Test
    void theFirstNonAsciiCharacterDecidesTheEncodingWhereverItIs() throws IOException {
        // the real file's case: megabytes of ASCII, then a '£' as the single byte 0xA3
        String line = "536365,85123A,WHITE HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom\n";
        String ascii = HEADER + line.repeat(3 * (1 << 20) / line.length());
        String pound = "536366,22633,GIFT VOUCHER £40.00,1,12/1/2010 8:28,40,17850,United Kingdom\n";
        Path latin1 = write("latin1.csv", ascii + pound, StandardCharsets.ISO_8859_1);
        Transactions t = TransactionReader.read(latin1);
        assertThat(t.descriptionText(t.size() - 1)).isEqualTo("GIFT VOUCHER £40.00");
        Path utf8 = write("utf8.csv", ascii + pound, StandardCharsets.UTF_8);
        assertThat(TransactionReader.read(utf8).descriptionText(t.size() - 1)).isEqualTo("GIFT VOUCHER £40.00");
        try (InputStream in = Files.newInputStream(latin1)) {
            assertThat(LineFields.detectEncoding(in, Long.MAX_VALUE)).isEqualTo(StandardCharsets.ISO_8859_1);
        }
        try (InputStream in = Files.newInputStream(utf8)) {
            assertThat(LineFields.detectEncoding(in, Long.MAX_VALUE)).isEqualTo(StandardCharsets.UTF_8);
        }
        try (InputStream in = Files.newInputStream(latin1)) { // all ASCII as far as it looks
            assertThat(LineFields.detectEncoding(in, 1 << 20)).isEqualTo(StandardCharsets.UTF_8);
        }
    }

    @Test
    void aUtf8FileKeepsItsCharactersAndABrokenByteAfterThemBecomesTheReplacementCharacter() throws IOException {
        byte[] good = (HEADER + "536365,85123A,CAFÉ € MUG,6,12/1/2010 8:26,2.55,17850,United Kingdom\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] broken = "536366,22633,BAD \u00a3,1,12/1/2010 8:28,40,17850,United Kingdom\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        Path file = dir.resolve("mixed.csv");
        Files.write(file, concat(good, broken));
        Transactions t = TransactionReader.read(file);
        assertThat(t.descriptionText(0)).isEqualTo("CAFÉ € MUG");
        assertThat(t.descriptionText(1)).isEqualTo("BAD \uFFFD");
    }

    @Test
    void aLatin1ByteThatHappensToStartAUtf8SequenceIsJudgedWithTheBytesAfterIt() throws IOException {
        // 0xC9 ('É' in ISO-8859-1) is a UTF-8 lead byte, but the 'T' after it is no continuation byte
        Path file = dir.resolve("latin1.csv");
        Files.write(file, (HEADER + "536365,85123A,CAFÉTIÈRE,6,12/1/2010 8:26,2.55,17850,United Kingdom\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(TransactionReader.read(file).descriptionText(0)).isEqualTo("CAFÉTIÈRE");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
