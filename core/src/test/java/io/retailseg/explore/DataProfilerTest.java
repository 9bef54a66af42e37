package io.retailseg.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.retailseg.clean.Cleaner;
import io.retailseg.domain.Transactions;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/**
 * The data profile on hand-made lines; every expected number is a tally of the comments beside the
 * lines, not an output of the profiler.
 */
class DataProfilerTest {
    private static final long NONE = Transactions.MISSING_CUSTOMER;
    private static final String UK = "United Kingdom";
    private static final LocalDateTime DEC = LocalDateTime.of(2010, 12, 5, 10, 0);
    private static final LocalDateTime JAN = LocalDateTime.of(2011, 1, 3, 9, 30);
    private static final LocalDateTime JAN_LATE = LocalDateTime.of(2011, 1, 31, 23, 59);

    private static Transactions raw() {
        return raw(new Transactions.Builder());
    }

    private static Transactions raw(Transactions.Builder builder) {
        return builder
                .add("1", "10001", "Mug", 2, DEC, 3.0, 100, UK)          // 0 kept: Dec, UK, 6.00
                .add("1", "10002", "Cup", 1, DEC, 4.0, 100, UK)          // 1 kept: Dec, UK, 4.00
                .add("2", "10001", "Mug", 5, JAN, 3.0, 200, "France")    // 2 kept: Jan, France, 15.00
                .add("C3", "10001", "Mug", -1, JAN, 3.0, 200, "France")  // 3 kept: Jan, France, cancelled -3.00
                .add("4", "10001", null, 1, JAN, 3.0, 300, UK)           // 4 dropped: no Description
                .add("5", "10003", "Bowl", 1, JAN, 2.5, NONE, UK)        // 5 dropped: no CustomerID
                .add("6", "10003", "Bowl", 1, JAN, 2.5, NONE, "")        // 6 dropped: no CustomerID, no Country
                .add("7", "10002", "Cup", 3, JAN_LATE, 4.0, 100, "")     // 7 kept: Jan, country "", 12.00
                .add("8", "10003", "Bowl", 2, JAN_LATE, 0.0, 100, UK)    // 8 dropped: price 0
                .build();
    }

    private static DataProfile profile() {
        Transactions raw = raw();
        return DataProfiler.profile(raw, Cleaner.clean(raw).lines());
    }

    @Test
    void countsMissingValuesPerColumnOverTheLinesRead() {
        DataProfile p = profile();
        assertThat(p.rowsRead()).isEqualTo(9);
        assertThat(p.missing()).extracting(DataProfile.ColumnMissing::column).containsExactly(
                "InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country");
        // Description: line 4; CustomerID: lines 5, 6; Country: lines 6, 7.
        assertThat(p.missing()).extracting(DataProfile.ColumnMissing::missing).containsExactly(
                0L, 0L, 1L, 0L, 0L, 0L, 2L, 2L);
    }

    @Test
    void linesCountedInsteadOfStoredAreProfiledAsIfStored() {
        Transactions counted = raw(new Transactions.Builder(false)); // lines 4, 5, 6 counted, not stored
        assertThat(counted.size()).isEqualTo(6);
        assertThat(DataProfiler.profile(counted, Cleaner.clean(counted).lines())).isEqualTo(profile());
        assertThat(DataProfiler.read(counted)).isEqualTo(DataProfiler.read(raw()));
    }

    @Test
    void theProfileDoesNotDependOnTheThreads() {
        Transactions raw = raw();
        Transactions clean = Cleaner.clean(raw).lines();
        DataProfiler.Read read = DataProfiler.read(raw);
        DataProfile one = DataProfiler.profile(read, clean, 1);
        assertThat(one).isEqualTo(profile());
        assertThat(DataProfiler.profile(read, clean, 2)).isEqualTo(one);
        assertThat(DataProfiler.profile(read, clean, 5)).isEqualTo(one);
        // no line: empty days and months, on any number of threads
        Transactions none = clean.select(new int[0]);
        assertThat(DataProfiler.profile(read, none, 3)).isEqualTo(DataProfiler.profile(read, none, 1));
        assertThat(DataProfiler.profile(read, none, 3).firstDay()).isEmpty();
    }

