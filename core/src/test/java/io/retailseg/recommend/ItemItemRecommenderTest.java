package io.retailseg.recommend;

import static io.retailseg.evaluate.HandBaskets.A;
import static io.retailseg.evaluate.HandBaskets.B;
import static io.retailseg.evaluate.HandBaskets.C;
import static io.retailseg.evaluate.HandBaskets.D;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.retailseg.config.OfferMode;
import io.retailseg.config.RecommenderKind;
import io.retailseg.domain.Transactions;
import io.retailseg.evaluate.HandBaskets;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Co-purchase and the hybrid on {@link HandBaskets}, every weight and score worked by hand.
 *
 * <p>Baskets (any line counts): customer 1 {A, B, C} (C only cancelled), 2 {A, C}, 3 {B, D}, 4 {E}.
 * Co-occurrence: n_A = n_B = n_C = 2, n_D = n_E = 1; c_AB = 1, c_AC = 2, c_BC = 1, c_BD = 1, every other 0.
 * Cosine: AB = 1/2, AC = 1, BC = 1/2, BD = 1/sqrt(2).
 */
class ItemItemRecommenderTest {
    private final Transactions before = HandBaskets.beforeAndAfter()[0];
    private final Catalogue catalogue = Catalogue.of(before);
    private final Basket[] baskets = Basket.of(before, catalogue);
    private static final ItemItemRecommender.Settings PLAIN = new ItemItemRecommender.Settings(0, 0, 0, 0);

    private static double weight(ItemWeights w, int from, int to) {
        int e = w.find(from, to);
        return e < 0 ? 0 : w.weight(e);
    }

    private List<String> codes(List<Pick> picks) {
        return picks.stream().map(p -> catalogue.code(p.product())).toList();
    }

    @Test
    void cosineKeepsEachProductsNearestAndCountsTogether() {
        ItemWeights w = ItemSimilarity.cosine(baskets, 5, 2, 1);
        // A: C (1), B (1/2); B: D (1/sqrt 2), then A and C tie at 1/2 and the smaller index, A, is kept.
        assertThat(weight(w, 0, 2)).isEqualTo(1.0);
        assertThat(weight(w, 0, 1)).isEqualTo(0.5);
        assertThat(weight(w, 1, 3)).isCloseTo(1 / Math.sqrt(2), within(1e-15));
        assertThat(weight(w, 1, 0)).isEqualTo(0.5);
        assertThat(w.find(1, 2)).isNegative();
        assertThat(w.to(4) - w.from(4)).isZero();
        assertThat(w.together(w.find(0, 2))).isEqualTo(2);
        assertThat(w.together(w.find(1, 3))).isEqualTo(1);
        assertThat(w.entries()).isEqualTo(2 + 2 + 2 + 1);
    }

    @Test
    void coPurchaseScoresAreSummedCosinesWithTheProductItselfInAnyMode() {
        ItemItemRecommender r = new ItemItemRecommender(RecommenderKind.CO_PURCHASE, catalogue,
                ItemSimilarity.cosine(baskets, 5, 2, 1), new ItemItemRecommender.Settings(0, 1, 0, 0), new double[0],
                new int[0][]);
        // Customer 2 {A, C}: A = 1 (itself) + 1 (from C), C = 1 + 1, B = 1/2 (from A) + 1/2 (from C).
        List<Pick> any = r.recommend(baskets[1], OptionalInt.empty(), 5, OfferMode.ANY);
        assertThat(codes(any)).containsExactly(A, C, B);
        assertThat(any.get(0).score()).isEqualTo(2.0);
        assertThat(any.get(2).score()).isEqualTo(1.0);
        assertThat(any.get(0).reason()).isEqualTo("you bought it on 2011-03-01");
        List<Pick> newOnly = r.recommend(baskets[1], OptionalInt.empty(), 5, OfferMode.NEW_ONLY);
        assertThat(codes(newOnly)).containsExactly(B);
        assertThat(newOnly.get(0).reason()).isEqualTo("bought with 10001 (1 customer) and 10003 (1 customer)");
    }

    @Test
    void localEaseSolvesEachProductsRidgeRegressionOnItsNeighbours() {
        // Two neighbours, lambda 1. Output A: N = {C, B}, [[G_CC + 1, G_CB], [G_BC, G_BB + 1]] = [[3, 1], [1, 3]],
        // right side [G_CA, G_BA] = [2, 1]: w = [5/8, 1/8]. Output B: N = {D, A} (A before C on the tie),
        // [[2, 0], [0, 3]] w = [1, 1]: w_D = 1/2, w_A = 1/3. Output C: N = {A, B}: w_A = 5/8, w_B = 1/8.
        // Output D: N = {B}: w_B = G_BD / (G_BB + 1) = 1/3. E has no companion.
        ItemWeights w = ItemSimilarity.localEase(baskets, 5, 2, 1, 1);
        assertThat(weight(w, 2, 0)).isCloseTo(5 / 8.0, within(1e-15));
        assertThat(weight(w, 1, 0)).isCloseTo(1 / 8.0, within(1e-15));
        assertThat(weight(w, 3, 1)).isCloseTo(1 / 2.0, within(1e-15));
        assertThat(weight(w, 0, 1)).isCloseTo(1 / 3.0, within(1e-15));
        assertThat(weight(w, 0, 2)).isCloseTo(5 / 8.0, within(1e-15));
        assertThat(weight(w, 1, 2)).isCloseTo(1 / 8.0, within(1e-15));
        assertThat(weight(w, 1, 3)).isCloseTo(1 / 3.0, within(1e-15));
        assertThat(w.entries()).isEqualTo(7);
        // each weight's customers together, read off the output's own kept row: c_CA = 2, c_BA = c_DB = c_AB = 1
        assertThat(w.together(w.find(2, 0))).isEqualTo(2);
        assertThat(w.together(w.find(1, 0))).isEqualTo(1);
        assertThat(w.together(w.find(3, 1))).isEqualTo(1);
        assertThat(w.together(w.find(0, 1))).isEqualTo(1);
    }

