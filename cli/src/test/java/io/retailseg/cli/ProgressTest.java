package io.retailseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.retailseg.generate.SyntheticRetailGenerator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress goes to stderr only, says lines, rate and time left, and --quiet silences it. */
class ProgressTest {
    private static final String[] STAGES = {"ingest", "clean", "features", "outliers", "k_selection", "recommend"};

    @Test
    void progressIsOnStderrNeverOnStdoutAndQuietSilencesIt(@TempDir Path dir) {
        Path input = dir.resolve("g.csv");
        SyntheticRetailGenerator.write(20_000, 5, input);

        CliTest.Outcome loud = CliTest.execute("run", "--input", input.toString(), "--out", dir.resolve("a").toString(),
                "--k", "3");
        assertThat(loud.exitCode()).as(loud.err()).isZero();
        assertThat(loud.err()).contains(STAGES).contains("done in");
        assertThat(loud.out()).contains("Read 20,000 lines").doesNotContain("done in", " ...");
        for (String stage : STAGES) {
            assertThat(loud.out()).doesNotContainPattern("(?m)^" + stage + " ");
            assertThat(loud.err()).containsPattern("(?m)^" + stage + " ");
        }

        CliTest.Outcome quiet = CliTest.execute("run", "--input", input.toString(), "--out", dir.resolve("b").toString(),
                "--k", "3", "--quiet");
        assertThat(quiet.exitCode()).isZero();
        assertThat(quiet.err()).isEmpty();
        assertThat(normalized(quiet.out(), dir.resolve("b"))).as("--quiet leaves stdout as it was")
                .isEqualTo(normalized(loud.out(), dir.resolve("a")));
    }

    private static String normalized(String out, Path folder) {
        return out.replace(folder.toAbsolutePath().toString(), "OUT").replaceAll("\\(\\d+\\.\\d s\\)", "(T s)");
    }

    @Test
    void logLinesShowItemsRateAndTimeLeftAtMostEveryFiveSeconds() {
        StringWriter err = new StringWriter();
        AtomicLong now = new AtomicLong(0);
        StderrProgress p = new StderrProgress(new PrintWriter(err, true), false, false, now::get);
        p.stageStarted("ingest");
        now.set(1_000_000_000L);
        p.stageProgress("ingest", 0.10, 1_000_000, "lines"); // too soon after the start: not shown
        now.set(5_000_000_000L);
        p.stageProgress("ingest", 0.25, 2_000_000, "lines");
        now.set(6_000_000_000L);
        p.stageProgress("ingest", 0.30, 2_400_000, "lines"); // too soon after the last line
        p.stageFinished("ingest", 6_000, "2400000 lines");
        assertThat(err.toString().split("\n")).containsExactly(
                "ingest       ...",
                "ingest       2,000,000 lines, 400,000 lines/s, 25%, about 15 s left",
                "ingest       done in 6,000 ms: 2400000 lines");
    }

    @Test
    void onATerminalTheLineIsRewrittenInPlace() {
        StringWriter err = new StringWriter();
        AtomicLong now = new AtomicLong(0);
        StderrProgress p = new StderrProgress(new PrintWriter(err, true), false, true, now::get);
        p.stageStarted("k_selection");
        now.set(500_000_000L);
        p.stageProgress("k_selection", 0.5, 7, "k values");
        now.set(1_000_000_000L);
        p.stageProgress("k_selection", 1.0, 14, "k values");
        p.stageFinished("k_selection", 1_000, "k = 2");
        assertThat(err.toString()).isEqualTo("k_selection  ...\n"
                + "\rk_selection  7 k values, 14 k values/s, 50%, about 1 s left   "
                + "\rk_selection  14 k values, 14 k values/s, 100%, about 0 s left   \n"
                + "k_selection  done in 1,000 ms: k = 2\n");
    }

    @Test
    void quietPrintsNothing() {
        StringWriter err = new StringWriter();
        AtomicLong now = new AtomicLong(0);
        StderrProgress p = new StderrProgress(new PrintWriter(err, true), true, false, now::get);
        p.stageStarted("ingest");
        now.set(10_000_000_000L);
        p.stageProgress("ingest", 0.5, 10, "lines");
        p.stageFinished("ingest", 10, "10 lines");
        assertThat(err.toString()).isEmpty();
    }
}
