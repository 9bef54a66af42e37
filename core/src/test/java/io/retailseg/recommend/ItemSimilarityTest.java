package io.retailseg.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The co-occurrence counts are the brute-force ones, whichever way a product's row is counted, and the
 * neighbour selection of the item-item weights keeps what {@link TopScores} keeps, in its order.
 */
class ItemSimilarityTest {
    @Test
    void cooccurrenceCountsArePairsOfBasketsWhicheverWayARowIsCounted() {
        // 150 products, 200 customers: popular products have more counts than products (counted densely, read
        // off the scratch row), rare ones fewer (counted with a list of first sights); then 8 kept per row.
        // Both ways of counting: once per pair into a triangle, in three blocks of rows (what 150 products
        // get), and row by row (what a catalogue beyond the triangle's limit gets), on one thread and on three
        int products = 150;
        SplittableRandom r = new SplittableRandom(3);
        Basket[] baskets = new Basket[200];
        for (int c = 0; c < baskets.length; c++) {
            List<Integer> chosen = new ArrayList<>();
            for (int p = 0; p < products; p++) {
                // product p bought with chance falling from 0.5 to about 0.01
                if (r.nextDouble() < 0.5 / (1 + p)) {
                    chosen.add(p);
                }
            }
            int[] ps = chosen.stream().mapToInt(Integer::intValue).toArray();
            int n = ps.length;
            baskets[c] = new Basket(ps, new int[n], new int[n], new int[n], new int[n], 0);
        }
        for (int candidates : new int[] {products, 8}) {
            for (long maxTrianglePairs : new long[] {ItemSimilarity.MAX_TRIANGLE_PAIRS, 0}) {
                for (int threads : new int[] {1, 3}) {
                    ItemSimilarity.Cooccurrence co = ItemSimilarity.cooccurrence(baskets, products, candidates,
                            threads, maxTrianglePairs);
                    assertBruteForceCounts(co, baskets, products, candidates);
                }
            }
        }
    }

    private static void assertBruteForceCounts(ItemSimilarity.Cooccurrence co, Basket[] baskets, int products,
                                               int candidates) {
        for (int i = 0; i < products; i++) {
            int[] count = new int[products];
            for (Basket b : baskets) {
                if (b.has(i)) {
                    for (int j : b.products()) {
                        count[j] += j == i ? 0 : 1;
                    }
                }
            }
            // the largest counts, ties by the smaller index, listed by index
            TopScores top = new TopScores(candidates);
            for (int j = 0; j < products; j++) {
                if (count[j] > 0) {
                    top.offer(j, count[j]);
                }
            }
            int[] expected = top.products();
            java.util.Arrays.sort(expected);
            int[] expectedCounts = new int[expected.length];
            for (int e = 0; e < expected.length; e++) {
                expectedCounts[e] = count[expected[e]];
            }
            assertThat(co.targets[i]).as("product %d, %d kept", i, candidates).containsExactly(expected);
            assertThat(co.counts[i]).as("product %d, %d kept", i, candidates).containsExactly(expectedCounts);
        }
    }

    @Test
    void theBestPositionsAreTopScoresOnesWithTiesByPosition() {
        SplittableRandom r = new SplittableRandom(5);
        for (int round = 0; round < 2_000; round++) {
            int length = r.nextInt(300);
            double[] values = new double[length];
            // few distinct values, so most comparisons are ties decided by position
            int distinct = 1 + r.nextInt(8);
            for (int e = 0; e < length; e++) {
                values[e] = r.nextInt(distinct) / 7.0;
            }
            int m = r.nextInt(length + 1);
            TopScores top = new TopScores(m);
            for (int e = 0; e < length; e++) {
                top.offer(e, values[e]);
            }
            assertThat(ItemSimilarity.best(values, m)).as("round %d: %d of %d", round, m, length)
                    .containsExactly(top.products());
        }
    }
}
