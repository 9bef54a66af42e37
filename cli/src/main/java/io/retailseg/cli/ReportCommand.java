package io.retailseg.cli;

import io.retailseg.InputException;
import io.retailseg.report.Report;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code retailseg report}: rebuilds the HTML report of a finished run from its files. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Rebuild report.html, the self-contained HTML report with every chart, from the files of a"
                + " finished run (the folder given to 'retailseg run --out' or 'retailseg evaluate --out').")
final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "The run's output folder.")
    Path run;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the report (default: DIR/report.html).")
    Path out;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() {
        if (!Files.isDirectory(run)) {
            throw new InputException(run.toString(), Files.exists(run)
                    ? "not a folder: expected the output folder of 'retailseg run'"
                    : "folder not found: expected the output folder of 'retailseg run'");
        }
        Path target = out != null ? out : run.resolve(Report.FILE);
        if (Files.isDirectory(target)) {
            throw new UsageException("--out " + target + " is a folder; expected a file name such as report.html");
        }
        long start = System.nanoTime();
        Report.write(run, target);
        long millis = (System.nanoTime() - start) / 1_000_000;
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "Wrote %s (%.1f MB) in %.1f s.%n", target.toAbsolutePath(),
                sizeMegabytes(target), millis / 1000.0);
        w.flush();
        return Main.OK;
    }

    private static double sizeMegabytes(Path file) {
        try {
            return Files.size(file) / 1e6;
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
