package io.retailseg.cli;

import io.retailseg.pipeline.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/** Shows each pipeline stage on stderr as it starts and ends; silent when quiet. */
final class StderrProgress implements ProgressListener {
    private final PrintWriter err;
    private final boolean quiet;

    StderrProgress(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public void stageStarted(String stage) {
        if (!quiet) {
            err.printf(Locale.ROOT, "%-12s ...%n", stage);
            err.flush();
        }
    }

    @Override
    public void stageFinished(String stage, long millis, String outcome) {
        if (!quiet) {
            err.printf(Locale.ROOT, "%-12s done in %,d ms: %s%n", stage, millis, outcome);
            err.flush();
        }
    }
}
