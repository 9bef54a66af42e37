package io.retailseg.cli;

import io.retailseg.io.IngestOptions;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The transactions file and how to read another layout: shared by the commands that fit on transactions. */
final class InputOptions {
    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "Transactions: CSV (plain or .gz) or XLSX in the Online Retail layout.")
    Path input;

    @Mixin
    InputFormatOptions format;

    IngestOptions ingest() {
        return format.ingestOptions();
    }
}
