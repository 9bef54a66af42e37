package io.retailseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.retailseg.generate.SyntheticRetailGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --on-bad-lines}: a file with three bad lines stops a run by default and runs with {@code skip}. */
class BadLinesCliTest {
    @TempDir
    static Path shared;

    private static Path input;

    /** A generated file whose lines 101, 201 and 301 are broken: a field too many, a bad quantity, a bad date. */
    @BeforeAll
    static void writeInput() throws IOException {
        Path generated = shared.resolve("generated.csv");
        SyntheticRetailGenerator.write(6_000, 7, generated);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(generated, StandardCharsets.UTF_8));
        lines.set(100, lines.get(100) + ",extra"); // physical line 101
        lines.set(200, "536999,85123A,HOLDER,six,12/1/2010 8:26,2.55,17850,United Kingdom"); // line 201
        lines.set(300, "536999,85123A,HOLDER,6,yesterday,2.55,17850,United Kingdom"); // line 301
        input = shared.resolve("bad.csv");
        Files.write(input, lines, StandardCharsets.UTF_8);
    }

    @Test
    void withoutSkipTheRunStopsNamingTheFirstBadLine(@TempDir Path dir) {
        CliTest.Outcome o = CliTest.execute("run", "--input", input.toString(), "--out", dir.resolve("run").toString(),
                "--k", "3", "--no-report", "--quiet");
        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.err()).contains(input + ":101: expected ").contains(" fields, found ");
        assertThat(dir.resolve("run")).doesNotExist();
    }

    @Test
    void withSkipTheRunSucceedsAndSummaryJsonCountsTheSkippedLines(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        CliTest.Outcome o = CliTest.execute("run", "--input", input.toString(), "--out", out.toString(), "--k", "3",
                "--no-report", "--quiet", "--on-bad-lines", "skip");
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.out()).contains("skipped 3 unparseable lines (first: " + input + ":101: expected ");

        JsonNode bad = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).at("/cleaning/bad_lines");
        assertThat(bad.get("skipped").asLong()).isEqualTo(3);
        assertThat(bad.at("/by_reason/field_count").asLong()).isEqualTo(1);
        assertThat(bad.at("/by_reason/number").asLong()).isEqualTo(1);
        assertThat(bad.at("/by_reason/date").asLong()).isEqualTo(1);
        assertThat(bad.get("first")).hasSize(3);
        assertThat(bad.at("/first/0/line").asLong()).isEqualTo(101);
        assertThat(bad.at("/first/1/message").asText())
                .isEqualTo(input + ":201: field 'Quantity': expected a whole number, found \"six\"");
        assertThat(bad.at("/first/2/line").asLong()).isEqualTo(301);
    }

    @Test
    void aGoodFileReportsNothingSkipped(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("good.csv");
        SyntheticRetailGenerator.write(6_000, 7, good);
        Path out = dir.resolve("run");
        CliTest.Outcome o = CliTest.execute("run", "--input", good.toString(), "--out", out.toString(), "--k", "3",
                "--no-report", "--quiet", "--on-bad-lines", "skip");
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.out()).doesNotContain("unparseable");
        JsonNode bad = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).at("/cleaning/bad_lines");
        assertThat(bad.get("skipped").asLong()).isZero();
        assertThat(bad.get("first")).isEmpty();
    }

    @Test
    void anUnknownPolicyIsAUsageError(@TempDir Path dir) {
        CliTest.Outcome o = CliTest.execute("run", "--input", input.toString(), "--out", dir.resolve("run").toString(),
                "--on-bad-lines", "ignore");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("--on-bad-lines: expected error or skip, found \"ignore\"");
    }
}
