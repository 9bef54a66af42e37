package io.retailseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.retailseg.generate.SyntheticRetailGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code retailseg} command end to end, as a user runs it: arguments in, exit code, stdout, stderr and files out. */
class CliTest {
    @TempDir
    static Path shared;

    private static Path generated;

    @BeforeAll
    static void generate() {
        generated = shared.resolve("generated.csv.gz");
        SyntheticRetailGenerator.write(40_000, 7, generated);
    }

    /** What a command printed and returned. */
    record Outcome(int exitCode, String out, String err) {
    }

    static Outcome execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void runOnAGeneratedFileWritesEveryFileOfTheOutputContract(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        Outcome o = execute("run", "--input", generated.toString(), "--out", out.toString(), "--k", "4");
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(Files.list(out).map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder("summary.json", "customers.csv", "top_products.csv", "recommendations.csv",
                        "model.json", "data_profile.json", "report.html", "run.json");
        assertThat(io.retailseg.runfolder.RunFolderReader.open(out).names()).containsExactlyInAnyOrder("summary.json",
                "customers.csv", "top_products.csv", "recommendations.csv", "model.json", "data_profile.json",
                "report.html");
        assertThat(o.out()).contains("Read 40,000 lines", "Customers:", "k = 4", "silhouette", "Segments:", "Wrote");
        assertThat(o.err()).contains("ingest", "clean", "features", "k_selection");

        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.at("/input/rows_read").asLong()).isEqualTo(40_000);
        assertThat(summary.at("/cleaning/steps")).hasSize(5);
        assertThat(summary.at("/cleaning/steps/0/step").asText()).isEqualTo("missing_values");
        long removed = 0;
        for (JsonNode s : summary.at("/cleaning/steps")) {
            removed += s.get("removed").asLong();
        }
        assertThat(summary.at("/cleaning/rows_out").asLong()).isEqualTo(40_000 - removed);
        assertThat(summary.at("/k_selection/chosen_k").asInt()).isEqualTo(4);
        assertThat(summary.at("/segments")).hasSize(4);
        assertThat(summary.at("/customers/total").asInt())
                .isEqualTo(summary.at("/customers/outliers").asInt() + summary.at("/customers/segmented").asInt());
        assertThat(summary.at("/pca/explained_variance_ratio")).hasSize(6);
        assertThat(summary.at("/timings_ms/ingest").isNumber()).isTrue();

        List<String> customers = Files.readAllLines(out.resolve("customers.csv"));
        assertThat(customers.get(0)).isEqualTo("CustomerID,Days_Since_Last_Purchase,Total_Transactions,"
                + "Total_Products_Purchased,Total_Spend,Average_Transaction_Value,Unique_Products_Purchased,"
                + "Average_Days_Between_Purchases,Day_Of_Week,Hour,Is_UK,Cancellation_Frequency,Cancellation_Rate,"
                + "Monthly_Spending_Mean,Monthly_Spending_Std,Spending_Trend,Is_Outlier,Segment,PC1,PC2,PC3,PC4,PC5,PC6,"
                + "P_Alive,Expected_Purchases,Expected_Order_Value,Expected_Value");
        assertThat(customers).hasSize(summary.at("/customers/total").asInt() + 1);
        assertThat(customers.get(1)).matches("\\d+,.*");
        assertThat(Files.readAllLines(out.resolve("recommendations.csv")).get(0))
                .isEqualTo("CustomerID,Segment,Rank,StockCode,Description,Score,Reason");
        assertThat(Files.readAllLines(out.resolve("top_products.csv")).get(0))
                .isEqualTo("Segment,Rank,StockCode,Description,Quantity");
        JsonNode model = new ObjectMapper().readTree(out.resolve("model.json").toFile());
        assertThat(model.at("/centroids")).hasSize(4);
        assertThat(model.at("/outliers/trees")).hasSize(100);
        assertThat(model.at("/features")).hasSize(15);
    }

