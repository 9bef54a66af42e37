package io.retailseg.report;

import io.retailseg.publish.OutputFolder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The HTML report of a run: one self-contained file ({@value #FILE}) drawn from the run's files.
 *
 * <pre>{@code
 * RunWriter.files(result, out).add(Report.FILE, Report.fromRunFiles()).commit(); // with the run
 * Report.write(Path.of("results"), Path.of("results/report.html"));               // later, from the files
 * }</pre>
 */
public final class Report {
    /** The report's file name in a run folder. */
    public static final String FILE = "report.html";

    private Report() {
    }

    /** The page for {@code data}, as UTF-8 bytes. */
    public static byte[] html(ReportData data) {
        return ReportBuilder.html(data).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The report as a file of an {@link OutputFolder} commit, built from the run files added before it,
     * so that the report is written (and appears) together with them.
     */
    public static OutputFolder.DerivedContent fromRunFiles() {
        return (file, earlier) -> Files.write(file, html(RunFiles.read(earlier)));
    }

    /**
     * Reads the finished run in {@code runFolder} and writes its report to {@code out}, atomically.
     *
     * @throws io.retailseg.InputException when a run file is missing or malformed
     */
    public static void write(Path runFolder, Path out) {
        byte[] html = html(RunFiles.read(runFolder));
        io.retailseg.publish.AtomicFile.write(out, html);
    }
}
