package io.retailseg.cli;

import io.retailseg.io.IngestOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The transactions file and how to read another layout: shared by the commands that read transactions. */
final class InputOptions {
    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "Transactions: CSV (plain or .gz) or XLSX in the Online Retail layout.")
    Path input;

    @Option(names = "--columns", paramLabel = "COLUMN=HEADER,...",
            description = "Header names for other layouts, e.g. InvoiceNo=Invoice,UnitPrice=Price,CustomerID='Customer ID'.")
    String columns;

    @Option(names = "--encoding", paramLabel = "CHARSET",
            description = "Text encoding of a CSV input (default: UTF-8 when valid, else ISO-8859-1).")
    String encoding;

    @Option(names = "--date-format", paramLabel = "PATTERN",
            description = "InvoiceDate pattern, e.g. 'dd.MM.yyyy HH:mm' (default: M/d/yyyy H:mm or ISO yyyy-MM-dd HH:mm:ss).")
    String dateFormat;

    IngestOptions ingest() {
        return RunCommand.ingestOptions(columns, encoding, dateFormat);
    }
}
