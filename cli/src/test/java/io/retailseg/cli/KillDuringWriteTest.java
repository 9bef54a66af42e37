package io.retailseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.retailseg.generate.SyntheticRetailGenerator;
import io.retailseg.runfolder.RunFolderReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a writing {@code retailseg} at random moments: after every kill the {@code --out} folder
 * resolves to one complete run (its {@code run.json} verifies, and summary, model and customers agree), the
 * earlier one or the new one, never a mix and never nothing.
 */
class KillDuringWriteTest {
    private static final int KILLS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    private static Path input;

    @BeforeAll
    static void generate() {
        input = shared.resolve("small.csv");
        SyntheticRetailGenerator.write(6_000, 5, input);
    }

    @Test
    void killingRunAtAnyMomentLeavesTheOldOrTheNewRun(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        killRepeatedly(out, 1, "run", "--input", input.toString(), "--out", out.toString(), "--k", "3",
                "--no-report", "--quiet", "--threads", "1");
    }

    @Test
    void killingEvaluateAtAnyMomentLeavesTheOldOrTheNewRun(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("evaluation");
        killRepeatedly(out, 2, "evaluate", "--input", input.toString(), "--out", out.toString(), "--holdout-days",
                "40", "--bootstrap", "0", "--no-migration", "--k", "3", "--no-report", "--quiet", "--threads", "1");
    }

    private static void killRepeatedly(Path out, long seed, String... args) throws Exception {
        CliTest.Outcome first = CliTest.execute(args);
        assertThat(first.exitCode()).as(first.err()).isZero();
        String firstId = checkComplete(out);
        List<String> seen = new ArrayList<>();
        Random random = new Random(seed);
        for (int i = 0; i < KILLS; i++) {
            Process p = child(args);
            // JVM start and the run take about a second: the kills land before, during and after the write
            long delay = 150 + random.nextInt(1_600);
            boolean finished = p.waitFor(delay, TimeUnit.MILLISECONDS);
            if (!finished) {
                p.destroyForcibly(); // SIGKILL
                p.waitFor(10, TimeUnit.SECONDS);
            }
            String id = checkComplete(out);
            seen.add((finished ? "finished " : "killed at " + delay + " ms ") + (id.equals(firstId) ? "old" : "new"));
        }
        System.out.println(String.join(", ", seen));
        // a finished run afterwards cleans the staging folders the killed ones left
        assertThat(CliTest.execute(args).exitCode()).isZero();
        checkComplete(out);
        try (var s = Files.list(out.getParent())) {
            assertThat(s.map(x -> x.getFileName().toString()).filter(n -> n.endsWith(".staging")
                    || n.endsWith(".link"))).isEmpty();
        }
    }

    private static Process child(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xshare:auto");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        command.add(classPath);
        command.add("io.retailseg.cli.Main");
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Checks that {@code out} is one complete run and returns its id. */
    private static String checkComplete(Path out) throws IOException {
        RunFolderReader.Run run = RunFolderReader.open(out);
        JsonNode summary = JSON.readTree(run.file("summary.json").toFile());
        JsonNode model = JSON.readTree(run.file("model.json").toFile());
        List<String> customers = Files.readAllLines(run.file("customers.csv"));
        assertThat(customers).hasSize(summary.at("/customers/total").asInt() + 1);
        assertThat(summary.at("/k_selection/chosen_k").asInt()).isEqualTo(3);
        assertThat(summary.at("/segments")).hasSize(3);
        assertThat(model.toString()).contains("centroids");
        assertThat(run.names()).contains("summary.json", "model.json", "customers.csv", "top_products.csv",
                "recommendations.csv", "data_profile.json");
        assertThat(run.folder().getFileName().toString()).isEqualTo(out.getFileName() + "." + run.runId());
        return run.runId();
    }

}
