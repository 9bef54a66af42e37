package io.retailseg.cli;

import io.retailseg.pipeline.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows each pipeline stage on stderr as it starts and ends, and within long stages how far it got
 * (items, rate, estimated time left); silent when quiet, never on stdout. On a terminal the progress
 * line is rewritten in place (carriage return) at most every {@link #TERMINAL_INTERVAL_NANOS};
 * otherwise (a log file) a plain line is written at most every {@link #LOG_INTERVAL_NANOS}.
 */
final class StderrProgress implements ProgressListener {
    static final long TERMINAL_INTERVAL_NANOS = 250_000_000L;
    static final long LOG_INTERVAL_NANOS = 5_000_000_000L;

    private final PrintWriter err;
    private final boolean quiet;
    private final boolean terminal;
    private final LongSupplier clock;
    private long stageStart;
    private long lastShown;
    private boolean lineOpen;

    StderrProgress(PrintWriter err, boolean quiet) {
        this(err, quiet, System.console() != null, System::nanoTime);
    }

    StderrProgress(PrintWriter err, boolean quiet, boolean terminal, LongSupplier clock) {
        this.err = err;
        this.quiet = quiet;
        this.terminal = terminal;
        this.clock = clock;
    }

    @Override
    public void stageStarted(String stage) {
        stageStart = clock.getAsLong();
        lastShown = stageStart;
        if (!quiet) {
            err.printf(Locale.ROOT, "%-12s ...%n", stage);
            err.flush();
        }
    }

    @Override
    public void stageFinished(String stage, long millis, String outcome) {
        if (!quiet) {
            endLine();
            err.printf(Locale.ROOT, "%-12s done in %,d ms: %s%n", stage, millis, outcome);
            err.flush();
        }
    }

    @Override
    public void stageProgress(String stage, double fraction, long items, String unit) {
        long now = clock.getAsLong();
        if (quiet || now - lastShown < (terminal ? TERMINAL_INTERVAL_NANOS : LOG_INTERVAL_NANOS)) {
            return;
        }
        lastShown = now;
        double seconds = (now - stageStart) / 1e9;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-12s %,d %s, %,.0f %s/s", stage, items,
                unit, seconds > 0 ? items / seconds : 0.0, unit));
        if (!Double.isNaN(fraction) && fraction > 0) {
            double left = seconds * (1 - fraction) / fraction;
            line.append(String.format(Locale.ROOT, ", %.0f%%, about %s left", 100 * fraction, duration(left)));
        }
        if (terminal) {
            err.print("\r" + line + "   ");
            lineOpen = true;
        } else {
            err.println(line);
        }
        err.flush();
    }

    private void endLine() {
        if (lineOpen) {
            err.println();
            lineOpen = false;
        }
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
}
