package io.retailseg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.retailseg.generate.SyntheticRetailGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, data and files: every degenerate input, odd file and misuse gets one line naming the path and the
 * reason, the exit code of its kind (never 3), and nothing the user did not name as output is touched.
 */
class HardeningCliTest {
    static final String HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

    @TempDir
    static Path shared;

    private static Path input;
    private static Path model;

    @BeforeAll
    static void prepare() {
        input = shared.resolve("lines.csv");
        SyntheticRetailGenerator.write(3_000, 5, input);
        model = shared.resolve("run");
        CliTest.Outcome o = CliTest.execute("run", "--input", input.toString(), "--out", model.toString(), "--k", "3",
                "--quiet", "--no-report");
        assertThat(o.exitCode()).as(o.err()).isZero();
    }

    static String line(String invoice, String stockCode, long quantity, String date, String price, long customer) {
        return String.join(",", invoice, stockCode, "WHITE MUG", Long.toString(quantity), date, price,
                Long.toString(customer), "United Kingdom") + "\n";
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** One line on stderr, starting "retailseg: ", no raw control character, and the exit code expected. */
    static void assertOneLine(CliTest.Outcome o, int exitCode, String... contains) {
        assertThat(o.exitCode()).as(o.err()).isEqualTo(exitCode);
        String err = o.err();
        assertThat(err).endsWith("\n");
        String body = err.substring(0, err.length() - 1).replace("\r", "");
        assertThat(body).doesNotContain("\n").startsWith("retailseg: ").contains(contains)
                .doesNotContain("internal error").doesNotContain("\tat ");
        assertThat(body.chars().filter(c -> c < 0x20 || c == 0x7f)).isEmpty();
    }

    private static CliTest.Outcome run(Path in, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "--input", in.toString(), "--out", out.toString(),
                "--quiet", "--no-report"));
        args.addAll(List.of(more));
        return CliTest.execute(args.toArray(String[]::new));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    // ---- 1. score --out ----

