package io.retailseg.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Black-box tests: the generated text is parsed with FastCSV and every statistic is counted here,
 * independently of the generator's own counters, then compared with the real file's shares.
 */
class SyntheticRetailGeneratorTest {

    private static final String HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";
    private static final Set<String> SERVICE_CODES = Set.of("POST", "D", "M", "C2", "DOT", "BANK CHARGES", "CRUK", "PADS");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("M/d/yyyy H:mm");
    private static final Pattern INVOICE = Pattern.compile("C?\\d{6,}");
    private static final Pattern PRODUCT_CODE = Pattern.compile("\\d{5}[A-Z]?");
    /** Two decimals at most, no trailing zero (Excel style); PADS alone costs 0.001 as in the real file. */
    private static final Pattern PRICE = Pattern.compile("\\d+(\\.\\d?[1-9])?");
    private static final Pattern PADS_PRICE = Pattern.compile("0\\.001");
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final LocalDateTime EARLIEST = LocalDate.of(2010, 12, 1).atStartOfDay();
    private static final LocalDateTime LATEST = LocalDate.of(2011, 12, 10).atStartOfDay();

    private static String text50k;
    private static GenerationStats stats50k;
    private static Counts counts50k;

    @BeforeAll
    static void generate() {
        StringWriter out = new StringWriter();
        stats50k = SyntheticRetailGenerator.write(50_000, 7, out);
        text50k = out.toString();
        counts50k = Counts.of(text50k);
    }

