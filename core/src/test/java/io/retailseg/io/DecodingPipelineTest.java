package io.retailseg.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.retailseg.InputException;
import io.retailseg.domain.Transactions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoding CSV on a second thread ({@link DecodingPipeline}) changes neither the lines nor which error is reported. */
class DecodingPipelineTest {
    private static final String HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

    @TempDir
    Path dir;

    private Path file(int lines, int badQuantityLine, int badCsvLine) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER);
        for (int i = 2; i < lines + 2; i++) {
            String stock = i == badCsvLine ? "\"85123A\"x" : "85123A";
            String quantity = i == badQuantityLine ? "six" : Integer.toString(i % 7 + 1);
            sb.append(5000 + i / 10).append(',').append(stock).append(",ITEM ").append(i % 13).append(',')
                    .append(quantity).append(",12/1/2010 8:26,2.55,").append(12346 + i % 50).append(",France\n");
        }
        Path f = dir.resolve("p.csv");
        Files.writeString(f, sb, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void sameLinesWithAndWithoutTheSecondThread() throws IOException {
        Path f = file(20_000, -1, -1);
        Transactions piped = read(f, true);
        Transactions inline = read(f, false);
        assertThat(piped.size()).isEqualTo(20_000).isEqualTo(inline.size());
        for (int r = 0; r < piped.size(); r++) {
            assertThat(piped.quantity(r)).isEqualTo(inline.quantity(r));
            assertThat(piped.invoiceText(r)).isEqualTo(inline.invoiceText(r));
            assertThat(piped.customerId(r)).isEqualTo(inline.customerId(r));
        }
    }

    @Test
    void aBadFieldBeforeACsvErrorIsTheErrorReported() throws IOException {
        Path f = file(10_000, 9_000, 9_500);
        assertThatThrownBy(() -> TransactionReader.read(f)).isInstanceOf(InputException.class)
                .hasMessage(f + ":9000: field 'Quantity': expected a whole number, found \"six\"");
    }

    @Test
    void aCsvErrorBeforeABadFieldIsTheErrorReported() throws IOException {
        Path f = file(10_000, 9_500, 9_000);
        assertThatThrownBy(() -> TransactionReader.read(f)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(f + ":9000: not valid CSV");
    }

    private static Transactions read(Path f, boolean parallel) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(f)) {
            return CsvTransactionReader.read(f.toString(), in, IngestOptions.defaults(),
                    InvoiceDateParser.of(java.util.Optional.empty()), (lines, storedShare) -> { }, parallel);
        }
    }

    /**
     * Batches are filled again once decoded: every line comes back as written, whatever the lengths of the
     * lines before it in the batch's earlier use (long descriptions first, short ones after), with blank
     * lines and short lines (skipped) among them.
     */
    @Test
    void reusedBatchesGiveBackEveryLineAsWritten() throws IOException {
        StringBuilder sb = new StringBuilder(HEADER);
        java.util.List<String> descriptions = new java.util.ArrayList<>();
        java.util.List<Long> customers = new java.util.ArrayList<>();
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 60_000; i++) {
            int length = i < 20_000 ? 100 + random.nextInt(150) : 1 + random.nextInt(20);
            String description = "D" + "x".repeat(length - 1) + i;
            long customer = random.nextInt(10) == 0 ? Transactions.MISSING_CUSTOMER : 12_000 + random.nextInt(500);
            if (random.nextInt(500) == 0) {
                sb.append(",,,,,,,\n"); // blank: dropped
            }
            if (random.nextInt(500) == 0) {
                sb.append("536365,85123A,SHORT\n"); // three fields: skipped
            }
            sb.append(536_365 + i / 20).append(",85123A,").append(description).append(",2,12/1/2010 8:26,2.55,")
                    .append(customer == Transactions.MISSING_CUSTOMER ? "" : Long.toString(customer))
                    .append(",United Kingdom\n");
            descriptions.add(description);
            customers.add(customer);
        }
        Path f = dir.resolve("varied.csv");
        Files.writeString(f, sb, StandardCharsets.UTF_8);
        for (boolean parallel : new boolean[] {true, false}) {
            Transactions t;
            try (java.io.InputStream in = Files.newInputStream(f)) {
                t = CsvTransactionReader.read(f.toString(), in,
                        IngestOptions.defaults().withOnBadLines(BadLinePolicy.SKIP),
                        InvoiceDateParser.of(java.util.Optional.empty()), (lines, storedShare) -> { }, parallel);
            }
            assertThat(t.size()).isEqualTo(60_000);
            for (int r = 0; r < t.size(); r++) {
                if (!t.descriptionText(r).equals(descriptions.get(r)) || t.customerId(r) != customers.get(r)) {
                    assertThat(t.descriptionText(r) + " " + t.customerId(r)).as("line %d, parallel %s", r, parallel)
                            .isEqualTo(descriptions.get(r) + " " + customers.get(r));
                }
            }
        }
    }
}
