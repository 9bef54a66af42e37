package io.retailseg.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.retailseg.InputException;
import io.retailseg.domain.BadLines;
import io.retailseg.domain.BadLines.Reason;
import io.retailseg.domain.Transactions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --on-bad-lines}: a line that cannot be parsed stops the read (error) or is skipped and counted (skip). */
class BadLinesReadTest {
    private static final String HEADER =
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";
    private static final String GOOD = "536365,85123A,HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom\n";
    private static final IngestOptions SKIP = IngestOptions.defaults().withOnBadLines(BadLinePolicy.SKIP);

    @TempDir
    Path dir;

    /** Lines 2, 3 good; 4 too many fields; 5 good; 6 too few; 7 a bad number; 8 good; 9 a bad date; 10 good. */
    private static String mixed() {
        return HEADER + GOOD + GOOD
                + "536366,22633,HAND WARMER,6,12/1/2010 8:28,1.85,17850,United Kingdom,extra\n"
                + GOOD
                + "536367,84879,BIRD\n"
                + "536368,22960,JAM MAKING SET,six,12/1/2010 8:34,4.25,13047,United Kingdom\n"
                + GOOD
                + "536369,21756,BATH BUILDING,3,yesterday,5.95,13047,United Kingdom\n"
                + GOOD;
    }

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private static InputException error(Path f, IngestOptions options) {
        Throwable t = catchThrowable(() -> TransactionReader.read(f, options));
        assertThat(t).isInstanceOf(InputException.class);
        return (InputException) t;
    }

    @Test
    void tooManyFieldsIsAnErrorNamingTheLine() throws IOException {
        Path f = write("d.csv", HEADER + GOOD + "536366,22633,HAND WARMER,6,12/1/2010 8:28,1.85,17850,UK,extra\n");
        InputException e = error(f, IngestOptions.defaults());
        assertThat(e).hasMessage(f + ":3: expected 8 fields, found 9");
        assertThat(e.line()).isEqualTo(3);
    }

    @Test
    void aTrailingEmptyFieldIsAFieldTooMany() throws IOException {
        Path f = write("d.csv", HEADER + GOOD.replace("\n", ",\n"));
        assertThat(error(f, IngestOptions.defaults())).hasMessage(f + ":2: expected 8 fields, found 9");
    }

    @Test
    void tooFewFieldsStaysAnErrorNamingTheFirstMissingField() throws IOException {
        Path f = write("d.csv", HEADER + GOOD + "536367,84879,BIRD\n");
        assertThat(error(f, IngestOptions.defaults())).hasMessage(f + ":3: field 'Quantity': expected 8 fields, found 3");
    }

    @Test
    void errorPolicyStopsAtTheFirstBadLine() throws IOException {
        Path f = write("d.csv", mixed());
        assertThat(error(f, IngestOptions.defaults())).hasMessage(f + ":4: expected 8 fields, found 9");
    }

    @Test
    void skipPolicyDropsAndCountsEachKindOfBadLine() throws IOException {
        Path f = write("d.csv", mixed());
        Transactions t = TransactionReader.read(f, SKIP);
        assertThat(t.size()).isEqualTo(5);
        BadLines bad = t.badLines();
        assertThat(bad.skipped()).isEqualTo(4);
        assertThat(bad.byReason()).containsExactly(Map.entry(Reason.FIELD_COUNT, 2L), Map.entry(Reason.NUMBER, 1L),
                Map.entry(Reason.DATE, 1L));
        assertThat(bad.first()).extracting(BadLines.Line::line).containsExactly(4L, 6L, 7L, 9L);
        assertThat(bad.first()).extracting(BadLines.Line::message).containsExactly(
                f + ":4: expected 8 fields, found 9",
                f + ":6: field 'Quantity': expected 8 fields, found 3",
                f + ":7: field 'Quantity': expected a whole number, found \"six\"",
                f + ":9: field 'InvoiceDate': expected a date like 12/1/2010 8:26 or 2010-12-01 08:26:00, found \"yesterday\"");
        // the skipped lines' strings were never encoded
        assertThat(t.invoices().size()).isEqualTo(1);
        assertThat(t.stockCodes().size()).isEqualTo(1);
    }

