package io.retailseg.cli;

import io.retailseg.io.IngestOptions;
import picocli.CommandLine.Option;

/** How to read a transactions file of another layout: shared by {@code run} and {@code score}. */
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

    IngestOptions ingestOptions() {
        return RunCommand.ingestOptions(columns, encoding, dateFormat);
    }
}
