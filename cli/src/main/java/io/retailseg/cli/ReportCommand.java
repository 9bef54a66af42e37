package io.retailseg.cli;

import io.retailseg.publish.OutputFolder;
import io.retailseg.runfolder.RunFolderReader;
import io.retailseg.runfolder.RunJson;
import java.io.IOException;
import java.io.OutputStream;
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

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the report (default: DIR/report.html,"
            + " written by committing the run again, with the new report, as a new run id, so its run.json stays"
            + " true; any other file is written on its own).")
    Path out;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() {
        RunFolderReader.Run verified = RunFolderReader.open(run);
        Path target = out != null ? out : run.resolve(Report.FILE);
        if (Files.isDirectory(target)) {
            throw new UsageException("--out " + target + " is a folder; expected a file name such as report.html");
        }
        long start = System.nanoTime();
        if (insideRun(target, verified)) {
            recommit(verified);
        } else {
            Report.write(run, target);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "Wrote %s (%.1f MB) in %.1f s.%n", target.toAbsolutePath(),
                sizeMegabytes(target), millis / 1000.0);
        w.flush();
        return Main.OK;
    }

    /** Whether {@code file} would land in the run's folder (through the link or the real path). */
    private boolean insideRun(Path file, RunFolderReader.Run verified) throws java.io.UncheckedIOException {
        Path parent = file.toAbsolutePath().normalize().getParent();
        if (parent.equals(run.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.exists(parent) && parent.toRealPath().equals(verified.folder());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A report inside the run folder is part of the run: the run's files (as verified) and the new report are
     * committed together as a new run, so run.json lists the report and a reader never sees a half-written one.
     */
    private void recommit(RunFolderReader.Run verified) {
        if (!Files.isSymbolicLink(run)) {
            throw new UsageException("--run " + run + " is a run's own folder, not the --out link of 'retailseg"
                    + " run'; give that link as --run, or --out FILE to write the report elsewhere");
        }
        OutputFolder files = new OutputFolder(run);
        for (String name : verified.names()) {
            if (!name.equals(Report.FILE)) {
                Path source = verified.file(name);
                if (name.endsWith(".json")) {
                    // the files become the new run's: the JSON ones that name their run name the new one
                    files.add(name, f -> Files.write(f, RunJson.withRunId(Files.readAllBytes(source), source.toString(),
                            files.runId())));
                } else {
                    files.add(name, f -> {
                        try (OutputStream o = Files.newOutputStream(f)) {
                            Files.copy(source, o);
                        }
                    });
                }
            }
        }
        files.add(Report.FILE, Report.fromRunFiles()).commit();
    }

    private static double sizeMegabytes(Path file) {
        try {
            return Files.size(file) / 1e6;
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
