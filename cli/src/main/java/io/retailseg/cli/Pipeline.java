package io.retailseg.cli;

import io.retailseg.runfolder.RunFolderLayout;
import io.retailseg.config.RecommenderKind;
import io.retailseg.config.RunConfig;
import io.retailseg.domain.BadLines;
import io.retailseg.io.IngestOptions;
import io.retailseg.model.SegmentationModel;
import io.retailseg.pipeline.ProgressListener;
import io.retailseg.pipeline.RetailSeg;
import io.retailseg.pipeline.RunResult;
import io.retailseg.pipeline.SegmentProfile;
import io.retailseg.pipeline.TransactionSource;
import io.retailseg.parquet.ParquetFiles;
import io.retailseg.postgres.PostgresSink;
import io.retailseg.publish.OutputFolder;
import io.retailseg.publish.RunWriter;
import io.retailseg.report.Report;
import io.retailseg.clean.CleaningStep;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** Runs the pipeline for a command and tells the user what came out. */
final class Pipeline {
    private Pipeline() {
    }

    static RunResult runAndWrite(Path input, IngestOptions ingest, RunConfig config, Path out, PrintWriter stdout,
                                 PrintWriter stderr, boolean quiet, boolean report, boolean parquet) {
        return runAndWrite(TransactionSource.file(input, ingest), config, Optional.of(out), Optional.empty(), stdout,
                stderr, quiet, Optional.empty(), report, parquet);
    }

    /**
     * A database to publish the run into ({@code --publish}).
     *
     * @param keepRuns {@code --keep-runs}: runs kept, the newest first (all when empty)
     */
    record Publish(PostgresSink sink, Optional<Integer> keepRuns) {
    }

    /**
     * Runs the pipeline on {@code source}, writes the run folder {@code out} (when given) and then publishes
     * the same run, under the same run id, into the database (when given).
     */
    static RunResult runAndWrite(TransactionSource source, RunConfig config, Optional<Path> out,
                                 Optional<Publish> publish, PrintWriter stdout, PrintWriter stderr, boolean quiet,
                                 Optional<SegmentationModel> previous, boolean report, boolean parquet) {
        if (out.isPresent()) {
            if (Files.isRegularFile(out.get())) {
                throw new UsageException("--out " + out.get() + " is a file; expected a folder (it is created when"
                        + " missing)");
            }
            OutputFolder.checkTarget(out.get()); // refuse a folder of other files before the work, not after
        }
        long start = System.nanoTime();
        Instant startedAt = Instant.now();
        StderrProgress progress = new StderrProgress(stderr, quiet);
        RunResult result = RetailSeg.run(config, source, preparingWritesAfterIngest(progress), previous);
        Instant finishedAt = Instant.now();
        String runId = OutputFolder.newRunId(startedAt);
        if (out.isPresent()) {
            // writing (and drawing the report) takes seconds on large runs: reported like a stage
            String write = report ? "write+report" : "write";
            progress.stageStarted(write);
            long writeStart = System.nanoTime();
            OutputFolder files = RunWriter.files(result, out.get());
            if (parquet) {
                ParquetFiles.addTables(files, result);
            }
            if (report) {
                files.add(Report.FILE, Report.fromRunFiles());
            }
            files.commit();
            runId = files.runId();
            progress.stageFinished(write, (System.nanoTime() - writeStart) / 1_000_000, "files in " + out.get());
        }
        if (publish.isPresent()) {
            progress.stageStarted("publish");
            long publishStart = System.nanoTime();
            publish.get().sink().publish(new PostgresSink.Run(runId, startedAt, finishedAt, result),
                    publish.get().keepRuns(), PostgresSink.Listener.NONE);
            progress.stageFinished("publish", (System.nanoTime() - publishStart) / 1_000_000, "run " + runId);
        }
        printSummary(result, out, (System.nanoTime() - start) / 1_000_000, stdout);
        if (parquet && out.isPresent()) {
            stdout.printf("Parquet: %s, %s and %s beside them.%n", RunFolderLayout.CUSTOMERS_PARQUET,
                    RunFolderLayout.TOP_PRODUCTS_PARQUET, RunFolderLayout.RECOMMENDATIONS_PARQUET);
        }
        if (publish.isPresent()) {
            stdout.printf("Published run %s to %s.%n", runId, publish.get().sink().describe());
        }
        if (report && out.isPresent()) {
            stdout.printf("Report: %s%n", out.get().resolve(Report.FILE).toAbsolutePath());
        }
        stdout.flush();
        return result;
    }

