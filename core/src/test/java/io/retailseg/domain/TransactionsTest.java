package io.retailseg.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The compact column storage gives back exactly what was added, across chunks and through views. */
class TransactionsTest {
    private static final long BASE = LocalDateTime.of(2010, 12, 1, 8, 26).toEpochSecond(ZoneOffset.UTC);
    /** More than two chunks of 2^16 lines, so lines on both sides of chunk boundaries are checked. */
    private static final int LINES = (2 << Transactions.CHUNK_SHIFT) + 123;

    private static Transactions lines() {
        Transactions.Builder b = new Transactions.Builder();
        for (int i = 0; i < LINES; i++) {
            b.add("5" + (i / 7), "SC" + (i % 1000), i % 11 == 0 ? null : "D" + (i % 500), i % 50 - 10,
                    BASE + i * 61L, (i % 300) / 100.0 + 0.05, i % 13 == 0 ? Transactions.MISSING_CUSTOMER : 12_000 + i % 977,
                    i % 3 == 0 ? "France" : "United Kingdom");
        }
        return b.build();
    }

    private static void assertLine(Transactions t, int row, int i) {
        assertThat(t.invoiceText(row)).isEqualTo("5" + (i / 7));
        assertThat(t.stockCodeText(row)).isEqualTo("SC" + (i % 1000));
        assertThat(t.descriptionText(row)).isEqualTo(i % 11 == 0 ? null : "D" + (i % 500));
        assertThat(t.quantity(row)).isEqualTo(i % 50 - 10);
        assertThat(t.epochSecond(row)).isEqualTo(BASE + i * 61L);
        assertThat(t.unitPrice(row)).isEqualTo((i % 300) / 100.0 + 0.05);
        long customer = i % 13 == 0 ? Transactions.MISSING_CUSTOMER : 12_000 + i % 977;
        assertThat(t.customerId(row)).isEqualTo(customer);
        assertThat(t.customerCode(row) == Transactions.MISSING_CUSTOMER_CODE)
                .isEqualTo(customer == Transactions.MISSING_CUSTOMER);
        assertThat(t.countryText(row)).isEqualTo(i % 3 == 0 ? "France" : "United Kingdom");
    }

