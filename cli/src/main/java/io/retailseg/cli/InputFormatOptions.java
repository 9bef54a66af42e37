package io.retailseg.cli;

import io.retailseg.io.BadLinePolicy;
import io.retailseg.io.IngestOptions;
import java.util.Locale;
import picocli.CommandLine.Option;

/** How to read a transactions file of another layout, and what to do with bad lines: shared by {@code run}, {@code evaluate} and {@code score}. */
final class InputFormatOptions {
    @Option(names = "--columns", paramLabel = "COLUMN=HEADER,...",
            description = "Header names for other layouts, e.g. InvoiceNo=Invoice,UnitPrice=Price,CustomerID='Customer ID'.")
    String columns;

    @Option(names = "--encoding", paramLabel = "CHARSET",
            description = "Text encoding of a CSV input (default: UTF-8 when valid, else ISO-8859-1).")
    String encoding;

    @Option(names = "--date-format", paramLabel = "PATTERN",
            description = "InvoiceDate pattern, e.g. 'dd.MM.yyyy HH:mm' (default: M/d/yyyy H:mm or ISO yyyy-MM-dd HH:mm:ss).")
    String dateFormat;

    @Option(names = "--on-bad-lines", paramLabel = "error|skip", defaultValue = "error",
            description = "A line that cannot be parsed (wrong field count, a number or date that is not one):"
                    + " 'error' stops with its file and line (default), 'skip' drops it, counts it per reason in"
                    + " summary.json and says how many were skipped.")
    String onBadLines;

    IngestOptions ingestOptions() {
        return RunCommand.ingestOptions(columns, encoding, dateFormat).withOnBadLines(policy(onBadLines));
    }

    static BadLinePolicy policy(String text) {
        if (text == null) {
            return BadLinePolicy.ERROR;
        }
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "error":
                return BadLinePolicy.ERROR;
            case "skip":
                return BadLinePolicy.SKIP;
            default:
                throw new UsageException("--on-bad-lines: expected error or skip, found \"" + text + "\"");
        }
    }
}
