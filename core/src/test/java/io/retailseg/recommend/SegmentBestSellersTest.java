package io.retailseg.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import io.retailseg.config.RankBy;
import io.retailseg.domain.Segmentation;
import io.retailseg.domain.Transactions;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 7 on hand-made lines. Segment 0 = customers 1 and 2, segment 1 = customers 3 and 5,
 * customer 4 is an outlier (in no segment).
 */
class SegmentBestSellersTest {
    private static final LocalDateTime T = LocalDateTime.of(2011, 5, 2, 10, 0);

    private static Transactions lines() {
        Transactions.Builder b = new Transactions.Builder();
        add(b, 1, "1001", "10001", "RED MUG", 5);
        add(b, 1, "1001", "10002", "GREEN JUG", 3);
        add(b, 1, "C1002", "10002", "GREEN JUG", -2);   // cancellation counts: 10002 totals 1
        add(b, 1, "1001", "10010", "TEA TIN", 6);
        add(b, 2, "1003", "10001", "RED MUG", 2);
        add(b, 2, "1003", "10001", "MUG RED", 1);       // 10001: RED MUG 4 lines vs MUG RED 1
        add(b, 2, "1003", "9999", "CAKE STAND", 6);
        add(b, 2, "1003", "10003", "BOWL BLUE", 1);     // 10003: 1 line each, tie -> BLUE BOWL
        add(b, 2, "1004", "10003", "BLUE BOWL", 1);
        add(b, 2, "1004", "10004", "SPOON", 2);
        add(b, 3, "1005", "10001", "RED MUG", 10);
        add(b, 3, "1005", "10005", "FORK", 1);
        add(b, 4, "1007", "10006", "KNIFE", 100);       // outlier: must not count anywhere
        add(b, 5, "1006", "10001", "RED MUG", 1);
        add(b, 5, "1006", "10005", "FORK", 1);
        return b.build();
    }

    private static void add(Transactions.Builder b, long customer, String invoice, String code, String description,
                            int quantity) {
        b.add(invoice, code, description, quantity, T, 1.0, customer, "United Kingdom");
    }

    private static final Segmentation SEGMENTS = Segmentation.of(new long[] {1, 2, 3, 5}, new int[] {0, 0, 1, 1}, 2);

    @Test
    void bestSellersAreRankedByQuantityIncludingCancellationsTiesByCodeText() {
        SegmentBestSellers.Result r = SegmentBestSellers.compute(lines(), SEGMENTS, 4, 2);

        // Segment 0 totals: 10001 5+2+1 = 8; 10010 6; 9999 6; 10003 1+1 = 2; 10004 2; 10002 3-2 = 1.
        // Ties by text: "10010" < "9999" and "10003" < "10004". Top 4:
        assertThat(r.topProducts(0)).containsExactly(
                new TopProduct(0, 1, "10001", "RED MUG", 8),
                new TopProduct(0, 2, "10010", "TEA TIN", 6),
                new TopProduct(0, 3, "9999", "CAKE STAND", 6),
                new TopProduct(0, 4, "10003", "BLUE BOWL", 2));
        // Segment 1 totals: 10001 10+1 = 11; 10005 1+1 = 2. Only two products sold, and the outlier's
        // 100 KNIFE appear in no segment.
        assertThat(r.topProducts(1)).containsExactly(
                new TopProduct(1, 1, "10001", "RED MUG", 11),
                new TopProduct(1, 2, "10005", "FORK", 2));
    }

