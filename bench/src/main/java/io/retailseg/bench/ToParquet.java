package io.retailseg.bench;

import io.retailseg.domain.Transactions;
import io.retailseg.io.TransactionReader;
import io.retailseg.parquet.ParquetFiles;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes any input retailseg reads (e.g. the real CSV) as Parquet lines, for {@code bench/parquet.sh}:
 * the lines as the CSV reader reads them, so a run of either file sees the same lines.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.retailseg.bench.ToParquet IN OUT.parquet</pre>
 */
public final class ToParquet {
    private ToParquet() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ToParquet INPUT OUT.parquet");
            System.exit(2);
        }
        Transactions lines = TransactionReader.read(Path.of(args[0]));
        Path out = Path.of(args[1]);
        Files.deleteIfExists(out);
        ParquetFiles.writeLines(lines, out);
        System.out.printf("wrote %,d lines to %s (%,d bytes)%n", lines.size(), out, Files.size(out));
    }
}