    /** "skipped 3 unparseable lines (first: data.csv:17: expected 8 fields, found 9)", when any were skipped. */
    static Optional<String> badLines(BadLines bad) {
        if (!bad.any()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "skipped %,d unparseable line%s (first: %s)", bad.skipped(),
                bad.skipped() == 1 ? "" : "s", bad.first().get(0).message()));
    }

    static void printSummary(RunResult r, Optional<Path> out, long millis, PrintWriter w) {
        badLines(r.cleaning().badLines()).ifPresent(w::println);
        w.printf(Locale.ROOT, "Read %,d lines from %s; kept %,d after cleaning:%n", r.rowsRead(), r.source(),
                r.cleaning().rowsOut());
        for (CleaningStep s : r.cleaning().steps()) {
            w.printf(Locale.ROOT, "  %-22s %,9d removed  (%s)%n", s.step(), s.removed(), s.description());
        }
        int outliers = r.outlierCount();
        w.printf(Locale.ROOT, "Customers: %,d, of which %,d outliers (Isolation Forest) and %,d segmented.%n",
                r.customers().size(), outliers, r.customers().size() - outliers);
        double cumulative = 0;
        for (double v : r.pca().explainedVarianceRatio()) {
            cumulative += v;
        }
        w.printf(Locale.ROOT, "PCA: %d components explain %.1f%% of the variance.%n",
                r.pca().explainedVarianceRatio().length, 100 * cumulative);
        w.printf(Locale.ROOT, "k = %d: %s.%n", r.k(), r.kSelection().reason());
        w.printf(Locale.ROOT, "Quality: silhouette %.4f (higher is better, -1..1), Calinski-Harabasz %.1f (higher is"
                        + " better), Davies-Bouldin %.4f (lower is better).%n",
                r.metrics().silhouette(), r.metrics().calinskiHarabasz(), r.metrics().daviesBouldin());
        r.kSelection().candidates().stream().filter(c -> c.k() == r.k() && c.silhouetteSampleSize() > 0).findFirst()
                .ifPresent(c -> w.printf(Locale.ROOT, "  (silhouettes estimated on a seeded sample of %,d customers:"
                        + " standard error %.4f; --silhouette-sample sets the size)%n", c.silhouetteSampleSize(),
                        c.silhouetteStandardError()));
        w.println("Segments:");
        for (SegmentProfile p : r.profiles()) {
            w.printf(Locale.ROOT, "  %d  %-45s %,6d customers, %5.1f%% of revenue%n", p.id(), p.name(), p.size(),
                    100 * p.revenueShare());
        }
        w.printf(Locale.ROOT, "Recommendations: %,d for %,d customers.%n", r.recommendations().size(),
                r.customers().size() - outliers);
        w.println(recommenderLine(r));
        if (out.isPresent()) {
            w.printf(Locale.ROOT, "Wrote %s, %s, %s, %s, %s and %s to %s (%.1f s).%n", RunFolderLayout.SUMMARY,
                    RunFolderLayout.CUSTOMERS, RunFolderLayout.TOP_PRODUCTS, RunFolderLayout.RECOMMENDATIONS,
                    RunFolderLayout.MODEL, RunFolderLayout.DATA_PROFILE, out.get().toAbsolutePath(), millis / 1000.0);
        } else {
            w.printf(Locale.ROOT, "Done in %.1f s.%n", millis / 1000.0);
        }
        w.flush();
    }

    /** "Recommender: hybrid (offer new_only): the default: ...", the line summary.json's why says in full. */
    static String recommenderLine(RunResult r) {
        RecommenderKind kind = r.model().recommender().kind();
        return "Recommender: " + kind.id() + " (offer " + r.model().offer().id() + "): "
                + r.recommenderWhy() + ".";
    }

    /**
     * {@code progress}, and once ingest (which keeps both cores busy) is over, the JSON mapping of the run's
     * files prepared on a spare thread ({@link RunWriter#prepare}), so the write stage does not wait for it.
     */
    private static ProgressListener preparingWritesAfterIngest(ProgressListener progress) {
        return new ProgressListener() {
            @Override
            public void stageStarted(String stage) {
                progress.stageStarted(stage);
            }

            @Override
            public void stageFinished(String stage, long millis, String outcome) {
                progress.stageFinished(stage, millis, outcome);
                if ("ingest".equals(stage)) {
                    RunWriter.prepare();
                }
            }

            @Override
            public void stageProgress(String stage, double fraction, long items, String unit) {
                progress.stageProgress(stage, fraction, items, unit);
            }
        };
    }
}
