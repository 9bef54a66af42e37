package io.retailseg.cli;

import io.retailseg.generate.GenerationStats;
import io.retailseg.generate.SyntheticRetailGenerator;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code retailseg generate}: a synthetic Online-Retail-like CSV. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a synthetic Online-Retail-like transactions CSV (gzip when FILE ends with .gz).")
final class GenerateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--rows", required = true, description = "Number of transaction lines.")
    long rows;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "CSV file to write.")
    Path out;

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
        GenerationStats s = SyntheticRetailGenerator.write(rows, seed,
                new SyntheticRetailGenerator.Shape(products, customers), out);
        double seconds = (System.nanoTime() - start) / 1e9;
        spec.commandLine().getOut().printf(Locale.ROOT,
                "Wrote %,d lines (%,d invoices, %,d customers, %.1f%% without customer, %,d cancellation lines)"
                        + " to %s in %.1f s (%.0f MB/s).%n",
                s.rows(), s.invoices(), s.customers(), 100.0 * s.linesWithoutCustomer() / Math.max(1, s.rows()),
                s.cancelledLines(), out.toAbsolutePath(), seconds, s.bytes() / 1e6 / Math.max(seconds, 1e-9));
        return Main.OK;
    }
}
