package io.retailseg.report;

import io.retailseg.InputException;
import io.retailseg.explore.DataProfile;
import io.retailseg.recommend.Recommendation;
import io.retailseg.recommend.TopProduct;
import io.retailseg.runfolder.DataProfileFile;
import io.retailseg.runfolder.EvaluationReport;
import io.retailseg.runfolder.RunCsv;
import io.retailseg.runfolder.RunFolderLayout;
import io.retailseg.runfolder.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a finished run's files into {@link ReportData}, through the run folder's records
 * ({@link RunSummary}, {@link DataProfileFile}, {@link EvaluationReport}) and CSV codec ({@link RunCsv}):
 * the shapes the writers wrote. A missing or malformed file is an {@link InputException} naming the
 * file, the line or field, and what was expected.
 */
public final class RunFiles {
    private RunFiles() {
    }

    /** Reads the run in {@code folder}. */
    public static ReportData read(Path folder) {
        // the --out link resolved once and run.json checked: every file comes from one run, and the JSON
        // files that name their run must name this one
        io.retailseg.runfolder.RunFolderReader.Run run = io.retailseg.runfolder.RunFolderReader.open(folder);
        ReportData data = read(run::file);
        run.checkRunId(run.file(RunFolderLayout.SUMMARY), data.summary().runId());
        data.evaluation().ifPresent(e -> run.checkRunId(run.file(RunFolderLayout.EVALUATION), e.runId()));
        return data;
    }

    /**
     * Reads a run whose files are found by name through {@code file}, each file on its own (at the same time,
     * {@link Concurrently}); of several bad files, the first in this order is the one reported.
     */
    public static ReportData read(Function<String, Path> file) {
        Path evaluation = file.apply(RunFolderLayout.EVALUATION);
        List<Object> read = Concurrently.get(List.of(
                () -> RunSummary.read(file.apply(RunFolderLayout.SUMMARY), name(file, RunFolderLayout.SUMMARY)),
                () -> RunCsv.readCustomers(file.apply(RunFolderLayout.CUSTOMERS),
                        name(file, RunFolderLayout.CUSTOMERS)),
                () -> RunCsv.readTopProducts(file.apply(RunFolderLayout.TOP_PRODUCTS),
                        name(file, RunFolderLayout.TOP_PRODUCTS)),
                () -> RunCsv.readRecommendations(file.apply(RunFolderLayout.RECOMMENDATIONS),
                        name(file, RunFolderLayout.RECOMMENDATIONS)),
                () -> DataProfileFile.read(file.apply(RunFolderLayout.DATA_PROFILE),
                        name(file, RunFolderLayout.DATA_PROFILE)).profile(),
                () -> Files.exists(evaluation)
                        ? Optional.of(EvaluationReport.read(evaluation, name(file, RunFolderLayout.EVALUATION)))
                        : Optional.empty()));
        @SuppressWarnings("unchecked")
        ReportData data = new ReportData((RunSummary) read.get(0), (RunCsv.Customers) read.get(1),
                (List<TopProduct>) read.get(2), (List<Recommendation>) read.get(3),
                (DataProfile) read.get(4), (Optional<EvaluationReport>) read.get(5));
        return data;
    }

    /** The name to show for a file: a temporary of the run being written shows as its final name. */
    private static String name(Function<String, Path> file, String fileName) {
        Path p = file.apply(fileName);
        String n = p.getFileName().toString();
        if (n.startsWith(".") && n.endsWith(".tmp")) {
            return p.resolveSibling(n.substring(1, n.length() - ".tmp".length())).toString();
        }
        return p.toString();
    }
}
