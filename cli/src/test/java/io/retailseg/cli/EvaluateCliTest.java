package io.retailseg.cli;

import static io.retailseg.cli.CliTest.execute;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.retailseg.cli.CliTest.Outcome;
import io.retailseg.generate.SyntheticRetailGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code retailseg evaluate}, {@code migrate}, {@code run --rank-by} and {@code run --previous-model} end to end. */
class EvaluateCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    private static Path generated;

    @BeforeAll
    static void generate() {
        generated = shared.resolve("generated.csv.gz");
        SyntheticRetailGenerator.write(30_000, 11, generated);
    }

    @Test
    void evaluateWritesEvaluationJsonAndPrintsEveryTable(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("ev");
        Outcome o = execute("evaluate", "--input", generated.toString(), "--out", out.toString(), "--holdout-days",
                "40", "--bootstrap", "3", "--k", "3", "--threads", "1");
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.err()).contains("fit_training", "bootstrap", "migration");
        assertThat(o.out()).contains("mode new_only", "mode any", "| segment_quantity |", "| segment_buyers |",
                "| segment_revenue |", "| global_quantity |", "| random |", "| repeat |", "| co_purchase |",
                "| co_purchase_all |", "| ease |", "| als |", "| hybrid |",
                "adjusted Rand index mean", "Jaccard stability", "| from \\ to |", "Wrote evaluation.json");
        JsonNode e = JSON.readTree(out.resolve("evaluation.json").toFile());
        assertThat(e.at("/format").asText()).isEqualTo("retailseg-evaluation");
        assertThat(e.at("/split/rule").asText()).isEqualTo("holdout_days");
        assertThat(LocalDate.parse(e.at("/split/split_day").asText()))
                .isEqualTo(LocalDate.parse(e.at("/split/last_day").asText()).minusDays(39));
        assertThat(e.at("/recommenders")).hasSize(22);   // 11 recommenders x 2 modes
        // the run's recommender (the hybrid by default) is marked, in both modes, and its fit was timed and sized
        List<String> defaults = new java.util.ArrayList<>();
        for (JsonNode r : e.at("/recommenders")) {
            if (r.at("/default").asBoolean()) {
                defaults.add(r.at("/name").asText());
                assertThat(r.at("/train_ms").asLong()).isNotNegative();
                assertThat(r.at("/state_bytes").asLong()).isPositive();
            }
            assertThat(r.at("/default").isBoolean()).isTrue();
        }
        assertThat(defaults).containsExactly("hybrid", "hybrid");
        for (JsonNode r : e.at("/recommenders")) {
            assertThat(r.at("/metrics")).hasSize(4);
            assertThat(r.at("/customers_evaluated").asInt()).isEqualTo(r.at("/mode").asText().equals("any")
                    ? e.at("/population/evaluated_any").asInt() : e.at("/population/evaluated_new_only").asInt());
        }
        assertThat(e.at("/stability/adjusted_rand/values")).hasSize(3);
        assertThat(e.at("/stability/segments")).hasSize(3);
        assertThat(e.at("/migration/matrix")).hasSize(3);
        assertThat(e.at("/config/k").asInt()).isEqualTo(3);
        assertThat(e.at("/metrics_definition/ndcg").asText()).contains("log2");

        // the folder is also the training fit's run, with a report that has the evaluation section
        for (String f : List.of("summary.json", "customers.csv", "top_products.csv", "recommendations.csv",
                "model.json", "data_profile.json", "report.html")) {
            assertThat(out.resolve(f)).as(f).isRegularFile();
        }
        assertThat(JSON.readTree(out.resolve("summary.json").toFile()).at("/segments")).hasSize(3);
        assertThat(o.out()).contains("Report: " + out.resolve("report.html").toAbsolutePath());
        byte[] report = Files.readAllBytes(out.resolve("report.html"));
        String html = new String(report, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(html).contains("<section id=\"evaluation\"><h2>Hold-out evaluation</h2>",
                "id=\"evaluation-hit-rate-any\"", "id=\"evaluation-migration\"", "id=\"evaluation-jaccard\"");
        Path copy = dir.resolve("copy.html");
        assertThat(execute("report", "--run", out.toString(), "--out", copy.toString()).exitCode()).isZero();
        assertThat(Files.readAllBytes(copy)).isEqualTo(report);
        // into the evaluation folder: committed again as a new run whose run.json lists the new report
        String before = io.retailseg.runfolder.RunFolderReader.open(out).runId();
        assertThat(execute("report", "--run", out.toString()).exitCode()).isZero();
        assertThat(io.retailseg.runfolder.RunFolderReader.open(out).runId()).isNotEqualTo(before);
        assertThat(io.retailseg.runfolder.RunFolderReader.open(out).has("evaluation.json")).isTrue();
        // the carried JSON files name the new run, so the folder reads as one run
        String after = io.retailseg.runfolder.RunFolderReader.open(out).runId();
        io.retailseg.report.ReportData reread = io.retailseg.report.RunFiles.read(out);
        assertThat(reread.summary().runId()).hasValue(after);
        assertThat(reread.evaluation().orElseThrow().runId()).hasValue(after);
        assertThat(Files.readAllBytes(out.resolve("report.html"))).isEqualTo(report);

        // the same numbers with more threads (timings aside)
        Path again = dir.resolve("ev2");
        assertThat(execute("evaluate", "--input", generated.toString(), "--out", again.toString(), "--holdout-days",
                "40", "--bootstrap", "3", "--k", "3", "--threads", "3", "--quiet").exitCode()).isZero();
        JsonNode e2 = JSON.readTree(again.resolve("evaluation.json").toFile());
        for (JsonNode file : List.of(e, e2)) {
            ((ObjectNode) file).remove(List.of("timings_ms", "threads", "run_id"));
            // each recommender's training time is a timing too; its state size is not
            file.at("/recommenders").forEach(r -> ((ObjectNode) r).remove("train_ms"));
        }
        assertThat(e2).isEqualTo(e);
    }

    @Test
    void evaluateWithoutReportWritesNoReport(@TempDir Path dir) {
        Path out = dir.resolve("ev");
        Outcome o = execute("evaluate", "--input", generated.toString(), "--out", out.toString(), "--holdout-days",
                "40", "--bootstrap", "0", "--no-migration", "--k", "3", "--no-report", "--quiet");
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(out.resolve("evaluation.json")).isRegularFile();
        assertThat(out.resolve("summary.json")).isRegularFile();
        assertThat(out.resolve("report.html")).doesNotExist();
        assertThat(o.out()).doesNotContain("Report:");
    }

    @Test
    void evaluateUsageAndInputErrors(@TempDir Path dir) {
        String in = generated.toString();
        String out = dir.resolve("x").toString();
        assertThat(execute("evaluate", "--input", in, "--out", out, "--split-date", "2011-09-01", "--holdout-days", "3")
                .exitCode()).isEqualTo(2);
        Outcome badDate = execute("evaluate", "--input", in, "--out", out, "--split-date", "1.9.2011");
        assertThat(badDate.exitCode()).isEqualTo(2);
        assertThat(badDate.err()).contains("--split-date", "1.9.2011");
        assertThat(execute("evaluate", "--input", in, "--out", out, "--holdout-days", "0").exitCode()).isEqualTo(2);
        assertThat(execute("evaluate", "--input", in, "--out", out, "--bootstrap", "-1").exitCode()).isEqualTo(2);
        Outcome late = execute("evaluate", "--input", in, "--out", out, "--split-date", "2031-01-01", "--quiet");
        assertThat(late.exitCode()).isEqualTo(1);
        assertThat(late.err()).contains("leaves no line on or after it").doesNotContain("Exception");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void rankByIsRecordedAndChangesTheTopProducts(@TempDir Path dir) throws IOException {
        Path quantity = dir.resolve("q");
        Path buyers = dir.resolve("b");
        assertThat(execute("run", "--input", generated.toString(), "--out", quantity.toString(), "--k", "3",
                "--quiet").exitCode()).isZero();
        assertThat(execute("run", "--input", generated.toString(), "--out", buyers.toString(), "--k", "3",
                "--rank-by", "buyers", "--quiet").exitCode()).isZero();
        assertThat(JSON.readTree(quantity.resolve("summary.json").toFile()).at("/config/rank_by").asText())
                .isEqualTo("quantity");
        assertThat(JSON.readTree(buyers.resolve("summary.json").toFile()).at("/config/rank_by").asText())
                .isEqualTo("buyers");
        assertThat(JSON.readTree(buyers.resolve("model.json").toFile()).at("/provenance/config/rank_by").asText())
                .isEqualTo("buyers");
        // same segments, differently ranked best sellers
        assertThat(Files.readString(buyers.resolve("customers.csv")))
                .isEqualTo(Files.readString(quantity.resolve("customers.csv")));
        assertThat(Files.readString(buyers.resolve("top_products.csv")))
                .isNotEqualTo(Files.readString(quantity.resolve("top_products.csv")));
        assertThat(execute("run", "--input", generated.toString(), "--out", dir.resolve("z").toString(),
                "--rank-by", "price").exitCode()).isEqualTo(2);
    }

    @Test
    void previousModelAndMigrateLineSegmentsUp(@TempDir Path dir) throws IOException {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        assertThat(execute("run", "--input", generated.toString(), "--out", first.toString(), "--k", "3",
                "--quiet").exitCode()).isZero();
        Outcome o = execute("run", "--input", generated.toString(), "--out", second.toString(), "--k", "3",
                "--seed", "7", "--previous-model", first.toString(), "--quiet");
        assertThat(o.exitCode()).as(o.err()).isZero();
        JsonNode matching = JSON.readTree(second.resolve("summary.json").toFile()).at("/segment_matching");
        assertThat(matching.at("/segments")).hasSize(3);
        assertThat(matching.at("/previous_k").asInt()).isEqualTo(3);
        assertThat(JSON.readTree(second.resolve("model.json").toFile()).at("/provenance/segment_matching"))
                .isEqualTo(matching);

        // migrating a run to itself: everyone stays in the same segment
        Path mig = dir.resolve("mig");
        Outcome self = execute("migrate", "--from", first.toString(), "--to", first.toString(), "--out",
                mig.toString());
        assertThat(self.exitCode()).as(self.err()).isZero();
        JsonNode m = JSON.readTree(mig.resolve("migration.json").toFile()).at("/migration");
        assertThat(m.at("/same_segment").asLong()).isEqualTo(m.at("/stayed").asLong()).isPositive();
        assertThat(m.at("/left/count").asInt()).isZero();
        assertThat(m.at("/arrived/count").asInt()).isZero();

        Outcome between = execute("migrate", "--from", first.toString(), "--to", second.toString());
        assertThat(between.exitCode()).as(between.err()).isZero();
        assertThat(between.out()).contains("| from \\ to |", "Segmented in both");
        assertThat(execute("migrate", "--from", first.toString(), "--to", dir.resolve("none").toString())
                .exitCode()).isEqualTo(2);
        Outcome badModel = execute("run", "--input", generated.toString(), "--out", dir.resolve("y").toString(),
                "--previous-model", generated.toString(), "--quiet");
        assertThat(badModel.exitCode()).isEqualTo(1);
        assertThat(badModel.err()).contains("not a retailseg model file");
    }

    @Test
    void aModelOfAnotherShapeOrABrokenCustomersFileIsBadInput(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("model.json");
        Files.writeString(model, "{\"formatVersion\": 1, \"features\": [\"Recency\"]}");
        Outcome o = execute("run", "--input", generated.toString(), "--out", dir.resolve("r").toString(),
                "--previous-model", model.toString(), "--quiet");
        assertThat(o.exitCode()).isEqualTo(1);
        // not a model of this version: refused at its format, before any part of it is used
        assertThat(o.err()).contains(model.toString(), "field 'format'");

        Path run = dir.resolve("run");
        assertThat(execute("run", "--input", generated.toString(), "--out", run.toString(), "--k", "2", "--quiet")
                .exitCode()).isZero();
        Path broken = dir.resolve("broken");
        // a run folder (with a true run.json) whose customers.csv is broken
        new io.retailseg.publish.OutputFolder(broken).add("model.json", Files.readAllBytes(run.resolve("model.json")))
                .add("customers.csv", "CustomerID,Segment\n12345,1\nabc,0\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .commit();
        Outcome m = execute("migrate", "--from", run.toString(), "--to", broken.toString());
        assertThat(m.exitCode()).isEqualTo(1);
        assertThat(m.err()).contains("customers.csv:3", "CustomerID", "abc");
    }
}