    @Test
    void hyperParametersOnTheCommandLineReachTheRun(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        Outcome o = execute("run", "--input", generated.toString(), "--out", out.toString(), "--k", "3",
                "--contamination", "0.1", "--pca-components", "4", "--top-products", "5", "--recommendations", "2",
                "--restarts", "3", "--seed", "9", "--quiet");
        assertThat(o.exitCode()).as(o.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.at("/config/contamination").asDouble()).isEqualTo(0.1);
        assertThat(summary.at("/config/seed").asLong()).isEqualTo(9);
        assertThat(summary.at("/config/kmeans_restarts").asInt()).isEqualTo(3);
        assertThat(summary.at("/pca/explained_variance_ratio")).hasSize(4);
        int total = summary.at("/customers/total").asInt();
        assertThat(summary.at("/customers/outliers").asInt()).isBetween((int) (0.1 * total) - 1, (int) (0.1 * total) + 1);
        assertThat(Files.readAllLines(out.resolve("top_products.csv"))).hasSize(1 + 3 * 5);
        assertThat(Files.readAllLines(out.resolve("customers.csv")).get(0))
                .endsWith(",PC1,PC2,PC3,PC4,P_Alive,Expected_Purchases,Expected_Order_Value,Expected_Value");
        assertThat(Files.readAllLines(out.resolve("recommendations.csv")).stream().skip(1)
                .map(l -> l.split(",")[2])).allMatch(rank -> rank.equals("1") || rank.equals("2"));
    }

    @Test
    void sameInputAndSeedGiveByteIdenticalFilesWithOneThreadOrMany(@TempDir Path dir) throws IOException {
        Path one = dir.resolve("one");
        Path many = dir.resolve("many");
        assertThat(execute("run", "--input", generated.toString(), "--out", one.toString(), "--threads", "1",
                "--k-max", "6", "--quiet").exitCode()).isZero();
        assertThat(execute("run", "--input", generated.toString(), "--out", many.toString(), "--threads", "4",
                "--k-max", "6", "--quiet").exitCode()).isZero();
        for (String f : List.of("customers.csv", "recommendations.csv", "top_products.csv", "model.json",
                "data_profile.json", "report.html")) {
            // the JSON files name their run, which differs between the two runs
            assertThat(withoutRunId(many.resolve(f))).as(f).isEqualTo(withoutRunId(one.resolve(f)));
        }
    }