    @Test
    void scoreRefusesToOverwriteItsInputAlsoThroughALink(@TempDir Path dir) throws IOException {
        Path lines = Files.copy(input, dir.resolve("lines.csv"));
        byte[] before = Files.readAllBytes(lines);
        assertOneLine(CliTest.execute("score", "--model", model.toString(), "--input", lines.toString(), "--out",
                lines.toString()), Main.USAGE, "--out " + lines, "is the --input file");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), lines);
        assertOneLine(CliTest.execute("score", "--model", model.toString(), "--input", lines.toString(), "--out",
                link.toString()), Main.USAGE, "is the --input file");
        Path other = dir.resolve("sub").resolve("..").resolve("lines.csv");
        Files.createDirectory(dir.resolve("sub"));
        assertOneLine(CliTest.execute("score", "--model", model.toString(), "--input", other.toString(), "--out",
                lines.toString()), Main.USAGE, "is the --input file");
        assertThat(Files.readAllBytes(lines)).isEqualTo(before);
        assertThat(names(dir)).containsExactly("lines.csv", "link.csv", "sub");
    }

    @Test
    void scoreIntoAnExistingFolderIsAUsageErrorAndLeavesNoTemporary(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectory(dir.resolve("scored"));
        assertOneLine(CliTest.execute("score", "--model", model.toString(), "--input", input.toString(), "--out",
                folder.toString()), Main.USAGE, "--out " + folder, "is a folder");
        assertThat(names(dir)).containsExactly("scored");
        assertThat(names(folder)).isEmpty();
    }

    @Test
    void scoreIntoAnUnwritablePlaceNamesThePathAndTheReason(@TempDir Path dir) throws IOException {
        Path file = write(dir, "file.txt", "x");
        Path out = file.resolve("scored.csv");
        assertOneLine(CliTest.execute("score", "--model", model.toString(), "--input", input.toString(), "--out",
                out.toString()), Main.ENVIRONMENT, "cannot create folder " + file + ": Not a directory");
        assertThat(names(dir)).containsExactly("file.txt");
    }

    // ---- 2, 3, 4. degenerate data ----

    @Test
    void aSingleCustomerIsBadInput(@TempDir Path dir) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER);
        for (int i = 0; i < 5; i++) {
            sb.append(line("53636" + i, "85123A", 6, "12/" + (i + 1) + "/2010 8:26", "2.55", 17850));
        }
        Path f = write(dir, "one.csv", sb.toString());
        assertOneLine(run(f, dir.resolve("out")), Main.BAD_INPUT, f.toString(), "1 customer after cleaning",
                "too few to form k = 2 segments");
        assertThat(names(dir)).containsExactly("one.csv");
    }

    @Test
    void customersWithIdenticalLinesAreBadInput(@TempDir Path dir) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER);
        for (int c = 0; c < 20; c++) {
            sb.append(line("536365", "85123A", 6, "12/1/2010 8:26", "2.55", 12000 + c));
        }
        Path f = write(dir, "same.csv", sb.toString());
        assertOneLine(run(f, dir.resolve("out")), Main.BAD_INPUT, f.toString(), "all 20 customers",
                "same values of the 15 features");
        assertThat(names(dir)).containsExactly("same.csv");
    }

    @Test
    void fewerDistinctCustomersThanKIsBadInputAndAutoStopsAtThem(@TempDir Path dir) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER);
        for (int c = 0; c < 20; c++) { // two kinds of customer only
            sb.append(line("536365", "85123A", c % 2 == 0 ? 6 : 60, "12/1/2010 8:26", "2.55", 12000 + c));
        }
        Path f = write(dir, "two.csv", sb.toString());
        assertOneLine(run(f, dir.resolve("out"), "--k", "3"), Main.BAD_INPUT, f.toString(), "only 2 distinct",
                "k = 3");
        CliTest.Outcome auto = run(f, dir.resolve("auto"));
        assertThat(auto.exitCode()).as(auto.err()).isZero();
        assertThat(auto.out()).contains("k = 2");
    }

    @Test
    void hugeUnitPricesAreRefusedAtIngestNamingTheLine(@TempDir Path dir) throws IOException {
        for (String price : List.of("1e200", "1e308", "-1e10", "1000000001")) {
            StringBuilder sb = new StringBuilder(HEADER);
            for (int c = 0; c < 20; c++) {
                sb.append(line("53636" + c, "85123A", c + 1, "12/" + (c % 28 + 1) + "/2010 8:26",
                        c == 7 ? price : "2.55", 12000 + c));
            }
            Path f = write(dir, "big.csv", sb.toString());
            assertOneLine(run(f, dir.resolve("out")), Main.BAD_INPUT, f + ":9: field 'UnitPrice': expected a number"
                    + " from -1000000000 to 1000000000, found \"" + price + "\"");
        }
        StringBuilder sb = new StringBuilder(HEADER); // the largest accepted price still runs
        for (int c = 0; c < 30; c++) {
            sb.append(line("53636" + c, "85123A", Integer.MAX_VALUE - c, "12/" + (c % 28 + 1) + "/2010 8:26",
                    c % 3 == 0 ? "1000000000" : "2.55", 12000 + c));
        }
        CliTest.Outcome o = run(write(dir, "max.csv", sb.toString()), dir.resolve("max"));
        assertThat(o.exitCode()).as(o.err()).isZero();
    }

    @Test
    void aFileOfCancellationsOnlyStopsWithTheReason(@TempDir Path dir) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER);
        for (int c = 0; c < 30; c++) {
            sb.append(line("C53636" + c, "8512" + c % 5, -(c + 1), "12/" + (c % 28 + 1) + "/2010 8:26", "2.55",
                    12000 + c));
        }
        Path f = write(dir, "cancelled.csv", sb.toString());
        assertOneLine(run(f, dir.resolve("out")), Main.BAD_INPUT, f.toString(), "is a cancellation",
                "nothing was bought");
        assertThat(names(dir)).containsExactly("cancelled.csv");
    }

    @Test
    void aDateOutOfRangeOnTheFirstDataLineIsBlamedOnLineTwo(@TempDir Path dir) throws IOException {
        String text = HEADER + line("536365", "85123A", 6, "12/1/1900 8:26", "2.55", 17850)
                + line("536366", "85123A", 6, "12/1/2010 8:26", "2.55", 17851);
        Path f = write(dir, "date.csv", text);
        assertOneLine(run(f, dir.resolve("out")), Main.BAD_INPUT,
                f + ":2: field 'InvoiceDate': expected a date from 1932-01-01 to 2067-12-31, found \"12/1/1900 8:26\"");
    }

    // ---- 5. messages ----

    @Test
    void aModelWithoutOutliersNamesTheField(@TempDir Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode tree = (ObjectNode) json.readTree(model.resolve("model.json").toFile());
        tree.remove("outliers");
        Path broken = dir.resolve("model.json");
        json.writeValue(broken.toFile(), tree);
        CliTest.Outcome o = CliTest.execute("score", "--model", broken.toString(), "--input", input.toString(),
                "--out", dir.resolve("scored.csv").toString());
        assertOneLine(o, Main.BAD_INPUT, "model.json", "outliers");
        assertThat(o.err()).doesNotContain("Cannot invoke");
        assertThat(names(dir)).containsExactly("model.json");
    }

    @Test
    void kBelowTwoSaysWhatIsExpected(@TempDir Path dir) {
        for (String k : List.of("0", "1", "-3")) {
            assertOneLine(run(input, dir.resolve("out"), "--k", k), Main.USAGE,
                    "--k: expected 'auto' or a whole number >= 2, found " + k);
        }
        assertOneLine(run(input, dir.resolve("out"), "--k", "two"), Main.USAGE,
                "--k: expected 'auto' or a whole number >= 2, found \"two\"");
    }

    @Test
    void aZipArchiveIsSaidToBeOne(@TempDir Path dir) throws IOException {
        Path zip = dir.resolve("lines.zip");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new java.util.zip.ZipEntry("lines.csv"));
            z.write(Files.readAllBytes(input));
        }
        assertOneLine(run(zip, dir.resolve("out")), Main.BAD_INPUT, zip + ": a zip archive, not an XLSX workbook:"
                + " expected CSV (plain or gzip) or XLSX");
    }

    @Test
    void aMissingColumnAmongTenThousandListsTwentyAndCountsTheRest(@TempDir Path dir) throws IOException {
        StringBuilder sb = new StringBuilder("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,Country");
        for (int i = 0; i < 10_000 - 7; i++) {
            sb.append(",extra_column_").append(i);
        }
        Path f = write(dir, "wide.csv", sb.append('\n').toString());
        CliTest.Outcome o = run(f, dir.resolve("out"));
        assertOneLine(o, Main.BAD_INPUT, "missing column 'CustomerID'", "extra_column_12 ... and 9,980 more");
        assertThat(o.err().length()).isLessThan(1_000);
    }

    @Test
    void controlCharactersInTheInputAreEscaped(@TempDir Path dir) throws IOException {
        String text = HEADER + line("536365", "85123A", 6, "12/1/2010 8:26", "2\u0000\u001b[31m5\u0007", 17850);
        Path f = write(dir, "nul.csv", text);
        assertOneLine(run(f, dir.resolve("out")), Main.BAD_INPUT,
                f + ":2: field 'UnitPrice': expected a number, found \"2\\0\\u001b[31m5\\u0007\"");
    }

    @Test
    void aLineLongerThanTheReadersLimitIsSaidToBe(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("long.csv");
        try (OutputStream out = Files.newOutputStream(f)) {
            out.write(HEADER.getBytes(StandardCharsets.US_ASCII));
            out.write(line("536365", "85123A", 6, "12/1/2010 8:26", "2.55", 17850).getBytes(StandardCharsets.US_ASCII));
            out.write("536366,85123A,".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "A".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 20; i++) {
                out.write(chunk);
            }
            out.write(",6,12/1/2010 8:26,2.55,17850,United Kingdom\n".getBytes(StandardCharsets.US_ASCII));
        }
        CliTest.Outcome o = run(f, dir.resolve("out"));
        assertOneLine(o, Main.BAD_INPUT, f + ":3: a field longer than the CSV reader's limit of");
        assertThat(o.err()).doesNotContain("quotation begins");
    }

    @Test
    void aFolderAsInputIsSaidToBeOne(@TempDir Path dir) {
        assertOneLine(run(dir, dir.resolve("out")), Main.BAD_INPUT, dir + ": a folder: expected a CSV");
    }

    // ---- 6. standard input and named pipes ----

    @Test
    void aNamedPipeIsReadOnceWithTheSameChecksumAsTheFile(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("lines.fifo");
        assumeTrue(Processes.exec("mkfifo", fifo.toString()) == 0, "needs mkfifo");
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                Files.copy(input, out);
            } catch (IOException e) {
                // the reader's error says what went wrong
            }
        });
        writer.start();
        CliTest.Outcome o = run(fifo, dir.resolve("out"), "--k", "3");
        writer.join(10_000);
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(checksum(dir.resolve("out"))).isEqualTo(checksum(model));
        assertThat(checksum(dir.resolve("out"))).startsWith("crc32c:");
    }

    @Test
    void standardInputIsReadAsPlainOrGzipCsv(@TempDir Path dir) throws Exception {
        Path gz = dir.resolve("lines.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(input, out);
        }
        for (Path in : List.of(input, gz)) {
            Path out = dir.resolve("out-" + in.getFileName());
            Process p = child(in, dir.resolve("child.log"), "run", "--input", "-", "--out", out.toString(), "--k", "3",
                    "--quiet", "--no-report");
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(Files.readString(dir.resolve("child.log"))).isZero();
            assertThat(checksum(out)).as("the bytes read, as stored").isEqualTo(in == input ? checksum(model)
                    : crc32c(gz));
            assertThat(new ObjectMapper().readTree(out.resolve("summary.json").toFile()).at("/input/path").asText())
                    .isEqualTo("standard input");
        }
        Path empty = write(dir, "empty.csv", "");
        Process p = child(empty, dir.resolve("child.log"), "run", "--input", "-", "--out",
                dir.resolve("none").toString(), "--quiet");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(Main.BAD_INPUT);
        assertThat(Files.readString(dir.resolve("child.log")).strip())
                .startsWith("retailseg: standard input: empty file: expected a header line");
    }

    private static String checksum(Path run) throws IOException {
        return new ObjectMapper().readTree(run.resolve("model.json").toFile()).at("/provenance/input/checksum").asText();
    }

    private static String crc32c(Path file) throws IOException {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(Files.readAllBytes(file));
        return String.format(Locale.ROOT, "crc32c:%08x", crc.getValue());
    }

    private static Process child(Path stdin, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add("io.retailseg.cli.Main");
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectInput(stdin.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

}