    /** Everything a test asserts on, counted from the parsed CSV. */
    record Counts(List<CsvRecord> lines, long invoices, long customers, long noCustomer, long duplicates,
                  long cancelled, long service, long zeroPrice, Map<String, Long> byCountry,
                  Map<String, Long> byProduct, Set<String> serviceCodes) {

        static Counts of(String text) {
            List<CsvRecord> lines = new ArrayList<>();
            try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(text)) {
                reader.forEach(lines::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertThat(String.join(",", lines.get(0).getFields())).isEqualTo(HEADER);
            lines = lines.subList(1, lines.size());
            Set<String> invoices = new HashSet<>();
            Set<String> customers = new HashSet<>();
            Set<List<String>> seenLines = new HashSet<>();
            Map<String, Long> byCountry = new HashMap<>();
            Map<String, Long> byProduct = new HashMap<>();
            Set<String> serviceCodes = new HashSet<>();
            long noCustomer = 0, duplicates = 0, cancelled = 0, service = 0, zeroPrice = 0;
            for (CsvRecord r : lines) {
                invoices.add(r.getField(0));
                if (r.getField(6).isEmpty()) {
                    noCustomer++;
                } else {
                    customers.add(r.getField(6));
                }
                if (!seenLines.add(r.getFields())) {
                    duplicates++;
                }
                if (r.getField(0).startsWith("C")) {
                    cancelled++;
                }
                if (SERVICE_CODES.contains(r.getField(1))) {
                    service++;
                    serviceCodes.add(r.getField(1));
                } else {
                    byProduct.merge(r.getField(1), 1L, Long::sum);
                }
                if (new BigDecimal(r.getField(5)).signum() == 0) {
                    zeroPrice++;
                }
                byCountry.merge(r.getField(7), 1L, Long::sum);
            }
            return new Counts(lines, invoices.size(), customers.size(), noCustomer, duplicates, cancelled, service,
                    zeroPrice, byCountry, byProduct, serviceCodes);
        }

        double share(long n) {
            return (double) n / lines.size();
        }
    }

    @Test
    void writesExactlyTheRequestedRowsAfterTheHeader() {
        assertThat(text50k).startsWith(HEADER + "\n").endsWith("\n").doesNotContain("\r");
        assertThat(text50k.chars().filter(c -> c == '\n').count()).isEqualTo(50_001);
        assertThat(counts50k.lines()).hasSize(50_000);
        assertThat(text50k.chars().allMatch(c -> c < 128)).as("ASCII only").isTrue();
    }

    @Test
    void returnedStatsEqualWhatTheFileContains() {
        Counts c = counts50k;
        assertThat(stats50k).isEqualTo(new GenerationStats(50_000, c.invoices(), c.customers(), c.noCustomer(),
                c.duplicates(), c.cancelled(), c.service(), c.zeroPrice(),
                text50k.getBytes(StandardCharsets.US_ASCII).length));
    }

    @Test
    void everyFieldParsesAndDatesMoveForwardByInvoice() {
        String invoice = "";
        long lastNumber = 0;
        LocalDateTime invoiceTime = EARLIEST;
        for (CsvRecord r : counts50k.lines()) {
            assertThat(r.getFieldCount()).isEqualTo(8);
            assertThat(r.getField(0)).matches(INVOICE);
            String code = r.getField(1);
            assertThat(SERVICE_CODES.contains(code) || PRODUCT_CODE.matcher(code).matches())
                    .as("StockCode %s", code).isTrue();
            assertThat(r.getField(3)).matches(INTEGER);
            assertThat(r.getField(5)).matches(code.equals("PADS") ? PADS_PRICE : PRICE);
            if (!r.getField(6).isEmpty()) {
                assertThat(r.getField(6)).matches("\\d+");
            } else {
                assertThat(r.getField(0)).doesNotStartWith("C");
            }
            if (r.getField(2).isEmpty()) {
                assertThat(r.getField(6)).as("empty Description only without customer").isEmpty();
            }
            assertThat(r.getField(7)).isNotEmpty();
            LocalDateTime time = LocalDateTime.parse(r.getField(4), DATE);
            assertThat(time).isBetween(EARLIEST, LATEST);
            if (r.getField(0).equals(invoice)) {
                assertThat(time).isEqualTo(invoiceTime);
            } else {
                long number = Long.parseLong(r.getField(0).replace("C", ""));
                assertThat(number).as("invoice numbers go up").isGreaterThan(lastNumber);
                assertThat(time).as("invoice dates never go back").isAfterOrEqualTo(invoiceTime);
                invoice = r.getField(0);
                lastNumber = number;
                invoiceTime = time;
            }
        }
        assertThat(counts50k.lines().get(0).getField(0)).isEqualTo("536365");
    }

    @Test
    void sharesResembleTheRealFile() {
        Counts c = counts50k;
        assertThat(c.share(c.noCustomer())).as("without customer").isBetween(0.20, 0.30);
        assertThat(c.share(c.duplicates())).as("duplicates").isBetween(0.003, 0.02);
        assertThat(c.share(c.cancelled())).as("cancellations").isBetween(0.01, 0.04);
        assertThat(c.serviceCodes()).contains("POST", "DOT", "M");
        assertThat(c.zeroPrice()).as("zero prices").isPositive();
        assertThat(c.byCountry()).hasSizeGreaterThanOrEqualTo(8);
        assertThat(c.share(c.byCountry().get("United Kingdom"))).as("UK").isGreaterThan(0.5);
        double linesPerInvoice = (double) c.lines().size() / c.invoices();
        assertThat(linesPerInvoice).as("lines per invoice (real 20.9)").isBetween(12.0, 32.0);
        assertThat(c.lines().stream().anyMatch(r -> r.getField(2).isEmpty())).as("empty descriptions").isTrue();
    }

    @Test
    void cancellationsReturnWhatTheCustomerBoughtBeforeAtThePricePaid() {
        Set<String> bought = new HashSet<>();
        int checked = 0;
        for (CsvRecord r : counts50k.lines()) {
            String key = r.getField(6) + "|" + r.getField(1) + "|" + r.getField(5);
            if (!r.getField(0).startsWith("C")) {
                bought.add(key);
            } else if (!SERVICE_CODES.contains(r.getField(1))) {
                assertThat(Long.parseLong(r.getField(3))).isNegative();
                assertThat(bought).as("cancelled line %s", r.getFields()).contains(key);
                checked++;
            }
        }
        assertThat(checked).isPositive();
    }

    @Test
    void productPopularityIsZipfLikeOverAThousandsStrongCatalogue() {
        StringWriter out = new StringWriter();
        SyntheticRetailGenerator.write(200_000, 11, out);
        Counts c = Counts.of(out.toString());
        long[] counts = c.byProduct().values().stream().mapToLong(Long::longValue).sorted().toArray();
        int n = counts.length;
        assertThat(n).as("distinct products").isGreaterThanOrEqualTo(1_000);
        long top10 = 0;
        for (int i = 1; i <= 10; i++) {
            top10 += counts[n - i];
        }
        // real file: top 10 codes carry 3.2% of the lines; a uniform catalogue of 4,000 would give 0.25%
        assertThat(c.share(top10)).as("top-10 share").isBetween(0.015, 0.08);
        // Zipf with exponent ~1: the 10th is several times the 1,000th
        assertThat(counts[n - 10]).isGreaterThan(3 * counts[n - 1_000]);
    }

    @Test
    void sameSeedGivesIdenticalBytesAndAnotherSeedDiffers() {
        assertThat(generate(50_000, 7)).isEqualTo(text50k);
        String a = generate(20_000, 3);
        assertThat(generate(20_000, 3)).isEqualTo(a);
        assertThat(generate(20_000, 4)).isNotEqualTo(a);
    }

    @Test
    void smallAndLargeFilesCoverTheSameYear() {
        for (long rows : new long[] {2_000, 200_000}) {
            List<CsvRecord> lines = Counts.of(generate(rows, 5)).lines();
            LocalDateTime first = LocalDateTime.parse(lines.get(0).getField(4), DATE);
            LocalDateTime last = LocalDateTime.parse(lines.get(lines.size() - 1).getField(4), DATE);
            assertThat(first.toLocalDate()).as("%d rows", rows).isEqualTo(LocalDate.of(2010, 12, 1));
            assertThat(last.toLocalDate()).as("%d rows", rows).isAfter(LocalDate.of(2011, 11, 15));
        }
    }

    @Test
    void gzipFileIsAtomicAndHoldsTheSameText(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("a/b/lines.csv.gz");
        GenerationStats stats = SyntheticRetailGenerator.write(20_000, 9, out);
        String text;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(out))) {
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        assertThat(text).isEqualTo(generate(20_000, 9));
        assertThat(stats.bytes()).isEqualTo(text.length());
        try (Stream<Path> files = Files.list(out.getParent())) {
            assertThat(files).containsExactly(out);
        }
    }

