package io.retailseg.cli;

import io.retailseg.generate.SyntheticRetailGenerator;
import io.retailseg.io.IngestOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code retailseg demo}: generate a small data set and run the whole pipeline on it. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate a small synthetic data set in a temporary folder and run the whole pipeline on it.")
final class DemoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--rows", defaultValue = "100000", description = "Lines to generate (default: ${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--dir", paramLabel = "DIR", description = "Folder for the data and results (default: a new temporary folder).")
    Path dir;

    @Mixin
    RunOptions options;

    @Mixin
    ReportOption report;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path folder = dir != null ? dir : temporaryFolder();
        Path data = folder.resolve("transactions.csv");
        Path results = folder.resolve("results");
        out.printf("Generating %,d synthetic transaction lines into %s%n", rows, data.toAbsolutePath());
        out.flush();
        SyntheticRetailGenerator.write(rows, options.seed, data);
        Pipeline.runAndWrite(data, IngestOptions.defaults(), options.config(), results, out,
                spec.commandLine().getErr(), options.quiet, !report.noReport, report.parquet);
        out.printf("%nLook at %s: summary.json (what happened and why), customers.csv (features, outlier flag,"
                + " segment), top_products.csv, recommendations.csv, model.json%s.%n", results.toAbsolutePath(),
                report.noReport ? "" : ", and report.html (every chart; open it in a browser)");
        out.printf("Run it on your own data with: ./retailseg run --input YOUR.csv --out DIR%n");
        out.flush();
        return Main.OK;
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("retailseg-demo-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder: " + e.getMessage(), e);
        }
    }
}
