package io.retailseg.pipeline;

import io.retailseg.domain.Transactions;
import io.retailseg.io.IngestOptions;
import io.retailseg.io.TransactionReader;
import java.nio.file.Path;

/** Where transaction lines come from: a file, or lines already in memory. */
public interface TransactionSource {
    /** A name for messages and the summary (the file path). */
    String name();

    /** Reads the lines; bad input raises {@link io.retailseg.InputException}. */
    Transactions load();

    /** Reads the lines, telling {@code progress} how far the read got (stage {@code ingest}). */
    default Transactions load(ProgressListener progress) {
        return load();
    }

    /** A CSV (plain or gzip) or XLSX file. */
    static TransactionSource file(Path file, IngestOptions options) {
        return new TransactionSource() {
            @Override
            public String name() {
                return file.toString();
            }

            @Override
            public Transactions load() {
                return TransactionReader.read(file, options);
            }

            @Override
            public Transactions load(ProgressListener progress) {
                return TransactionReader.read(file, options, (lines, bytes, total) ->
                        progress.stageProgress("ingest", Math.min(1.0, (double) bytes / total), lines, "lines"));
            }
        };
    }

    /** Lines already in memory. */
    static TransactionSource of(String name, Transactions lines) {
        return new TransactionSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Transactions load() {
                return lines;
            }
        };
    }
}