    @Test
    void cancellationsAreSharesOfTheCleanedLines() {
        DataProfile p = profile();
        // Kept: lines 0, 1, 2, 3, 7; invoices 1, 2, C3, 7; one cancelled line and invoice.
        assertThat(p.cleanedLines()).isEqualTo(5);
        DataProfile.Cancellations c = p.cancellations();
        assertThat(c.lines()).isEqualTo(5);
        assertThat(c.cancelledLines()).isEqualTo(1);
        assertThat(c.invoices()).isEqualTo(4);
        assertThat(c.cancelledInvoices()).isEqualTo(1);
        assertThat(c.salesValue()).isCloseTo(6 + 4 + 15 + 12, within(1e-9));
        assertThat(c.cancelledValue()).isCloseTo(3, within(1e-9));
        assertThat(p.firstDay()).isEqualTo("2010-12-05");
        assertThat(p.lastDay()).isEqualTo("2011-01-31");
    }

    @Test
    void countriesByLinesWithDistinctCustomers() {
        // UK: lines 0, 1 (customer 100); France: lines 2, 3 (customer 200); "": line 7 (customer 100).
        // France and UK tie on 2 lines: alphabetical order.
        assertThat(profile().countries()).containsExactly(
                new DataProfile.CountryCount("France", 2, 1),
                new DataProfile.CountryCount(UK, 2, 1),
                new DataProfile.CountryCount("", 1, 1));
    }

    @Test
    void mostFrequentStockCodesWithUpperCasedDescriptionAndNetQuantity() {
        // 10001: lines 0, 2, 3 (2 + 5 - 1 = 6); 10002: lines 1, 7 (1 + 3 = 4); 10003 has no kept line.
        assertThat(profile().stockCodes()).containsExactly(
                new DataProfile.StockCodeCount("10001", "MUG", 3, 6),
                new DataProfile.StockCodeCount("10002", "CUP", 2, 4));
    }

    @Test
    void monthlyNetRevenueInCalendarOrder() {
        DataProfile p = profile();
        assertThat(p.months()).extracting(DataProfile.MonthRevenue::month).containsExactly("2010-12", "2011-01");
        DataProfile.MonthRevenue dec = p.months().get(0);
        DataProfile.MonthRevenue jan = p.months().get(1);
        assertThat(dec.revenue()).isCloseTo(10, within(1e-9));
        assertThat(dec.lines()).isEqualTo(2);
        assertThat(dec.invoices()).isEqualTo(1);
        assertThat(dec.customers()).isEqualTo(1);
        assertThat(jan.revenue()).isCloseTo(15 - 3 + 12, within(1e-9)); // lines 2, 3, 7
        assertThat(jan.lines()).isEqualTo(3);
        assertThat(jan.invoices()).isEqualTo(3); // 2, C3, 7
        assertThat(jan.customers()).isEqualTo(2); // 200, 100
    }

    @Test
    void keepsAtMostTheTopStockCodes() {
        Transactions.Builder b = new Transactions.Builder();
        for (int code = 0; code < DataProfiler.TOP_STOCK_CODES + 5; code++) {
            for (int copy = 0; copy <= code; copy++) {
                b.add("9" + copy, Integer.toString(20000 + code), "P", 1, JAN, 1.0, 100, UK);
            }
        }
        Transactions lines = b.build();
        DataProfile p = DataProfiler.profile(lines, lines);
        assertThat(p.stockCodes()).hasSize(DataProfiler.TOP_STOCK_CODES);
        assertThat(p.stockCodes().get(0).stockCode()).isEqualTo("20014"); // 15 lines, the most
        assertThat(p.stockCodes().get(0).lines()).isEqualTo(15);
    }

    @Test
    void emptyCleanedLinesGiveEmptyDates() {
        Transactions raw = raw();
        DataProfile p = DataProfiler.profile(raw, raw.select(new int[0]));
        assertThat(p.firstDay()).isEmpty();
        assertThat(p.months()).isEmpty();
        assertThat(p.cancellations().lines()).isZero();
    }

    @Test
    void pairSetCountsEachPairOnceWithBitsAndWithTheSetAlike() {
        java.util.Random random = new java.util.Random(7);
        DataProfiler.PairSet bits = new DataProfiler.PairSet(13, 500);
        DataProfiler.PairSet set = new DataProfiler.PairSet(13, 500, 0);
        java.util.Set<java.util.List<Integer>> seen = new java.util.HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            int a = random.nextInt(13);
            int b = random.nextInt(501) - 1; // -1 is a missing customer, a pair of its own for each a
            boolean isNew = seen.add(java.util.List.of(a, b));
            assertThat(bits.add(a, b)).as("bits, pair %d %d", a, b).isEqualTo(isNew);
            assertThat(set.add(a, b)).as("set, pair %d %d", a, b).isEqualTo(isNew);
        }
        assertThat(seen).hasSizeGreaterThan(6_000).hasSizeLessThan(13 * 501);
    }
}
