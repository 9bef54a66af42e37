package io.retailseg.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.retailseg.config.Compat;
import io.retailseg.domain.CustomerTable;
import io.retailseg.domain.Feature;
import io.retailseg.domain.Transactions;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 2 on four hand-made customers. Every expected value is worked out by hand in the
 * comments; the last day of the data is 2011-03-10 (customer 12347's line f).
 *
 * <p>Weekdays used (Monday = 0): 2010-12-08 Wed, 2011-01-03 Mon, 01-04 Tue, 01-05 Wed, 01-18 Tue,
 * 02-01 Tue, 03-01 Tue, 03-05 Sat, 03-07 Mon, 03-10 Thu.
 */
class FeatureExtractorTest {
    private static final double EPS = 1e-9;
    private static final String UK = "United Kingdom";

    private record Line(String invoice, String stock, int quantity, LocalDateTime at, double price, long customer,
                        String country) {
    }

    private static LocalDateTime at(int y, int m, int d, int h, int min) {
        return LocalDateTime.of(y, m, d, h, min);
    }

    /** The lines, customers interleaved in file order; letters name lines in the comments below. */
    private static List<Line> lines() {
        return List.of(
                new Line("541001", "85123A", 6, at(2011, 1, 3, 9, 15), 2.55, 12347, UK),        // a  15.30
                new Line("C542004", "21212", -12, at(2011, 1, 5, 13, 0), 0.55, 12348, UK),     // j  -6.60
                new Line("541001", "71053", 2, at(2011, 1, 3, 9, 15), 3.39, 12347, UK),         // b   6.78
                new Line("543001", "22727", 4, at(2011, 3, 1, 12, 0), 3.75, 12349, "Germany"),  // l  15.00
                new Line("540001", "23166", 10, at(2011, 1, 18, 10, 1), 1.04, 12346, UK),       // s  10.40
                new Line("542003", "22423", 1, at(2011, 2, 1, 13, 0), 12.75, 12348, UK),        // g  12.75
                new Line("543001", "22726", 4, at(2011, 3, 1, 12, 0), 3.75, 12349, "Germany"),  // m  15.00
                new Line("C541002", "85123A", -1, at(2011, 1, 5, 14, 30), 2.55, 12347, UK),     // c  -2.55
                new Line("542001", "22423", 2, at(2010, 12, 8, 10, 0), 12.75, 12348, UK),       // h  25.50
                new Line("541003", "22633", 12, at(2011, 3, 7, 14, 5), 1.85, 12347, "France"),  // d  22.20
                new Line("541005", "85123A", 4, at(2011, 3, 7, 14, 5), 2.55, 12347, "France"),  // e  10.20
                new Line("542002", "21212", 24, at(2011, 1, 4, 10, 0), 0.55, 12348, UK),        // i  13.20
                new Line("543002", "22727", 2, at(2011, 3, 5, 12, 0), 3.75, 12349, "Germany"),  // n   7.50
                new Line("541004", "84879", 8, at(2011, 3, 10, 11, 0), 1.69, 12347, "France")); // f  13.52
    }

    private static Transactions build(List<Line> lines) {
        Transactions.Builder b = new Transactions.Builder();
        for (Line l : lines) {
            b.add(l.invoice(), l.stock(), "ITEM " + l.stock(), l.quantity(), l.at(), l.price(), l.customer(),
                    l.country());
        }
        return b.build();
    }

    /** Expected features in {@link Feature} order. */
    private static void assertFeatures(CustomerTable table, long customer, double... expected) {
        int row = table.rowOf(customer);
        assertThat(row).as("customer %d present", customer).isGreaterThanOrEqualTo(0);
        for (Feature f : Feature.values()) {
            assertThat(table.value(row, f)).as("%s of %d", f.columnName(), customer)
                    .isCloseTo(expected[f.ordinal()], within(EPS));
        }
    }

    @Test
    void monthIndexIsLocalDatesYearAndMonthOnEveryDayAcceptedAndBeyond() {
        // Transactions accept 1932-01-01 .. 2067-12-31; a century either side covers the leap-year rules
        long from = Transactions.FIRST_DAY.minusYears(100).toEpochDay();
        long to = Transactions.LAST_DAY.plusYears(100).toEpochDay();
        for (long day = from; day <= to; day++) {
            LocalDate d = LocalDate.ofEpochDay(day);
            assertThat(FeatureExtractor.monthIndex(day)).as("%s", d).isEqualTo(d.getYear() * 12L + d.getMonthValue() - 1);
        }
    }

    @Test
    void everyFeatureOfEveryCustomerMatchesTheHandCalculation() {
        CustomerTable t = FeatureExtractor.extract(build(lines()), Compat.SPEC);

        assertThat(t.customerIds()).containsExactly(12346, 12347, 12348, 12349);
        // 12346, one line s on Tue 2011-01-18 10:01: recency 2011-01-18 -> 2011-03-10 = 13 + 28 + 10 = 51;
        // spend 10 * 1.04 = 10.40; one day so gap 0; one month so std and trend 0.
        assertFeatures(t, 12346, 51, 1, 10, 10.40, 10.40, 1, 0, 1, 10, 1, 0, 0, 10.40, 0, 0);
        // 12347, lines a b c d e f: invoices 541001, C541002, 541003, 541005, 541004 = 5;
        // quantity 6 + 2 - 1 + 12 + 4 + 8 = 31; spend 15.30 + 6.78 - 2.55 + 22.20 + 10.20 + 13.52 = 65.45;
        // ATV 65.45 / 5 = 13.09; codes 85123A 71053 22633 84879 = 4;
        // days Jan 3, Jan 5, Mar 7, Mar 10: (66 days) / (4 - 1) = 22;
        // weekday Mon (a b d e) 4 lines -> 0; hours 9,9,14,14,14,11 -> 14;
        // countries UK 3 (a b c) vs France 3 (d e f): tie -> France, alphabetically first -> Is_UK 0;
        // 1 cancelled invoice of 5 -> 0.2; months Jan 15.30 + 6.78 - 2.55 = 19.53, (no Feb), Mar
        // 22.20 + 10.20 + 13.52 = 45.92: mean 32.725, std |45.92 - 19.53| / sqrt(2) = 18.660547955...,
        // slope over x = 0, 1 (Feb skipped): 45.92 - 19.53 = 26.39.
        assertFeatures(t, 12347, 0, 5, 31, 65.45, 13.09, 4, 22, 0, 14, 0, 1, 0.2, 32.725,
                26.39 / Math.sqrt(2), 26.39);
        // 12348, lines j g h i (file order not calendar order): recency Feb 1 -> Mar 10 = 27 + 10 = 37;
        // 4 invoices; quantity -12 + 1 + 2 + 24 = 15; spend -6.60 + 12.75 + 25.50 + 13.20 = 44.85;
        // ATV 11.2125; codes 2; days Dec 8, Jan 4, Jan 5, Feb 1: 55 days / 3;
        // weekdays Wed j h, Tue g i: tie -> Tue = 1; hours 13 j g, 10 h i: tie -> 10; UK;
        // 1 cancelled of 4 = 0.25; months in calendar order Dec 25.50, Jan 13.20 - 6.60 = 6.60, Feb 12.75:
        // mean 44.85 / 3 = 14.95; deviations 10.55, -8.35, -2.20, squares sum 185.865, / 2 = 92.9325,
        // std sqrt(92.9325); slope (x = 0, 1, 2) = (12.75 - 25.50) / 2 = -6.375.
        assertFeatures(t, 12348, 37, 4, 15, 44.85, 11.2125, 2, 55.0 / 3, 1, 10, 1, 1, 0.25, 14.95,
                Math.sqrt(92.9325), -6.375);
        // 12349, lines l m n in Germany: recency Mar 5 -> Mar 10 = 5; invoices 543001, 543002;
        // quantity 10; spend 15 + 15 + 7.5 = 37.5; ATV 18.75; codes 22727 22726; days Mar 1, Mar 5: 4 / 1;
        // Tue 2 lines vs Sat 1 -> 1; hour 12; not UK; one month.
        assertFeatures(t, 12349, 5, 2, 10, 37.5, 18.75, 2, 4, 1, 12, 0, 0, 0, 37.5, 0, 0);
    }

    @Test
    void recencyIsMeasuredFromAnExplicitReferenceDay() {
        long march20 = LocalDate.of(2011, 3, 20).toEpochDay();
        CustomerTable t = FeatureExtractor.extract(build(lines()), Compat.SPEC, march20);

        // 10 days after the data's last day (Mar 10): every recency grows by 10.
        assertThat(t.column(Feature.DAYS_SINCE_LAST_PURCHASE)).containsExactly(61, 10, 47, 15);
        assertThat(FeatureExtractor.lastDay(build(lines()))).isEqualTo(LocalDate.of(2011, 3, 10).toEpochDay());
    }

    @Test
    void notebookCompatReproducesTheReferenceQuirks() {
        CustomerTable spec = FeatureExtractor.extract(build(lines()), Compat.SPEC);
        CustomerTable nb = FeatureExtractor.extract(build(lines()), Compat.NOTEBOOK);

        // 12346 has a single line: no gap value, dropped.
        assertThat(nb.customerIds()).containsExactly(12347, 12348, 12349);
        // Gap = mean of day differences of consecutive lines in file order:
        // 12347 a b c d e f: 0, 2, 61, 0, 3 -> 66 / 5 = 13.2;
        // 12348 j g h i (Jan 5, Feb 1, Dec 8, Jan 4): 27, -55, 27 -> -1 / 3;
        // 12349 l m n (Mar 1, Mar 1, Mar 5): 0, 4 -> 2.
        assertThat(nb.column(Feature.AVERAGE_DAYS_BETWEEN_PURCHASES))
                .containsExactly(new double[] {13.2, -1.0 / 3, 2.0}, within(EPS));
        // Rate = frequency of the i-th kept customer / transactions of the i-th of all customers
        // (12346: 1, 12347: 5, 12348: 4): 12347 1/1, 12348 1/5 (SPEC: 1/4), 12349 0/4.
        assertThat(nb.column(Feature.CANCELLATION_RATE)).containsExactly(new double[] {1.0, 0.2, 0.0}, within(EPS));
        // Every other feature is SPEC's.
        for (int row = 0; row < nb.size(); row++) {
            int specRow = spec.rowOf(nb.customerId(row));
            for (Feature f : Feature.values()) {
                if (f != Feature.AVERAGE_DAYS_BETWEEN_PURCHASES && f != Feature.CANCELLATION_RATE) {
                    assertThat(nb.value(row, f)).as(f.columnName()).isEqualTo(spec.value(specRow, f));
                }
            }
        }
    }

    @Test
    void permutingTheLinesLeavesTheTableIdentical() {
        List<Line> original = new ArrayList<>(lines());
        original.addAll(generated(600, 25));
        CustomerTable expected = FeatureExtractor.extract(build(original), Compat.SPEC);
        Random random = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            List<Line> shuffled = new ArrayList<>(original);
            Collections.shuffle(shuffled, random);

            CustomerTable actual = FeatureExtractor.extract(build(shuffled), Compat.SPEC);

            assertThat(actual.customerIds()).containsExactly(expected.customerIds());
            assertThat(Arrays.deepEquals(actual.matrix(), expected.matrix()))
                    .as("trial %d: bit-identical feature matrix", trial).isTrue();
        }
    }

    @Test
    void aTableComputedOnTwoThreadsEqualsEachCustomerComputedAlone() {
        // Above PARALLEL_FROM customers the upper half of the rows is computed on another thread: every row
        // must still be the one its customer's lines give alone, bit for bit, in both halves.
        Transactions all = build(generated(40_000, 6_000));
        long lastDay = FeatureExtractor.lastDay(all);
        CustomerTable table = FeatureExtractor.extract(all, Compat.SPEC, lastDay);
        assertThat(table.size()).isGreaterThan(2 * FeatureExtractor.PARALLEL_FROM);

        Map<Long, List<Integer>> linesOf = new TreeMap<>();
        for (int r = 0; r < all.size(); r++) {
            linesOf.computeIfAbsent(all.customerId(r), id -> new ArrayList<>()).add(r);
        }
        assertThat(linesOf).hasSize(table.size());
        for (Map.Entry<Long, List<Integer>> customer : linesOf.entrySet()) {
            int[] rows = customer.getValue().stream().mapToInt(Integer::intValue).toArray();
            CustomerTable alone = FeatureExtractor.extract(all.select(rows), Compat.SPEC, lastDay);
            assertThat(alone.row(0)).as("customer %d", customer.getKey())
                    .containsExactly(table.row(table.rowOf(customer.getKey())));
        }
    }

    /** Many lines with retail-like prices, so sums are inexact in binary and order could show. */
    private static List<Line> generated(int count, int customers) {
        double[] prices = {0.29, 0.42, 0.85, 1.25, 1.65, 2.1, 2.55, 3.39, 4.95, 7.95, 12.75, 0.19};
        String[] countries = {UK, "France", "Germany", "EIRE"};
        Random r = new Random(11);
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long customer = 20000 + r.nextInt(customers);
            boolean cancel = r.nextInt(10) == 0;
            int q = (1 + r.nextInt(48)) * (cancel ? -1 : 1);
            LocalDateTime at = LocalDateTime.of(2011, 1, 1, 8, 0).plusDays(r.nextInt(340)).plusHours(r.nextInt(10));
            out.add(new Line((cancel ? "C" : "") + (560000 + r.nextInt(150)), "2" + (1000 + r.nextInt(60)), q, at,
                    prices[r.nextInt(prices.length)], customer, countries[r.nextInt(countries.length)]));
        }
        return out;
    }

    /** Sorted runs merged give Arrays.sort's order to the bit: empty runs, one run, -0.0 before 0.0, ties. */
    @Test
    void mergingSortedRunsGivesTheSortsOrder() {
        Random random = new Random(5);
        double[] values = {-0.0, 0.0, 1.5, -2.25, 0.1 + 0.2, 0.3, 1e-300, -1e300};
        for (int trial = 0; trial < 500; trial++) {
            int m = 1 + random.nextInt(60);
            int runs = 1 + random.nextInt(14);
            double[] a = new double[m];
            for (int i = 0; i < m; i++) {
                a[i] = random.nextInt(3) == 0 ? values[random.nextInt(values.length)]
                        : random.nextInt(7) * 0.35 - random.nextInt(50) * 1.1;
            }
            int[] start = new int[runs + 1];
            for (int k = 1; k < runs; k++) {
                start[k] = random.nextInt(m + 1);
            }
            start[runs] = m;
            Arrays.sort(start, 1, runs); // some runs empty
            for (int k = 0; k < runs; k++) {
                Arrays.sort(a, start[k], start[k + 1]);
            }
            double[] expected = a.clone();
            Arrays.sort(expected);
            double[] merged = FeatureExtractor.mergeSortedRuns(a, start, new double[m]);
            for (int i = 0; i < m; i++) {
                assertThat(Double.doubleToRawLongBits(merged[i])).as("trial %d, place %d", trial, i)
                        .isEqualTo(Double.doubleToRawLongBits(expected[i]));
            }
        }
    }
}
