package io.retailseg.evaluate;

import static io.retailseg.evaluate.HandBaskets.A;
import static io.retailseg.evaluate.HandBaskets.B;
import static io.retailseg.evaluate.HandBaskets.C;
import static io.retailseg.evaluate.HandBaskets.D;
import static io.retailseg.evaluate.HandBaskets.E;
import static org.assertj.core.api.Assertions.assertThat;

import io.retailseg.config.RankBy;
import io.retailseg.domain.Transactions;
import io.retailseg.config.OfferMode;
import io.retailseg.recommend.SegmentBestSellers;
import java.util.Arrays;
import io.retailseg.domain.Segmentation;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every recommender on {@link HandBaskets}, expected lists worked out by hand. */
class RecommendersTest {
    private final Transactions before = HandBaskets.beforeAndAfter()[0];
    private final PurchaseHistory history = PurchaseHistory.of(before);
    private final int[] codeRank = before.stockCodes().sortRanks();

    private String[] decode(int[] codes) {
        return Arrays.stream(codes).mapToObj(c -> before.stockCodes().decode(c)).toArray(String[]::new);
    }

    private int customer(long id) {
        return history.indexOf(id);
    }

    @Test
    void historyHoldsAnyLineAsBoughtAndPositiveNonCancelledLinesAsPurchased() {
        int c1 = customer(1);
        assertThat(decode(history.codes(c1))).containsExactly(A, B, C);
        assertThat(history.netQuantity(c1)).containsExactly(5, 2, -1);
        assertThat(decode(history.purchased(c1))).containsExactly(A, B);
        assertThat(decode(history.catalogue())).containsExactlyInAnyOrder(A, B, C, D, E);
        assertThat(history.indexOf(5)).isEqualTo(-1);
    }

    @Test
    void segmentBestSellersSkipWhatTheCustomerBoughtOnlyInNewOnlyMode() {
        // Segment 0 = customers 1, 2: quantities A 5+1 = 6, B 2, C -1+3 = 2 (tie B, C by text);
        // segment 1 = customer 3: B 4, D 1; customer 4 is an outlier.
        Map<Long, Integer> segments = Map.of(1L, 0, 2L, 0, 3L, 1, 4L, -1);
        int[][] ranking = SegmentBestSellers.ranking(before,
                Segmentation.of(new long[] {1, 2, 3, 4}, new int[] {0, 0, 1, -1}, 2), RankBy.QUANTITY);
        int[] groupOf = new int[history.size()];
        for (int c = 0; c < history.size(); c++) {
            groupOf[c] = segments.get(history.customerId(c));
        }
        Recommender r = Recommenders.ranked("segment", "test", history, ranking, groupOf);
        assertThat(decode(r.recommend(customer(2), 3, OfferMode.ANY))).containsExactly(A, B, C);
        assertThat(decode(r.recommend(customer(2), 3, OfferMode.NEW_ONLY))).containsExactly(B);
        assertThat(decode(r.recommend(customer(1), 3, OfferMode.NEW_ONLY))).isEmpty();
        assertThat(decode(r.recommend(customer(3), 1, OfferMode.ANY))).containsExactly(B);
        assertThat(r.recommend(customer(4), 3, OfferMode.ANY)).isEmpty();
    }

    @Test
    void repeatRanksOwnProductsByPositiveNetQuantityAndHasNothingNew() {
        Recommender r = Recommenders.repeat(history, codeRank);
        assertThat(decode(r.recommend(customer(1), 5, OfferMode.ANY))).containsExactly(A, B);   // C nets -1
        assertThat(decode(r.recommend(customer(1), 1, OfferMode.ANY))).containsExactly(A);
        assertThat(r.recommend(customer(1), 5, OfferMode.NEW_ONLY)).isEmpty();
    }

    @Test
    void coPurchaseSumsCosineSimilaritiesToTheCustomersProducts() {
        // Buyers: A {1,2}, B {1,3}, C {1,2}, D {3}, E {4}. cos(A,C) = 2/2 = 1, cos(A,B) = cos(B,C) = 1/2,
        // cos(B,D) = 1/sqrt(2), every other pair 0, cos(X,X) = 1.
        Recommender r = Recommenders.coPurchase(history, codeRank);
        // Customer 2 has {A, C}: A = 1 + 1, C = 1 + 1, B = 1/2 + 1/2, D = E = 0.
        assertThat(decode(r.recommend(customer(2), 5, OfferMode.ANY))).containsExactly(A, C, B);
        assertThat(decode(r.recommend(customer(2), 5, OfferMode.NEW_ONLY))).containsExactly(B);
        // Customer 3 has {B, D}: B = D = 1 + 1/sqrt(2) (tie by text), A = C = 1/2, E = 0.
        assertThat(decode(r.recommend(customer(3), 5, OfferMode.ANY))).containsExactly(B, D, A, C);
        assertThat(decode(r.recommend(customer(3), 1, OfferMode.NEW_ONLY))).containsExactly(A);
        // Customer 4 has {E}, which nobody else bought: nothing new scores above 0.
        assertThat(r.recommend(customer(4), 5, OfferMode.NEW_ONLY)).isEmpty();
    }

    @Test
    void randomDrawsDistinctCatalogueProductsReproduciblyAndRespectsTheMode() {
        Recommender r = Recommenders.random(history, 7);
        int[] any = r.recommend(customer(1), 5, OfferMode.ANY);
        assertThat(decode(any)).containsExactlyInAnyOrder(A, B, C, D, E);
        assertThat(r.recommend(customer(1), 5, OfferMode.ANY)).containsExactly(any);
        assertThat(decode(r.recommend(customer(1), 5, OfferMode.NEW_ONLY))).containsExactlyInAnyOrder(D, E);
        assertThat(r.recommend(customer(1), 2, OfferMode.ANY)).hasSize(2).doesNotHaveDuplicates();
        boolean differs = false;
        for (long seed = 0; seed < 20 && !differs; seed++) {
            differs = !Arrays.equals(Recommenders.random(history, seed).recommend(customer(1), 5, OfferMode.ANY), any);
        }
        assertThat(differs).as("another seed gives another order").isTrue();
    }
}
