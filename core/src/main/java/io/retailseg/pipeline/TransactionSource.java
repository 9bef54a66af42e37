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