    @Test
    void theHybridRanksNewProductsAndFillsFromTheSegment() {
        ItemItemRecommender r = RecommenderFit.hybrid(catalogue, baskets, 2, 1, PLAIN,
                new int[][] {{4, 3, 2, 1, 0}}, 1);
        // Customer 3 {B, D}: A = w_BA = 1/8, C = w_BC = 1/8 (tie: A first); D and B are theirs.
        List<Pick> picks = r.recommend(baskets[2], OptionalInt.of(0), 2, OfferMode.NEW_ONLY);
        assertThat(codes(picks)).containsExactly(A, C);
        assertThat(picks.get(0).score()).isCloseTo(1 / 8.0, within(1e-15));
        assertThat(picks.get(0).reason()).isEqualTo("bought with 10002 (1 customer)");
        // Customer 4 {E}: E lends nothing; the segment's list E, D, C, B, A fills, E skipped as theirs.
        List<Pick> filled = r.recommend(baskets[3], OptionalInt.of(0), 3, OfferMode.NEW_ONLY);
        assertThat(codes(filled)).containsExactly(D, C, B);
        assertThat(filled).extracting(Pick::score).containsOnly(0.0);
        assertThat(filled.get(0).reason()).isEqualTo("top seller #2 in your segment");
        // An outlier (no segment) gets no fill.
        assertThat(r.recommend(baskets[3], OptionalInt.empty(), 3, OfferMode.NEW_ONLY)).isEmpty();
    }

    @Test
    void recencyAndReBuysAreWorkedIntoTheScores() {
        // Nobody in the hand baskets has two orders of a product: r = 1 / (buyers + 4): A and B 1/6.
        double[] rebuy = ItemItemRecommender.rebuyShares(baskets, 5);
        assertThat(rebuy).containsExactly(1 / 6.0, 1 / 6.0, 1 / 5.0, 1 / 5.0, 1 / 5.0);
        ItemItemRecommender r = RecommenderFit.hybrid(catalogue, baskets, 2, 1,
                new ItemItemRecommender.Settings(60, 0, 2, 180), new int[0][], 1);
        // A new customer: A in 3 orders from day 100 to day 170, B once on day 130, last purchase day 170.
        Basket basket = new Basket(new int[] {0, 1}, new int[] {3, 1}, new int[] {3, 1}, new int[] {100, 130},
                new int[] {170, 130}, 170);
        double vB = Math.exp(-40 / 60.0);
        List<Pick> any = r.recommend(basket, OptionalInt.empty(), 5, OfferMode.ANY);
        // A: 2 x 1/6 x ln(1 + 3) (re-buy, age 0) + v_B w_BA; B: 2 x 1/6 x ln 2 x exp(-40/180) + v_A w_AB;
        // C: v_A w_AC + v_B w_BC = 5/8 + v_B / 8; D: v_B w_BD = v_B / 3.
        double a = 2 / 6.0 * Math.log(4) + vB / 8;
        double b = 2 / 6.0 * Math.log(2) * Math.exp(-40 / 180.0) + 1 / 3.0;
        double c = 5 / 8.0 + vB / 8;
        double d = vB / 3;
        // c = 0.689, a = 0.526, b = 0.518, d = 0.171
        assertThat(codes(any)).containsExactly(C, A, B, D);
        assertThat(any.get(0).score()).isCloseTo(c, within(1e-12));
        assertThat(any.get(1).score()).isCloseTo(a, within(1e-12));
        assertThat(any.get(2).score()).isCloseTo(b, within(1e-12));
        assertThat(any.get(3).score()).isCloseTo(d, within(1e-12));
        // A's score is mostly its re-buy: 70 days over 2 intervals = 5 weeks. B's is mostly w_AB.
        assertThat(any.get(1).reason()).isEqualTo("you buy it about every 5 weeks (3 orders, last "
                + LocalDate.ofEpochDay(170) + ")");
        assertThat(any.get(2).reason()).isEqualTo("bought with 10001 (1 customer)");
        assertThat(codes(r.recommend(basket, OptionalInt.empty(), 5, OfferMode.NEW_ONLY))).containsExactly(C, D);
    }

    @Test
    void theSameWeightsWithOneOrTwoThreads() {
        assertThat(ItemSimilarity.localEase(baskets, 5, 2, 1, 2).weights())
                .containsExactly(ItemSimilarity.localEase(baskets, 5, 2, 1, 1).weights());
        assertThat(ItemSimilarity.cosine(baskets, 5, 2, 2).targets())
                .containsExactly(ItemSimilarity.cosine(baskets, 5, 2, 1).targets());
    }
}
