package io.retailseg.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.retailseg.InputException;
import io.retailseg.domain.Transactions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.function.Consumer;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XLSX in the layout of UCI {@code Online Retail.xlsx}, written with the fastexcel writer. */
class XlsxTransactionReaderTest {
    private static final String[] HEADER =
        {"InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"};
    private static final String DATE_STYLE = "m/d/yyyy h:mm";

    @TempDir
    Path dir;

    private Path workbook(String name, Consumer<Worksheet> rows) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook wb = new Workbook(out, "retailseg-test", "1.0");
            Worksheet ws = wb.newWorksheet("Online Retail");
            rows.accept(ws);
            Worksheet other = wb.newWorksheet("Ignored");
            other.value(0, 0, "not read");
            wb.finish();
        }
        return file;
    }

    private static void header(Worksheet ws) {
        for (int c = 0; c < HEADER.length; c++) {
            ws.value(0, c, HEADER[c]);
        }
    }

    private static void dateCell(Worksheet ws, int row, LocalDateTime t) {
        ws.value(row, 4, t);
        ws.style(row, 4).format(DATE_STYLE).set();
    }

    /** Three lines as Online Retail.xlsx holds them: numbers as numeric cells, dates as date cells. */
    private static void sample(Worksheet ws) {
        header(ws);
        ws.value(1, 0, 536365);
        ws.value(1, 1, "85123A");
        ws.value(1, 2, "WHITE HANGING HEART T-LIGHT HOLDER");
        ws.value(1, 3, 6);
        dateCell(ws, 1, LocalDateTime.of(2010, 12, 1, 8, 26));
        ws.value(1, 5, 2.55);
        ws.value(1, 6, 17850.0);
        ws.value(1, 7, "United Kingdom");

        ws.value(2, 0, "C536379");
        ws.value(2, 1, 21730); // numeric stock code
        ws.value(2, 2, "GLASS STAR FROSTED T-LIGHT HOLDER £");
        ws.value(2, 3, -1);
        ws.value(2, 4, "12/1/2010 9:41"); // a text date
        ws.value(2, 5, 4.25);
        ws.value(2, 6, 14527);
        ws.value(2, 7, "United Kingdom");

        // row 4 left empty: skipped
        ws.value(4, 0, 536414);
        ws.value(4, 1, 22139);
        // no Description cell: missing
        ws.value(4, 3, 56);
        dateCell(ws, 4, LocalDateTime.of(2011, 12, 9, 12, 50, 42));
        ws.value(4, 5, 0);
        // no CustomerID cell: missing
        ws.value(4, 7, "France");
    }

    @Test
    void readsOnlineRetailXlsxLayout() throws IOException {
        Transactions t = TransactionReader.read(workbook("Online Retail.xlsx", XlsxTransactionReaderTest::sample));
        assertThat(t.size()).isEqualTo(3);
        UciFirstLine.assertAt(t, 0);

        assertThat(t.invoiceText(1)).isEqualTo("C536379");
        assertThat(t.stockCodeText(1)).isEqualTo("21730");
        assertThat(t.descriptionText(1)).isEqualTo("GLASS STAR FROSTED T-LIGHT HOLDER £");
        assertThat(t.quantity(1)).isEqualTo(-1);
        assertThat(t.invoiceDate(1)).isEqualTo(LocalDateTime.of(2010, 12, 1, 9, 41));
        assertThat(t.unitPrice(1)).isEqualTo(4.25);
        assertThat(t.customerId(1)).isEqualTo(14527L);

        assertThat(t.invoiceText(2)).isEqualTo("536414");
        assertThat(t.descriptionText(2)).isNull();
        assertThat(t.invoiceDate(2)).isEqualTo(LocalDateTime.of(2011, 12, 9, 12, 50, 42));
        assertThat(t.unitPrice(2)).isEqualTo(0.0);
        assertThat(t.customerId(2)).isEqualTo(Transactions.MISSING_CUSTOMER);
        assertThat(t.countryText(2)).isEqualTo("France");
    }

    @Test
    void detectsXlsxByContentWhateverTheName() throws IOException {
        Path xlsx = workbook("export.dat", XlsxTransactionReaderTest::sample);
        assertThat(TransactionReader.read(xlsx).size()).isEqualTo(3);
    }

    @Test
    void errorsNameTheSpreadsheetRow() throws IOException {
        Path file = workbook("bad.xlsx", ws -> {
            sample(ws);
            ws.value(5, 0, 536415);
            ws.value(5, 1, 22140);
            ws.value(5, 3, "lots");
            dateCell(ws, 5, LocalDateTime.of(2011, 12, 9, 12, 50));
            ws.value(5, 5, 1.0);
            ws.value(5, 7, "France");
        });
        assertThat(error(file)).hasMessage(file + ":6: field 'Quantity': expected a whole number, found \"lots\"");
    }

    @Test
    void fractionalCustomerIdCellIsAnError() throws IOException {
        Path file = workbook("cust.xlsx", ws -> {
            sample(ws);
            ws.value(1, 6, 17850.5);
        });
        assertThat(error(file)).hasMessage(
                file + ":2: field 'CustomerID': expected a whole-number customer id, found \"17850.5\"");
    }

    @Test
    void missingColumn() throws IOException {
        Path file = workbook("cols.xlsx", ws -> {
            for (int c = 0; c < 5; c++) {
                ws.value(0, c, HEADER[c]);
            }
        });
        assertThat(error(file)).hasMessage(file + ":1: missing column 'UnitPrice' (or 'Price'); the header has: "
                + "InvoiceNo, StockCode, Description, Quantity, InvoiceDate");
    }

    @Test
    void emptySheet() throws IOException {
        Path file = workbook("empty.xlsx", ws -> { });
        assertThat(error(file).getMessage())
                .startsWith(file + ": the first sheet of empty.xlsx is empty: expected a header row with the columns");
    }

    @Test
    void headerOnlyGivesNoLines() throws IOException {
        assertThat(TransactionReader.read(workbook("h.xlsx", XlsxTransactionReaderTest::header)).size()).isZero();
    }

    @Test
    void notAWorkbookDespiteTheName() throws IOException {
        Path file = dir.resolve("fake.xlsx");
        Files.writeString(file, "this is not a zip", StandardCharsets.UTF_8);
        assertThat(error(file).getMessage()).isEqualTo(file + ": named .xlsx but not an XLSX workbook (a workbook is"
                + " a zip archive): expected CSV (plain or gzip) or XLSX");
    }

    @Test
    void aZipThatIsNotAWorkbookIsSaidToBeOne() throws IOException {
        Path file = dir.resolve("data.zip");
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("data.csv"));
            zip.write("InvoiceNo\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(error(file).getMessage())
                .isEqualTo(file + ": a zip archive, not an XLSX workbook: expected CSV (plain or gzip) or XLSX");
    }

    @Test
    void numberText() {
        assertThat(XlsxTransactionReader.numberText("536365")).isEqualTo("536365");
        assertThat(XlsxTransactionReader.numberText("17850.0")).isEqualTo("17850");
        assertThat(XlsxTransactionReader.numberText("1.5E3")).isEqualTo("1500");
        assertThat(XlsxTransactionReader.numberText("2.5499999999999998")).isEqualTo("2.5499999999999998");
    }

    private static InputException error(Path file) {
        Throwable thrown = catchThrowable(() -> TransactionReader.read(file));
        assertThat(thrown).isInstanceOf(InputException.class);
        return (InputException) thrown;
    }
}