    @Test
    void eachCustomerGetsTheFirstBestSellersTheyNeverBought() {
        SegmentBestSellers.Result r = SegmentBestSellers.compute(lines(), SEGMENTS, 4, 2);

        // Customer 1 bought 10001 10002 10010: from 10001, 10010, 9999, 10003 -> 9999, 10003.
        // Customer 2 bought 10001 9999 10003 10004: only 10010 is left -> one recommendation.
        // Customers 3 and 5 bought both of segment 1's products -> none. Customer 4 is an outlier -> none.
        assertThat(r.recommendations()).containsExactly(
                new Recommendation(1, 0, 1, "9999", "CAKE STAND", 1.0 / 3, "top seller #3 in your segment (by quantity)"),
                new Recommendation(1, 0, 2, "10003", "BLUE BOWL", 0.25, "top seller #4 in your segment (by quantity)"),
                new Recommendation(2, 0, 1, "10010", "TEA TIN", 0.5, "top seller #2 in your segment (by quantity)"));
    }

    @Test
    void descriptionIsTheMostFrequentThenAlphabeticallyFirst() {
        Transactions t = lines();
        String[] d = SegmentBestSellers.descriptions(t);

        assertThat(d[t.stockCodes().codeOf("10001")]).isEqualTo("RED MUG");   // 4 lines vs 1
        assertThat(d[t.stockCodes().codeOf("10003")]).isEqualTo("BLUE BOWL"); // 1 vs 1, first seen was BOWL BLUE
    }

    @Test
    void noSegmentedCustomerGivesNoBestSellers() {
        SegmentBestSellers.Result r = SegmentBestSellers.compute(lines(), Segmentation.of(new long[0], new int[0], 2), 10, 3);

        assertThat(r.topProducts()).isEmpty();
        assertThat(r.recommendations()).isEmpty();
        assertThat(r.topProducts(0)).isEqualTo(List.of());
    }

    @Test
    void rankingByBuyersCountsDistinctCustomersWithANonCancelledLine() {
        // Segment 0 buyers: 10001 customers 1 and 2 = 2; every other product 1 (10002: customer 1's
        // cancellation does not add a buyer). Ties by text: 10002 < 10003 < 10004 < 10010 < 9999.
        SegmentBestSellers.Result r = SegmentBestSellers.compute(lines(), SEGMENTS, 4, 2, RankBy.BUYERS);
        assertThat(r.topProducts(0)).extracting(TopProduct::stockCode).containsExactly("10001", "10002", "10003",
                "10004");
        // top products still carry the total quantity
        assertThat(r.topProducts(0).get(1).quantity()).isEqualTo(1);
    }

    @Test
    void rankingByRevenueUsesQuantityTimesPriceIncludingCancellations() {
        Transactions.Builder b = new Transactions.Builder();
        b.add("1", "10001", "A", 10, T, 0.5, 1, "United Kingdom");    // A: 5
        b.add("1", "10002", "B", 2, T, 4.0, 1, "United Kingdom");     // B: 8
        b.add("2", "10003", "C", 1, T, 6.0, 2, "United Kingdom");     // C: 6
        b.add("C3", "10001", "A", -2, T, 0.5, 2, "United Kingdom");   // A: 5 - 1 = 4
        Transactions t = b.build();
        Segmentation one = Segmentation.single(new long[] {1, 2});
        assertThat(codes(t, SegmentBestSellers.ranking(t, one, RankBy.REVENUE)[0]))
                .containsExactly("10002", "10003", "10001");
        assertThat(codes(t, SegmentBestSellers.ranking(t, one, RankBy.QUANTITY)[0]))
                .containsExactly("10001", "10002", "10003");
        // buyers: A has one (customer 2 only cancelled), B one, C one: all tied, by text
        assertThat(codes(t, SegmentBestSellers.ranking(t, one, RankBy.BUYERS)[0]))
                .containsExactly("10001", "10002", "10003");
        // the top products compute() writes are the head of the same ranking
        assertThat(SegmentBestSellers.compute(t, one, 2, 1, RankBy.REVENUE).topProducts(0))
                .extracting(TopProduct::stockCode).containsExactly("10002", "10003");
    }

    private static List<String> codes(Transactions t, int[] codes) {
        return java.util.Arrays.stream(codes).mapToObj(c -> t.stockCodes().decode(c)).toList();
    }
}
