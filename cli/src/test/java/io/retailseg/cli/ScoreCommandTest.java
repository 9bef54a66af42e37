package io.retailseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.NamedCsvRecord;
import io.retailseg.generate.SyntheticRetailGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code retailseg score} as a user runs it: a run's training lines scored with its model give the
 * run's own {@code customers.csv} segments and features and {@code recommendations.csv}, read from the
 * files both commands wrote.
 */
class ScoreCommandTest {
    @TempDir
    static Path dir;
    private static Path input;
    private static Path run;

    @BeforeAll
    static void runOnce() {
        input = dir.resolve("lines.csv");
        SyntheticRetailGenerator.write(20_000, 3, input);
        run = dir.resolve("run");
        assertThat(CliTest.execute("run", "--input", input.toString(), "--out", run.toString(), "--quiet")
                .exitCode()).isZero();
    }

    private static List<NamedCsvRecord> read(Path file) {
        return RecColumns.read(file);
    }

    @Test
    void scoringTheTrainingLinesReproducesTheRunsFiles() throws IOException {
        Path out = dir.resolve("scored.csv");
        CliTest.Outcome o = CliTest.execute("score", "--model", run.toString(), "--input", input.toString(),
                "--out", out.toString());
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.out()).startsWith("scored ");

        List<NamedCsvRecord> customers = read(run.resolve("customers.csv"));
        List<NamedCsvRecord> scored = read(out);
        assertThat(scored).hasSize(customers.size());
        Map<String, List<String>> recommended = RecColumns.ofRun(run.resolve("recommendations.csv"));
        List<String> header = read(out).get(0).getHeader();
        assertThat(header).startsWith("CustomerID", "Days_Since_Last_Purchase").endsWith("Outlier_Score", "Is_Outlier",
                "Segment", "Segment_Name", "Rec1_StockCode", "Rec1_Description", "Rec1_Score", "Rec1_Reason",
                "Rec2_StockCode", "Rec2_Description", "Rec2_Score", "Rec2_Reason", "Rec3_StockCode", "Rec3_Description",
                "Rec3_Score", "Rec3_Reason", "P_Alive", "Expected_Purchases", "Expected_Order_Value", "Expected_Value");
        // the customer-value columns are compared below with the run's, as every other column of customers.csv
        assertThat(customers.get(0).getHeader()).endsWith("P_Alive", "Expected_Purchases", "Expected_Order_Value",
                "Expected_Value");
        assertThat(customers).anyMatch(c -> !c.getField("P_Alive").isEmpty() && !c.getField("Expected_Value").isEmpty());
        for (int i = 0; i < customers.size(); i++) {
            NamedCsvRecord want = customers.get(i);
            NamedCsvRecord got = scored.get(i);
            for (String column : want.getHeader()) {
                if (!column.startsWith("PC")) {
                    assertThat(got.getField(column)).as("%s %s", want.getField("CustomerID"), column)
                            .isEqualTo(want.getField(column));
                }
            }
            assertThat(RecColumns.ofScored(got)).isEqualTo(recommended.getOrDefault(want.getField("CustomerID"),
                    List.of()));
        }
    }

    @Test
    void theModelFileItselfMayBeGivenAndTheOutputIsReplacedAtomically() throws IOException {
        Path out = dir.resolve("again.csv");
        Files.writeString(out, "old");
        CliTest.Outcome o = CliTest.execute("score", "--model", run.resolve("model.json").toString(), "--input",
                input.toString(), "--out", out.toString());
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(Files.readString(out)).startsWith("CustomerID,");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }

    @Test
    void badModelOrInputIsOneLineAndExitCodeOneAndNothingIsWritten() throws IOException {
        Path out = dir.resolve("never.csv");
        CliTest.Outcome o = CliTest.execute("score", "--model", dir.toString(), "--input", input.toString(),
                "--out", out.toString());
        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.err().strip()).startsWith("retailseg: " + dir + ": no run.json: not the output folder of 'retailseg run'").doesNotContain("\n");

        Path notModel = dir.resolve("not-a-model.json");
        Files.writeString(notModel, "{\"formatVersion\": [1,");
        o = CliTest.execute("score", "--model", notModel.toString(), "--input", input.toString(), "--out", out.toString());
        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.err()).contains("not a retailseg model file");

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                + "536365,85123A,HEART,six,12/1/2010 8:26,2.55,17850,United Kingdom\n");
        o = CliTest.execute("score", "--model", run.toString(), "--input", bad.toString(), "--out", out.toString());
        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.err().strip()).isEqualTo("retailseg: " + bad + ":2: field 'Quantity': expected a whole number,"
                + " found \"six\"");
        assertThat(out).doesNotExist();
        assertThat(CliTest.execute("score", "--model", run.toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void customersWithoutCleanLinesAreListedAsNotScored() throws IOException {
        Path lines = dir.resolve("postage.csv");
        Files.writeString(lines, "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                + "1,POST,POSTAGE,1,12/1/2011 8:26,18,4242,France\n");
        Path out = dir.resolve("postage-scored.csv");
        CliTest.Outcome o = CliTest.execute("score", "--model", run.toString(), "--input", lines.toString(),
                "--out", out.toString());
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.out()).contains("scored 0 customers").contains("not scored: customer 4242: no line left after cleaning");
        assertThat(Files.readAllLines(out)).hasSize(1);
    }
}
