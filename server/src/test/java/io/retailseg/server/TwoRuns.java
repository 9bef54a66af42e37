package io.retailseg.server;

import io.retailseg.config.RunConfig;
import io.retailseg.domain.Transactions;
import io.retailseg.generate.SyntheticRetailGenerator;
import io.retailseg.io.TransactionReader;
import io.retailseg.pipeline.RetailSeg;
import io.retailseg.pipeline.RunResult;
import io.retailseg.pipeline.TransactionSource;
import io.retailseg.publish.RunWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Two different runs on one generated data set (k = 3 and k = 4, different seeds), written to run
 * folders as {@code retailseg run} writes them; built once per test JVM.
 */
final class TwoRuns {
    static final TwoRuns INSTANCE = new TwoRuns();

    final Path root;
    final Path lines;
    final Transactions raw;
    final RunResult a;
    final RunResult b;
    final Path folderA;
    final Path folderB;

    private TwoRuns() {
        try {
            root = Files.createTempDirectory("retailseg-server-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lines = root.resolve("lines.csv");
        SyntheticRetailGenerator.write(20_000, 5, lines);
        raw = TransactionReader.read(lines);
        a = RetailSeg.run(RunConfig.builder().k(3).seed(1).build(), TransactionSource.of(lines.toString(), raw));
        b = RetailSeg.run(RunConfig.builder().k(4).seed(2).build(), TransactionSource.of(lines.toString(), raw));
        folderA = root.resolve("run-a");
        folderB = root.resolve("run-b");
        RunWriter.write(a, folderA);
        RunWriter.write(b, folderB);
        Runtime.getRuntime().addShutdownHook(new Thread(TwoRuns::deleteRoot));
    }

    private static void deleteRoot() {
        try (var paths = Files.walk(INSTANCE.root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary folder left behind is harmless
        }
    }

    /** The CSV text of the raw lines of the given customers (header first). */
    String csvOf(long... customers) {
        StringBuilder sb = new StringBuilder(HEADER);
        for (int r = 0; r < raw.size(); r++) {
            for (long c : customers) {
                if (raw.customerId(r) == c) {
                    appendLine(sb, r, c);
                }
            }
        }
        return sb.toString();
    }

    /** The CSV text of one customer's raw lines (header first) under another CustomerID, {@code as}. */
    String csvOfAs(long customer, long as) {
        StringBuilder sb = new StringBuilder(HEADER);
        for (int r = 0; r < raw.size(); r++) {
            if (raw.customerId(r) == customer) {
                appendLine(sb, r, as);
            }
        }
        return sb.toString();
    }

    private static final String HEADER =
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

    private void appendLine(StringBuilder sb, int r, long customer) {
        sb.append(raw.invoiceText(r)).append(',').append(quote(raw.stockCodeText(r))).append(',')
                .append(raw.description(r) == Transactions.MISSING_DESCRIPTION ? "" : quote(raw.descriptionText(r)))
                .append(',').append(raw.quantity(r)).append(',').append(raw.invoiceDate(r).format(SECONDS))
                .append(',').append(raw.unitPrice(r)).append(',').append(customer).append(',')
                .append(quote(raw.countryText(r))).append('\n');
    }

    private static final java.time.format.DateTimeFormatter SECONDS =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