    @Test
    void autoKReportsEveryCandidateAndTheRule(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("auto");
        Outcome o = execute("run", "--input", generated.toString(), "--out", out.toString(), "--k-min", "2",
                "--k-max", "5", "--quiet");
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.err()).isEmpty();
        JsonNode k = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).at("/k_selection");
        assertThat(k.at("/candidates")).hasSize(4);
        assertThat(k.at("/rule").asText()).contains("silhouette");
        int chosen = k.at("/chosen_k").asInt();
        double best = 0;
        for (JsonNode c : k.at("/candidates")) {
            best = Math.max(best, c.get("silhouette").asDouble());
        }
        for (JsonNode c : k.at("/candidates")) {
            if (c.get("k").asInt() == chosen) {
                assertThat(c.get("silhouette").asDouble()).isGreaterThanOrEqualTo(best - 0.005);
            }
        }
        assertThat(k.at("/reason").asText()).contains("k=" + chosen);
    }

    @Test
    void aBadNumberIsReportedWithFileLineAndFieldAndNothingIsWritten(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("bad.csv");
        Files.writeString(input, "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                + "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom\n"
                + "536365,71053,WHITE METAL LANTERN,6,12/1/2010 8:26,abc,17850,United Kingdom\n",
                StandardCharsets.UTF_8);
        Path out = dir.resolve("out");
        Outcome o = execute("run", "--input", input.toString(), "--out", out.toString());
        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.err()).contains(input + ":3: field 'UnitPrice'").contains("abc").doesNotContain("Exception");
        assertThat(o.err().lines().filter(l -> l.startsWith("retailseg:")).count()).isEqualTo(1);
        assertThat(out).doesNotExist();
    }

    @Test
    void aFailedRerunLeavesThePreviousResultsUntouched(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        assertThat(execute("run", "--input", generated.toString(), "--out", out.toString(), "--k", "3", "--quiet")
                .exitCode()).isZero();
        byte[] before = Files.readAllBytes(out.resolve("customers.csv"));
        Outcome o = execute("run", "--input", dir.resolve("missing.csv").toString(), "--out", out.toString());
        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.err()).contains("missing.csv").contains("file not found");
        assertThat(Files.readAllBytes(out.resolve("customers.csv"))).isEqualTo(before);
        assertThat(Files.list(out).map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }

    @Test
    void fewerCustomersThanKIsBadInput(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("tiny.csv");
        Files.writeString(input, "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                + "1,85123A,HEART,6,12/1/2010 8:26,2.55,17850,United Kingdom\n"
                + "2,85123A,HEART,2,12/2/2010 9:26,2.55,17851,France\n"
                + "3,71053,LANTERN,1,12/3/2010 10:00,3.39,17852,United Kingdom\n", StandardCharsets.UTF_8);
        Outcome o = execute("run", "--input", input.toString(), "--out", dir.resolve("out").toString(), "--k", "5");
        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.err()).contains("too few to form k = 5");
    }

    @Test
    void anEmptyFileAndAFileWithoutCustomersAreBadInput(@TempDir Path dir) throws IOException {
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        Outcome o = execute("run", "--input", empty.toString(), "--out", dir.resolve("a").toString());
        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.err()).contains("empty.csv").contains("empty file");

        Path anonymous = dir.resolve("anonymous.csv");
        Files.writeString(anonymous, "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                + "1,85123A,HEART,6,12/1/2010 8:26,2.55,,United Kingdom\n", StandardCharsets.UTF_8);
        o = execute("run", "--input", anonymous.toString(), "--out", dir.resolve("b").toString());
        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.err()).contains("no customer left after cleaning");
        assertThat(dir.resolve("b")).doesNotExist();
    }

    @Test
    void usageErrorsExitWithTwo(@TempDir Path dir) throws IOException {
        assertThat(execute("run", "--input", generated.toString()).exitCode()).isEqualTo(2);
        assertThat(execute("run", "--input", generated.toString(), "--out", dir.toString(), "--k", "many")
                .exitCode()).isEqualTo(2);
        assertThat(execute("run", "--input", generated.toString(), "--out", dir.toString(), "--columns", "Foo=Bar")
                .err()).contains("unknown column 'Foo'");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Outcome o = execute("run", "--input", generated.toString(), "--out", file.toString());
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("is a file");
        assertThat(execute("frobnicate").exitCode()).isEqualTo(2);
        Outcome contamination = execute("run", "--input", generated.toString(), "--out", dir.toString(),
                "--contamination", "0.9");
        assertThat(contamination.exitCode()).isEqualTo(2);
        assertThat(contamination.err()).contains("contamination must be in (0, 0.5]");
    }

    @Test
    void onlineRetailTwoLayoutAndAColumnMappingAreRead(@TempDir Path dir) throws IOException {
        StringBuilder ii = new StringBuilder("Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country\n");
        StringBuilder mapped = new StringBuilder("inv;sku;text;qty;when;price;cust;land\n");
        String[] codes = {"85123A", "71053", "84406B", "22752", "21730"};
        for (int c = 0; c < 12; c++) {
            for (int line = 0; line <= c % 4; line++) {
                String code = codes[(c + line) % codes.length];
                String day = String.valueOf(1 + (c + line) % 9);
                ii.append(String.format("%d,%s,ITEM %s,%d,2010-12-0%s 10:%02d:00,%d.5,%d.0,%s%n", 500 + c * 10 + line,
                        code, code, 1 + line * c, day, c, 1 + c % 3, 13000 + c, c % 3 == 0 ? "France" : "United Kingdom"));
                mapped.append(String.format("%d;%s;ITEM %s;%d;0%s.12.2010 10:%02d;%d.5;%d;%s%n", 500 + c * 10 + line,
                        code, code, 1 + line * c, day, c, 1 + c % 3, 13000 + c, c % 3 == 0 ? "France" : "United Kingdom"));
            }
        }
        Path iiFile = Files.writeString(dir.resolve("ii.csv"), ii.toString());
        Outcome o = execute("run", "--input", iiFile.toString(), "--out", dir.resolve("ii").toString(), "--k", "2",
                "--quiet");
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.out()).contains("Customers: 12");
        // a semicolon-separated layout is not CSV: the mapping alone cannot read it, and the error says why
        Path semi = Files.writeString(dir.resolve("semi.csv"), mapped.toString());
        Outcome bad = execute("run", "--input", semi.toString(), "--out", dir.resolve("semi").toString(),
                "--columns", "InvoiceNo=inv,StockCode=sku,Description=text,Quantity=qty,InvoiceDate=when,"
                        + "UnitPrice=price,CustomerID=cust,Country=land", "--date-format", "dd.MM.yyyy HH:mm");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("semi.csv");
        Path comma = Files.writeString(dir.resolve("comma.csv"), mapped.toString().replace(';', ','));
        Outcome good = execute("run", "--input", comma.toString(), "--out", dir.resolve("comma").toString(),
                "--columns", "InvoiceNo=inv,StockCode=sku,Description=text,Quantity=qty,InvoiceDate=when,"
                        + "UnitPrice=price,CustomerID=cust,Country=land", "--date-format", "dd.MM.yyyy HH:mm",
                "--k", "2", "--quiet");
        assertThat(good.exitCode()).as(good.err()).isZero();
        assertThat(good.out()).contains("Customers: 12");
    }

    @Test
    void demoGeneratesDataAndRunsThePipeline(@TempDir Path dir) {
        Outcome o = execute("demo", "--rows", "20000", "--dir", dir.toString(), "--k-max", "5", "--quiet");
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.out()).contains("Generating 20,000", "Segments:", "Look at");
        assertThat(dir.resolve("results").resolve("summary.json")).exists();
        assertThat(dir.resolve("transactions.csv")).exists();
    }

    @Test
    void generateWritesTheRequestedRows(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("g.csv");
        Outcome o = execute("generate", "--rows", "1234", "--out", out.toString(), "--seed", "3");
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(Files.readAllLines(out)).hasSize(1235);
        assertThat(o.out()).contains("Wrote 1,234 lines");
        assertThat(execute("generate", "--rows", "0", "--out", out.toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void runWritesTheReportAndReportRebuildsItByteForByte(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        Outcome o = execute("run", "--input", generated.toString(), "--out", out.toString(), "--k", "3", "--quiet");
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.out()).contains("report.html");
        byte[] written = Files.readAllBytes(out.resolve("report.html"));
        String html = new String(written, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("echarts").doesNotContain("src=\"http")
                .doesNotContain("href=\"http");

        Path copy = dir.resolve("elsewhere/copy.html");
        Outcome rebuilt = execute("report", "--run", out.toString(), "--out", copy.toString());
        assertThat(rebuilt.exitCode()).as(rebuilt.err()).isZero();
        assertThat(rebuilt.out()).contains("copy.html").contains(" MB) in ");
        assertThat(Files.readAllBytes(copy)).isEqualTo(written);

        // into the run folder: the run is committed again as a new run whose run.json lists the new report
        String before = io.retailseg.runfolder.RunFolderReader.open(out).runId();
        Outcome again = execute("report", "--run", out.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        io.retailseg.runfolder.RunFolderReader.Run after = io.retailseg.runfolder.RunFolderReader.open(out);
        assertThat(after.runId()).isNotEqualTo(before);
        assertThat(after.has("report.html")).isTrue();
        assertThat(Files.readAllBytes(out.resolve("report.html"))).isEqualTo(written);

        // a file deleted from a finished run is named, not silently read around
        Files.delete(out.resolve("report.html"));
        Outcome changed = execute("report", "--run", out.toString());
        assertThat(changed.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(changed.err().strip()).startsWith("retailseg: " + out + "/report.html: missing: run.json lists it")
                .doesNotContain("\n");
    }

    @Test
    void noReportLeavesTheReportOut(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        Outcome o = execute("run", "--input", generated.toString(), "--out", out.toString(), "--k", "2", "--quiet",
                "--no-report");
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(out.resolve("summary.json")).exists();
        assertThat(out.resolve("data_profile.json")).exists();
        assertThat(out.resolve("report.html")).doesNotExist();
        assertThat(o.out()).doesNotContain("report.html");
    }

    @Test
    void reportOnAFolderThatHoldsNoRunIsBadInputInOneLine(@TempDir Path dir) throws IOException {
        Outcome missing = execute("report", "--run", dir.resolve("nothing").toString());
        assertThat(missing.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(missing.err().strip()).isEqualTo("retailseg: " + dir.resolve("nothing")
                + ": folder not found: expected the output folder of 'retailseg run'");

        Path empty = Files.createDirectories(dir.resolve("empty"));
        Outcome noRun = execute("report", "--run", empty.toString());
        assertThat(noRun.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(noRun.err().strip()).isEqualTo("retailseg: " + empty + ": no run.json: not the output folder of"
                + " 'retailseg run' (or the run did not finish)");
        assertThat(empty.resolve("report.html")).doesNotExist();

        Files.writeString(empty.resolve("summary.json"), "{\"cleaning\": [1, 2");
        Outcome broken = execute("report", "--run", empty.toString());
        assertThat(broken.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(broken.err()).startsWith("retailseg: " + empty + ": no run.json: written by an older retailseg"
                + " version; re-run").hasLineCount(1);
        assertThat(execute("report").exitCode()).isEqualTo(Main.USAGE);
    }

    private static String withoutRunId(Path file) throws IOException {
        return Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1)
                .replaceFirst("\"run_id\" : \"[^\"]*\"", "\"run_id\" : \"\"");
    }
}