    @Test
    void skipPolicyOnAGoodFileSkipsNothing() throws IOException {
        Transactions t = TransactionReader.read(write("d.csv", HEADER + GOOD + GOOD), SKIP);
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.badLines()).isEqualTo(BadLines.NONE);
        assertThat(t.badLines().any()).isFalse();
    }

    @Test
    void aBadPriceAndAnEmptyInvoiceAreSkippedToo() throws IOException {
        Path f = write("d.csv", HEADER + GOOD.replace("2.55", "abc") + GOOD.replace("536365", "") + GOOD
                + GOOD.replace("17850", "17850.5"));
        Transactions t = TransactionReader.read(f, SKIP);
        assertThat(t.size()).isEqualTo(1);
        assertThat(t.badLines().byReason()).containsExactly(Map.entry(Reason.MISSING, 1L), Map.entry(Reason.NUMBER, 2L));
        assertThat(t.badLines().first().get(0).message())
                .isEqualTo(f + ":2: field 'UnitPrice': expected a number, found \"abc\"");
    }

    @Test
    void aDateOutsideTheWindowIsADateReason() throws IOException {
        Path f = write("d.csv", HEADER + GOOD + GOOD.replace("12/1/2010", "12/1/2110"));
        Transactions t = TransactionReader.read(f, SKIP);
        assertThat(t.size()).isEqualTo(1);
        assertThat(t.badLines().byReason()).containsExactly(Map.entry(Reason.DATE, 1L));
        assertThat(t.badLines().first().get(0).message())
                .startsWith(f + ":3: field 'InvoiceDate': expected a date from 1932-01-01 to 2067-12-31");
        assertThat(error(f, IngestOptions.defaults()).getMessage())
                .startsWith(f + ":3: field 'InvoiceDate': expected a date from 1932-01-01 to 2067-12-31");
    }

    @Test
    void manyBadLinesAreAllCountedAndTheFirstTwentyKeptInLineOrder() throws IOException {
        StringBuilder sb = new StringBuilder(HEADER);
        List<Long> badLineNumbers = new ArrayList<>();
        long line = 2;
        for (int i = 0; i < 25; i++) {
            for (int g = 0; g < 300; g++) { // spread over several batches and both threads
                sb.append(GOOD);
                line++;
            }
            sb.append(i % 2 == 0 ? "536366,22633,X,6,12/1/2010 8:28,1.85,17850,UK,extra\n"
                    : "536366,22633,X,n/a,12/1/2010 8:28,1.85,17850,UK\n");
            badLineNumbers.add(line++);
        }
        Transactions t = TransactionReader.read(write("many.csv", sb.toString()), SKIP);
        assertThat(t.size()).isEqualTo(25 * 300);
        BadLines bad = t.badLines();
        assertThat(bad.skipped()).isEqualTo(25);
        assertThat(bad.byReason()).containsExactly(Map.entry(Reason.FIELD_COUNT, 13L), Map.entry(Reason.NUMBER, 12L));
        assertThat(bad.first()).hasSize(BadLines.FIRST);
        assertThat(bad.first()).extracting(BadLines.Line::line).containsExactlyElementsOf(badLineNumbers.subList(0, 20));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void sameResultWithAndWithoutTheDecodingThread(boolean parallel) throws IOException {
        Path f = write("d.csv", mixed());
        try (var in = Files.newInputStream(f)) {
            Transactions t = CsvTransactionReader.read(f.toString(), in, SKIP,
                    InvoiceDateParser.of(java.util.Optional.empty()), (lines, storedShare) -> { }, parallel);
            assertThat(t.size()).isEqualTo(5);
            assertThat(t.badLines().first()).extracting(BadLines.Line::line).containsExactly(4L, 6L, 7L, 9L);
        }
    }

    @Test
    void gzipFilesGetTheSamePolicy() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(mixed().getBytes(StandardCharsets.UTF_8));
        }
        Path f = dir.resolve("d.csv.gz");
        Files.write(f, bytes.toByteArray());
        assertThat(error(f, IngestOptions.defaults())).hasMessage(f + ":4: expected 8 fields, found 9");
        Transactions t = TransactionReader.read(f, SKIP);
        assertThat(t.size()).isEqualTo(5);
        assertThat(t.badLines().skipped()).isEqualTo(4);
    }

    @Test
    void xlsxRowsGetTheSamePolicy() throws IOException {
        Path f = dir.resolve("d.xlsx");
        try (OutputStream out = Files.newOutputStream(f)) {
            Workbook wb = new Workbook(out, "test", "1.0");
            Worksheet ws = wb.newWorksheet("Sheet1");
            String[] header = HEADER.trim().split(",");
            for (int c = 0; c < header.length; c++) {
                ws.value(0, c, header[c]);
            }
            Object[][] rows = {
                {"536365", "85123A", "HOLDER", 6, "12/1/2010 8:26", 2.55, 17850, "United Kingdom"},
                {"536366", "22633", "WARMER", "six", "12/1/2010 8:28", 1.85, 17850, "United Kingdom"},
                {"536367", "84879", "BIRD", 3, "not a date", 1.69, 13047, "United Kingdom"},
                {"536368", "22960", "JAM", 2, "12/1/2010 8:34", 4.25, 13047, "United Kingdom"},
            };
            for (int r = 0; r < rows.length; r++) {
                for (int c = 0; c < rows[r].length; c++) {
                    Object v = rows[r][c];
                    if (v instanceof Number n) {
                        ws.value(r + 1, c, n);
                    } else {
                        ws.value(r + 1, c, (String) v);
                    }
                }
            }
            wb.finish();
        }
        assertThat(error(f, IngestOptions.defaults()))
                .hasMessage(f + ":3: field 'Quantity': expected a whole number, found \"six\"");
        Transactions t = TransactionReader.read(f, SKIP);
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.badLines().byReason()).containsExactly(Map.entry(Reason.NUMBER, 1L), Map.entry(Reason.DATE, 1L));
        assertThat(t.badLines().first()).extracting(BadLines.Line::line).containsExactly(3L, 4L);
    }

    @Test
    void fieldsGivenOneByOneGetTheSamePolicy() {
        String[] good = {"536365", "85123A", "HOLDER", "6", "12/1/2010 8:26", "2.55", "17850", "United Kingdom"};
        String[] absentDate = {"536365", "85123A", "HOLDER", "6", null, "2.55", "17850", "United Kingdom"};
        String[] badPrice = {"536365", "85123A", "HOLDER", "6", "12/1/2010 8:26", "x", "17850", "United Kingdom"};
        List<String[]> lines = List.of(good, badPrice, absentDate, good);
        Throwable t = catchThrowable(() -> TransactionReader.readFields("body", lines, IngestOptions.defaults()));
        assertThat(t).hasMessage("body:2: field 'UnitPrice': expected a number, found \"x\"");
        Transactions read = TransactionReader.readFields("body", lines, SKIP);
        assertThat(read.size()).isEqualTo(2);
        assertThat(read.badLines().byReason()).containsExactly(Map.entry(Reason.MISSING, 1L), Map.entry(Reason.NUMBER, 1L));
        assertThat(read.badLines().first()).extracting(BadLines.Line::message).containsExactly(
                "body:2: field 'UnitPrice': expected a number, found \"x\"",
                "body:3: field 'InvoiceDate': expected a value, found none");
    }

    @Test
    void theCounterKeepsTwentyMessagesWhateverTheCount() {
        BadLines.Counter c = new BadLines.Counter();
        for (long line = 1; line <= 1_000_000; line++) {
            c.skip(line, Reason.NUMBER, c.wantsMessage() ? "m" + line : null);
        }
        BadLines b = c.result();
        assertThat(b.skipped()).isEqualTo(1_000_000);
        assertThat(b.first()).hasSize(20);
        assertThat(b.first().get(19).line()).isEqualTo(20);
    }
}
