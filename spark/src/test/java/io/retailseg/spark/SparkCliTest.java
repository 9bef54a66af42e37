package io.retailseg.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.retailseg.cli.Main;
import io.retailseg.generate.SyntheticRetailGenerator;
import io.retailseg.runfolder.RunFolderReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code retailseg run --engine spark} through the command line, with the spark module on the class path. */
class SparkCliTest {
    record Outcome(int code, String out, String err) {
    }

    static Outcome execute(String... args) {
        TestSpark.session(); // the engine joins the tests' one session
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Outcome(cl.execute(args), out.toString(), err.toString());
    }

    @Test
    void runWithTheSparkEngineWritesARunFolderWithItsReport(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("lines.csv.gz");
        SyntheticRetailGenerator.write(8_000, 5, input);
        Path out = dir.resolve("run");
        Outcome o = execute("run", "--engine", "spark", "--master", "local[2]", "--input", input.toString(),
                "--out", out.toString(), "--k", "3", "--restarts", "2", "--quiet");
        assertThat(o.code()).as(o.err()).isEqualTo(Main.OK);
        assertThat(o.out()).contains("Read ").contains("Report: ")
                .contains("Recommender: hybrid (offer new_only): the default: on the UCI file's hold-outs");
        assertThat(RunFolderReader.open(out).names()).contains("summary.json", "model.json", "customers.csv",
                "report.html").anyMatch(n -> n.startsWith("top_products.parquet/"));
        assertThat(Files.isDirectory(out.resolve("recommendations.parquet"))).isTrue();
        // the default is the local engine's, with its reason (never "chosen with --recommender ...")
        String why = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("summary.json").toFile())
                .get("recommendations").get("why").asText();
        assertThat(why).startsWith("the default: ").doesNotContain("chosen with");
        assertThat(o.out()).contains("Recommender: hybrid (offer new_only): " + why + ".");
    }

    @Test
    void aModeTheSparkEngineDoesNotRunIsAUsageErrorBeforeAnyWork(@TempDir Path dir) {
        Path input = dir.resolve("lines.csv");
        SyntheticRetailGenerator.write(500, 5, input);
        Outcome o = execute("run", "--engine", "spark", "--input", input.toString(), "--out",
                dir.resolve("run").toString(), "--compat", "notebook", "--quiet");
        assertThat(o.code()).isEqualTo(Main.USAGE);
        assertThat(o.err()).contains("--compat notebook is not available with --engine spark");
        assertThat(Files.exists(dir.resolve("run"))).isFalse();
    }

    @Test
    void aMissingColumnIsTheCoresOneLineError(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("lines.csv");
        Files.writeString(input, "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,CustomerID,Country\n"
                + "536365,85123A,WHITE HANGING HEART,6,12/1/2010 8:26,17850,United Kingdom\n");
        Outcome o = execute("run", "--engine", "spark", "--input", input.toString(), "--out",
                dir.resolve("run").toString(), "--quiet");
        assertThat(o.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(o.err()).startsWith("retailseg: " + input + ":1: missing column 'UnitPrice' (or 'Price')")
                .doesNotContain("\tat ");
    }

    @Test
    void anUnparseableValueStopsTheRunWithTheCoresMessageOrIsCountedWhenSkipped(@TempDir Path dir)
            throws Exception {
        Path input = dir.resolve("lines.csv");
        SyntheticRetailGenerator.write(3_000, 5, input);
        String text = Files.readString(input);
        int second = text.indexOf('\n') + 1;
        int end = text.indexOf('\n', second);
        String[] f = text.substring(second, end).split(",", -1);
        f[3] = "six";
        Files.writeString(input, text.substring(0, second) + String.join(",", f) + text.substring(end));
        Outcome stop = execute("run", "--engine", "spark", "--input", input.toString(), "--out",
                dir.resolve("run").toString(), "--quiet");
        assertThat(stop.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(stop.err()).contains("field 'Quantity': expected a whole number, found \"six\"");
        Outcome skip = execute("run", "--engine", "spark", "--input", input.toString(), "--out",
                dir.resolve("run2").toString(), "--on-bad-lines", "skip", "--k", "3", "--restarts", "1", "--quiet");
        assertThat(skip.code()).as(skip.err()).isEqualTo(Main.OK);
        assertThat(skip.out()).contains("skipped 1 unparseable line");
    }
}
