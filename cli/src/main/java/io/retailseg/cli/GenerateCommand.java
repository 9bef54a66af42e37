package io.retailseg.cli;

import io.retailseg.generate.GenerationStats;
import io.retailseg.generate.SyntheticRetailGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code retailseg generate}: a synthetic Online-Retail-like CSV, or the same lines as Parquet. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a synthetic Online-Retail-like transactions CSV (gzip when FILE ends with .gz), or the"
                + " same lines as Parquet (--format parquet, or FILE ending with .parquet).")
final class GenerateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--rows", required = true, description = "Number of transaction lines.")
    long rows;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "File to write.")
    Path out;

    /** What {@code generate} writes. */
    enum Format { csv, parquet }

    @Option(names = "--format", paramLabel = "csv|parquet", description = "csv (the default; gzip when FILE ends"
            + " with .gz) or parquet (the same lines, Snappy-compressed; the default when FILE ends with .parquet).")
    Format format;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--products", paramLabel = "N", description = "Catalogue size: regular products,"
            + " 500..100000 (default: 4000, like the real file).")
    int products = 4_000;

    @Option(names = "--customers", paramLabel = "N", description = "Customer population (not all of them buy:"
            + " activity is heavy-tailed); default: grows with --rows, 6,800 x (rows / 541,909)^0.6, 50..250,000.")
    int customers;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() {
        if (rows < 1) {
            throw new UsageException("--rows must be at least 1, was " + rows);
        }
        if (products < 500 || products > 100_000) {
            throw new UsageException("--products must be 500..100000, was " + products);
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--customers") && customers < 1) {
            throw new UsageException("--customers must be at least 1, was " + customers);
        }
        long start = System.nanoTime();
        SyntheticRetailGenerator.Shape shape = new SyntheticRetailGenerator.Shape(products, customers);
        boolean parquet = format == Format.parquet
                || (format == null && out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet"));
        GenerationStats s = parquet ? generateParquet(shape) : SyntheticRetailGenerator.write(rows, seed, shape, out);
        double seconds = (System.nanoTime() - start) / 1e9;
        spec.commandLine().getOut().printf(Locale.ROOT,
                "Wrote %,d lines (%,d invoices, %,d customers, %.1f%% without customer, %,d cancellation lines)"
                        + " to %s in %.1f s (%.0f MB/s).%n",
                s.rows(), s.invoices(), s.customers(), 100.0 * s.linesWithoutCustomer() / Math.max(1, s.rows()),
                s.cancelledLines(), out.toAbsolutePath(), seconds, s.bytes() / 1e6 / Math.max(seconds, 1e-9));
        return Main.OK;
    }

    /**
     * The lines the CSV would hold, as Parquet: generated as CSV into a temporary file beside {@code out}, read
     * back (so the Parquet file holds exactly the lines a run of the CSV reads) and written as Parquet into a
     * second temporary file, renamed over {@code out}. The statistics are the CSV text's.
     */
    private GenerationStats generateParquet(SyntheticRetailGenerator.Shape shape) {
        Path target = out.toAbsolutePath();
        String stem = "." + target.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime();
        Path csv = target.resolveSibling(stem + ".csv.tmp");
        Path parquet = target.resolveSibling(stem + ".parquet.tmp");
        try {
            GenerationStats stats = SyntheticRetailGenerator.write(rows, seed, shape, csv);
            io.retailseg.domain.Transactions lines = io.retailseg.io.TransactionReader.read(csv);
            Files.delete(csv);
            io.retailseg.parquet.ParquetFiles.writeLines(lines, parquet);
            Files.move(parquet, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return stats;
        } catch (IOException e) {
            throw io.retailseg.OutputException.cannotWrite(target, e);
        } finally {
            try {
                Files.deleteIfExists(csv);
                Files.deleteIfExists(parquet);
            } catch (IOException ignored) {
                // the original failure is the one worth reporting
            }
        }
    }
}