    @Test
    void plainFileIsReplacedAndItsSizeIsTheReportedBytes(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("lines.csv");
        Files.writeString(out, "old content");
        GenerationStats stats = SyntheticRetailGenerator.write(5_000, 9, out);
        assertThat(Files.size(out)).isEqualTo(stats.bytes());
        assertThat(Files.readString(out, StandardCharsets.US_ASCII)).isEqualTo(generate(5_000, 9));
    }

    @Test
    void zeroRowsWritesTheHeaderOnlyAndNegativeRowsAreRefused() {
        StringWriter out = new StringWriter();
        GenerationStats stats = SyntheticRetailGenerator.write(0, 1, out);
        assertThat(out).hasToString(HEADER + "\n");
        assertThat(stats).isEqualTo(new GenerationStats(0, 0, 0, 0, 0, 0, 0, 0, HEADER.length() + 1));
        assertThatThrownBy(() -> SyntheticRetailGenerator.write(-1, 1, new StringWriter()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void customerPopulationGrowsSubLinearlyWithinBounds() {
        assertThat(CustomerPopulation.populationFor(0)).isEqualTo(CustomerPopulation.MIN_POPULATION);
        assertThat(CustomerPopulation.populationFor(541_909)).isBetween(4_400, 8_000);
        int atTenTimes = CustomerPopulation.populationFor(5_419_090);
        assertThat(atTenTimes).isGreaterThan(CustomerPopulation.populationFor(541_909)).isLessThan(10 * 8_000);
        assertThat(CustomerPopulation.populationFor(100_000_000_000L)).isEqualTo(CustomerPopulation.MAX_POPULATION);
    }

    @Test
    void defaultShapeKeepsTheBytesOfTheFixedCatalogue() throws Exception {
        // SHA-256 of rows 20,000, seed 3 as written before the catalogue size became an option
        String text = generate(20_000, 3);
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(java.util.HexFormat.of().formatHex(digest))
                .isEqualTo("91f17910271e0d4c98b5970d8a0729f11457c6f288aa09a85b5cc154bdabfbff");
        StringWriter explicit = new StringWriter();
        SyntheticRetailGenerator.write(20_000, 3, new SyntheticRetailGenerator.Shape(4_000, 0), explicit);
        assertThat(explicit.toString()).isEqualTo(text);
    }

    @Test
    void largerCatalogueAndPopulationAreHonoured() {
        StringWriter out = new StringWriter();
        GenerationStats s = SyntheticRetailGenerator.write(300_000, 5, new SyntheticRetailGenerator.Shape(20_000, 30_000), out);
        Counts c = Counts.of(out.toString());
        long products = c.byProduct().keySet().stream().filter(code -> !SERVICE_CODES.contains(code)).count();
        assertThat(products).as("distinct products").isGreaterThan(8_000);
        assertThat(c.byProduct().keySet()).allMatch(code -> SERVICE_CODES.contains(code) || code.matches("\\d{5,7}[A-Z]?"));
        // heavy-tailed activity: at 10 lines per member only part of the population occurs (5,702 here),
        // but more than in the default population for these rows
        long byDefault = SyntheticRetailGenerator.write(300_000, 5, SyntheticRetailGenerator.Shape.DEFAULT,
                new StringWriter()).customers();
        assertThat(s.customers()).isGreaterThan(byDefault).isLessThanOrEqualTo(30_000L);
        assertThatThrownBy(() -> new SyntheticRetailGenerator.Shape(100, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String generate(long rows, long seed) {
        StringWriter out = new StringWriter();
        SyntheticRetailGenerator.write(rows, seed, out);
        return out.toString();
    }
}