    @Test
    void everyColumnComesBackAcrossChunkBoundaries() {
        Transactions t = lines();
        assertThat(t.size()).isEqualTo(LINES);
        int chunk = 1 << Transactions.CHUNK_SHIFT;
        for (int i : new int[] {0, 1, 15, 16, 17, chunk - 1, chunk, chunk + 1, 2 * chunk - 1, 2 * chunk, LINES - 1}) {
            assertLine(t, i, i);
        }
        for (int i = 0; i < LINES; i += 997) {
            assertLine(t, i, i);
        }
        assertThat(t.customerCodeCount()).as("distinct customer ids").isEqualTo(977);
        assertThat(t.customerIdOfCode(t.customerCode(1))).isEqualTo(12_001);
        assertThatThrownBy(() -> t.quantity(LINES)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    /**
     * Stock codes pass 65,534 distinct values at line 124,535 and descriptions near line 176,000 (both widen from
     * 16 to 32 bits then, in the middle of a chunk); prices stay under (16 bits): every code and value reads back,
     * before and after the widening, also once a view of every third line is compacted.
     */
    @Test
    void codesWidenPastSixteenBitsWithoutLosingALine() {
        int lines = (3 << Transactions.CHUNK_SHIFT) + 77;
        Transactions.Builder b = new Transactions.Builder();
        for (int i = 0; i < lines; i++) {
            b.add("5" + (i / 7), stock(i), description(i), i % 50 - 10, BASE + i * 61L, price(i), 12_000 + i % 977,
                    "United Kingdom");
        }
        Transactions t = b.build();
        assertThat(t.codeBits()).containsExactly(32, 32, 16);
        assertThat(t.stockCodes().size()).isGreaterThan(65_535);
        for (int i = 0; i < lines; i++) {
            assertThat(t.stockCodeText(i)).isEqualTo(stock(i));
            assertThat(t.descriptionText(i)).isEqualTo(description(i));
            assertThat(t.unitPrice(i)).isEqualTo(price(i));
        }
        int[] rows = new int[lines / 3];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = 3 * r + 1;
        }
        Transactions compact = t.select(rows).compactReleasing(2);
        for (int r = 0; r < rows.length; r++) {
            int i = rows[r];
            assertThat(compact.stockCodeText(r)).isEqualTo(stock(i));
            assertThat(compact.descriptionText(r)).isEqualTo(description(i));
            assertThat(compact.unitPrice(r)).isEqualTo(price(i));
            assertThat(compact.quantity(r)).isEqualTo(i % 50 - 10);
        }
    }

    private static String stock(int i) {
        return i < 60_000 ? "SC" + (i % 1000) : "U" + i;
    }

    private static String description(int i) {
        return i % 7 == 0 ? null : i < 100_000 ? "D" + (i % 500) : "E" + i;
    }

    private static double price(int i) {
        return i < 150_000 ? (i % 300) / 100.0 : i * 0.01;
    }

    @Test
    void selectIsAViewAndViewsCompose() {
        Transactions t = lines();
        int[] rows = {LINES - 1, 5, 70_000, 65_535};
        Transactions view = t.select(rows.clone());
        assertThat(view.size()).isEqualTo(4);
        for (int r = 0; r < rows.length; r++) {
            assertLine(view, r, rows[r]);
        }
        Transactions ofView = view.select(new int[] {2, 0});
        assertLine(ofView, 0, 70_000);
        assertLine(ofView, 1, LINES - 1);
        assertThatThrownBy(() -> view.quantity(4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void compactingAViewCopiesItsLinesInOrderAndGivesUpTheStorage() {
        Transactions t = lines();
        int[] rows = java.util.stream.IntStream.range(0, LINES).filter(i -> i % 5 != 2).toArray();
        Transactions compact = t.select(rows.clone()).compactReleasing();
        assertThat(compact.size()).isEqualTo(rows.length);
        for (int r = 0; r < rows.length; r++) {
            assertLine(compact, r, rows[r]);
        }
        assertThat(compact.customerCodeCount()).isEqualTo(977);
        assertThatThrownBy(() -> t.quantity(0)).as("the storage was given up").isInstanceOf(NullPointerException.class);
        assertThat(compact.compactReleasing()).as("nothing to compact").isSameAs(compact);
    }

    @Test
    void compactingAViewOutOfStorageOrderStillCopiesItsLinesInItsOrder() {
        int[] rows = {LINES - 1, 5, 70_000, 65_535, 5};
        Transactions compact = lines().select(rows.clone()).compactReleasing();
        for (int r = 0; r < rows.length; r++) {
            assertLine(compact, r, rows[r]);
        }
    }

    /** The columns are moved one per thread: in storage order (in place) or not, the same lines come out. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {2, 3, 8, 9})
    void compactingOnSeveralThreadsCopiesTheSameLines(int threads) {
        int[] inOrder = java.util.stream.IntStream.range(0, LINES).filter(i -> i % 3 != 1).toArray();
        Transactions compact = lines().select(inOrder.clone()).compactReleasing(threads);
        assertThat(compact.size()).isEqualTo(inOrder.length);
        for (int r = 0; r < inOrder.length; r++) {
            assertLine(compact, r, inOrder[r]);
        }
        int[] shuffled = {LINES - 1, 5, 70_000, 65_535, 5, 0, LINES / 2};
        Transactions moved = lines().select(shuffled.clone()).compactReleasing(threads);
        for (int r = 0; r < shuffled.length; r++) {
            assertLine(moved, r, shuffled[r]);
        }
    }

    @Test
    void descriptionRecodingComposesThroughViews() {
        Transactions.Builder b = new Transactions.Builder();
        b.add("1", "A", "red mug", 1, BASE, 1.0, 1, "UK");
        b.add("1", "B", null, 1, BASE, 1.0, 1, "UK");
        b.add("2", "C", "Red Mug", 1, BASE, 1.0, 2, "UK");
        Transactions t = b.build();
        StringDictionary upper = new StringDictionary();
        int[] recode = new int[t.descriptions().size()];
        for (int c = 0; c < recode.length; c++) {
            recode[c] = upper.encode(t.descriptions().decode(c).toUpperCase(java.util.Locale.ROOT));
        }
        Transactions view = t.select(new int[] {0, 1, 2}, recode, upper);
        assertThat(view.descriptionText(0)).isEqualTo("RED MUG");
        assertThat(view.descriptionText(1)).isNull();
        assertThat(view.description(2)).isEqualTo(view.description(0));
        assertThat(view.select(new int[] {2}).descriptionText(0)).isEqualTo("RED MUG");
        assertThat(t.descriptionText(2)).as("the table itself is unchanged").isEqualTo("Red Mug");
        Transactions compact = view.select(new int[] {2, 1}).compactReleasing();
        assertThat(compact.descriptionText(0)).as("re-coded once, in the copy").isEqualTo("RED MUG");
        assertThat(compact.descriptionText(1)).isNull();
        assertThat(compact.descriptions()).isSameAs(upper);
    }

    @Test
    void timesOutsideTheFixedWindowAreRefusedWhateverTheFirstLine() {
        Transactions.Builder b = new Transactions.Builder();
        long first = LocalDateTime.of(1932, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
        long last = LocalDateTime.of(2067, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);
        assertThatThrownBy(() -> b.add("1", "A", "x", 1, first - 1, 1.0, 1, "UK"))
                .as("the first line is checked too: the line at fault is the one refused")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a date from 1932-01-01 to 2067-12-31");
        b.add("1", "A", "x", 1, BASE, 1.0, 1, "UK");
        b.add("1", "A", "x", 1, first, 1.0, 1, "UK");
        b.add("1", "A", "x", 1, last, 1.0, 1, "UK");
        assertThatThrownBy(() -> b.add("1", "A", "x", 1, last + 1, 1.0, 1, "UK"))
                .isInstanceOf(IllegalArgumentException.class);
        Transactions t = b.build();
        assertThat(t.epochSecond(0)).isEqualTo(BASE);
        assertThat(t.epochSecond(1)).isEqualTo(first);
        assertThat(t.epochSecond(2)).isEqualTo(last);
    }

    @Test
    void priceCodesFollowFirstAppearanceWhateverTheStockCodesLastPrice() {
        // the builder tries the price last seen with the line's StockCode first; the codes must not show it
        Transactions t = new Transactions.Builder()
                .add("1", "A", "x", 1, BASE, 1.0, 1, "UK")
                .add("1", "B", "y", 1, BASE, 2.0, 1, "UK")
                .add("1", "A", "x", 1, BASE, 1.0, 1, "UK")
                .add("1", "A", "x", 1, BASE, 3.0, 1, "UK")
                .add("1", "B", "y", 1, BASE, 1.0, 1, "UK")
                .add("1", "A", "x", 1, BASE, 1.0, 1, "UK")
                .add("1", "C", "z", 1, BASE, 3.0, 1, "UK")
                .build();
        int[] codes = new int[t.size()];
        double[] prices = new double[t.size()];
        for (int r = 0; r < t.size(); r++) {
            codes[r] = t.priceCode(r);
            prices[r] = t.unitPrice(r);
        }
        assertThat(codes).containsExactly(0, 1, 0, 2, 0, 0, 2);
        assertThat(prices).containsExactly(1.0, 2.0, 1.0, 3.0, 1.0, 1.0, 3.0);
    }

    @Test
    void negativeZeroAndPositiveZeroPricesStayApart() {
        Transactions t = new Transactions.Builder()
                .add("1", "A", "x", 1, BASE, -0.0, 1, "UK")
                .add("1", "A", "x", 1, BASE, 0.0, 1, "UK")
                .build();
        assertThat(Double.doubleToRawLongBits(t.unitPrice(0))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(Double.doubleToRawLongBits(t.unitPrice(1))).isEqualTo(0L);
    }
}
