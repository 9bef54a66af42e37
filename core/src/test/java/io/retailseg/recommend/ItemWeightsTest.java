package io.retailseg.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import io.retailseg.config.OfferMode;
import io.retailseg.config.RecommenderKind;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The weights' columns against their rows, and the reasons read through the columns against the reasons
 * read row by row (a binary search per basket product, as before the columns), on random weights and baskets.
 */
class ItemWeightsTest {
    private static final int PRODUCTS = 60;

    /** Random rows of up to 12 weights each, some of them ties, some rows empty. */
    private static ItemWeights random(SplittableRandom random) {
        int[][] targets = new int[PRODUCTS][];
        double[][] weights = new double[PRODUCTS][];
        int[][] together = new int[PRODUCTS][];
        for (int i = 0; i < PRODUCTS; i++) {
            int[] row = random.ints(0, PRODUCTS).distinct().limit(random.nextInt(13)).toArray();
            targets[i] = row;
            weights[i] = new double[row.length];
            together[i] = new int[row.length];
            for (int e = 0; e < row.length; e++) {
                weights[i][e] = random.nextInt(4) == 0 ? 0.25 : random.nextDouble();
                together[i][e] = 1 + random.nextInt(9);
            }
        }
        return ItemWeights.ofRows(targets, weights, together);
    }

    @Test
    void eachColumnListsTheEntriesIntoItsProductByAscendingInput() {
        ItemWeights w = random(new SplittableRandom(7));
        int seen = 0;
        for (int j = 0; j < PRODUCTS; j++) {
            int previous = -1;
            for (int at = w.columnFrom(j); at < w.columnTo(j); at++) {
                int input = w.columnInput(at);
                assertThat(input).isGreaterThan(previous);
                assertThat(w.columnEntry(at)).isEqualTo(w.find(input, j));
                previous = input;
                seen++;
            }
            for (int i = 0; i < PRODUCTS; i++) {
                boolean inColumn = false;
                for (int at = w.columnFrom(j); at < w.columnTo(j); at++) {
                    inColumn |= w.columnInput(at) == i;
                }
                assertThat(inColumn).isEqualTo(w.find(i, j) >= 0);
            }
        }
        assertThat(seen).isEqualTo(w.entries());
    }

    @Test
    void reasonsReadThroughTheColumnsAreTheRowByRowReasons() {
        SplittableRandom random = new SplittableRandom(11);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < PRODUCTS; i++) {
            codes.add(String.format("P%02d", i));
        }
        Catalogue catalogue = new Catalogue(codes, codes);
        for (int round = 0; round < 20; round++) {
            ItemWeights w = random(random);
            ItemItemRecommender r = new ItemItemRecommender(RecommenderKind.CO_PURCHASE, catalogue, w,
                    new ItemItemRecommender.Settings(0, 0, 0, 0), new double[0], new int[0][]);
            for (int c = 0; c < 40; c++) {
                int[] products = random.ints(0, PRODUCTS).distinct().limit(1 + random.nextInt(20)).sorted().toArray();
                int n = products.length;
                Basket basket = new Basket(products, new int[n], new int[n], new int[n], new int[n], 0);
                for (Pick pick : r.recommend(basket, OptionalInt.empty(), 5, OfferMode.NEW_ONLY)) {
                    assertThat(pick.reason()).isEqualTo(rowByRow(w, products, pick.product()));
                }
            }
        }
    }

    /** The reason with every input weight 1 (no recency), as read before the columns: a search per product. */
    private static String rowByRow(ItemWeights w, int[] products, int j) {
        int best = -1;
        int second = -1;
        double bestValue = 0;
        double secondValue = 0;
        for (int e = 0; e < products.length; e++) {
            int x = w.find(products[e], j);
            if (x < 0) {
                continue;
            }
            double c = w.weight(x);
            if (c > bestValue) {
                second = best;
                secondValue = bestValue;
                best = e;
                bestValue = c;
            } else if (c > secondValue) {
                second = e;
                secondValue = c;
            }
        }
        if (best < 0) {
            return "scored by co-purchase";
        }
        String s = "bought with " + companion(w, products[best], j);
        return second < 0 ? s : s + " and " + companion(w, products[second], j);
    }

    private static String companion(ItemWeights w, int input, int j) {
        int together = w.together(w.find(input, j));
        return String.format("P%02d", input) + " (" + together + (together == 1 ? " customer)" : " customers)");
    }
}
