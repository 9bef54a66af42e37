package io.retailseg.recommend;

import static io.retailseg.evaluate.HandBaskets.A;
import static io.retailseg.evaluate.HandBaskets.B;
import static io.retailseg.evaluate.HandBaskets.C;
import static io.retailseg.evaluate.HandBaskets.D;
import static io.retailseg.evaluate.HandBaskets.E;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.retailseg.config.OfferMode;
import io.retailseg.config.RecommenderKind;
import io.retailseg.domain.Transactions;
import io.retailseg.evaluate.HandBaskets;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** EASE on {@link HandBaskets} worked with exact fractions, and against numpy on a committed fixture. */
class EaseTest {
    private final Transactions before = HandBaskets.beforeAndAfter()[0];
    private final Catalogue catalogue = Catalogue.of(before);
    /** Customers 1..4, in order. */
    private final Basket[] baskets = Basket.of(before, catalogue);

    private int[][] rows() {
        return Arrays.stream(baskets).map(Basket::products).toArray(int[][]::new);
    }

    private String[] codes(ProductRecommender r, int customer, int n, OfferMode mode) {
        return r.recommend(baskets[customer - 1], OptionalInt.empty(), n, mode).stream()
                .map(p -> catalogue.code(p.product())).toArray(String[]::new);
    }

    @Test
    void weightsOfTheHandBasketsMatchTheExactInverse() {
        // X (any line counts, so customer 1's cancelled C does): 1 {A,B,C}, 2 {A,C}, 3 {B,D}, 4 {E}.
        // With lambda = 1, X^T X + I is block diagonal: E alone (2), and over A, B, C, D
        //   [[3,1,2,0],[1,3,1,1],[2,1,3,0],[0,1,0,2]], determinant 21, whose inverse P is
        //   [[13,-2,-8,1],[-2,10,-2,-5],[-8,-2,13,1],[1,-5,1,13]] / 21 (check: row A . column A = 39+(-2)+(-16)
        //   = 21). B_ij = -P_ij / P_jj: row A = (0, 1/5, 8/13, -1/13), B = (2/13, 0, 2/13, 5/13),
        //   C = (8/13, 1/5, 0, -1/13), D = (-1/13, 1/2, -1/13, 0); E's row and column are 0.
        double[][] b = Ease.weights(rows(), 5, 1.0);
        double[][] expected = {
            {0, 1 / 5.0, 8 / 13.0, -1 / 13.0, 0},
            {2 / 13.0, 0, 2 / 13.0, 5 / 13.0, 0},
            {8 / 13.0, 1 / 5.0, 0, -1 / 13.0, 0},
            {-1 / 13.0, 1 / 2.0, -1 / 13.0, 0, 0},
            {0, 0, 0, 0, 0}};
        assertThat(catalogue.codes()).containsExactly(A, B, C, D, E);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                assertThat(b[i][j]).as("B[%d][%d]", i, j).isCloseTo(expected[i][j], within(1e-12));
            }
        }
    }

    @Test
    void recommendsBySummedWeightsAndSkipsKnownProductsInNewOnly() {
        ProductRecommender r = new ItemItemRecommender(RecommenderKind.EASE, catalogue,
                ItemSimilarity.truncate(Ease.weightMatrix(rows(), 5, 1.0).data, baskets, 5, 200, 1),
                new ItemItemRecommender.Settings(0, 0, 0, 0), new double[0], new int[0][]);
        // Customer 2 {A, C}: rows A + C = A 8/13, B 2/5, C 8/13, D -2/13, E 0. A and C tie in exact
        // arithmetic but not in floating point (-P_CA / P_AA vs -P_AC / P_CC), so either may come first;
        // only positive scores are offered (D's is negative, E's 0).
        String[] any = codes(r, 2, 5, OfferMode.ANY);
        assertThat(any).hasSize(3);
        assertThat(Arrays.copyOf(any, 2)).containsExactlyInAnyOrder(A, C);
        assertThat(any[2]).isEqualTo(B);
        assertThat(codes(r, 2, 5, OfferMode.NEW_ONLY)).containsExactly(B);
        // Customer 3 {B, D}: A 1/13, B 1/2, C 1/13, D 5/13, E 0.
        assertThat(codes(r, 3, 5, OfferMode.ANY)).containsExactly(B, D, A, C);
        assertThat(codes(r, 3, 2, OfferMode.NEW_ONLY)).containsExactly(A, C);
        // Customer 1 had a line of A, B and C (C only cancelled): all three are known; D scores
        // -1/13 + 5/13 + -1/13 = 3/13.
        assertThat(codes(r, 1, 5, OfferMode.NEW_ONLY)).containsExactly(D);
        // Customer 4 {E}: E's row is 0, nothing has a positive score.
        assertThat(codes(r, 4, 5, OfferMode.NEW_ONLY)).isEmpty();
        // The reason quotes the customers who bought both: D with B (customer 3).
        assertThat(r.recommend(baskets[0], OptionalInt.empty(), 1, OfferMode.NEW_ONLY).get(0).reason())
                .isEqualTo("bought with 10002 (1 customer)");
    }

    @Test
    void matchesNumpyOnTheCommittedFixture() throws IOException {
        JsonNode fixture = RecommenderFixture.load();
        int items = fixture.get("items").asInt();
        JsonNode ease = fixture.get("ease");
        double[][] b = Ease.weights(RecommenderFixture.intRows(fixture.get("rows")), items,
                ease.get("lambda").asDouble());
        double[][] expected = RecommenderFixture.doubles(ease.get("B"));
        for (int i = 0; i < items; i++) {
            for (int j = 0; j < items; j++) {
                assertThat(b[i][j]).as("B[%d][%d]", i, j).isCloseTo(expected[i][j], within(1e-9));
            }
        }
    }

    @Test
    void theConcurrentInverseGivesTheSameBits() throws IOException {
        JsonNode fixture = RecommenderFixture.load();
        int items = fixture.get("items").asInt();
        int[][] rows = RecommenderFixture.intRows(fixture.get("rows"));
        // a catalogue large enough for EJML's block solver to split the work
        int p = 600;
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        int[][] many = new int[3_000][];
        for (int c = 0; c < many.length; c++) {
            many[c] = rng.ints(2 + rng.nextInt(30), 0, p).distinct().sorted().toArray();
        }
        // Arrays.equals: AssertJ's containsExactly diffs 360,000 values pairwise
        assertThat(Arrays.equals(Ease.weightMatrix(many, p, 50, 2).data, Ease.weightMatrix(many, p, 50, 1).data))
                .as("600 products, 2 threads vs 1").isTrue();
        assertThat(Arrays.equals(Ease.weightMatrix(rows, items, 3, 2).data, Ease.weightMatrix(rows, items, 3, 1).data))
                .as("fixture, 2 threads vs 1").isTrue();
    }

    @Test
    void refusesBadLambdaAndCataloguesAboveTheLimit() {
        assertThatThrownBy(() -> ItemSimilarity.localEase(baskets, 5, 3, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambda");
        assertThatThrownBy(() -> Ease.weights(new int[0][], 3, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambda");
        assertThatThrownBy(() -> Ease.weights(new int[0][], Ease.MAX_PRODUCTS + 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 20000 products");
    }

    /** Reads core/src/test/resources/fixtures/evaluate/recommenders.json (make_recommender_fixtures.py). */
    public static final class RecommenderFixture {
        private RecommenderFixture() {
        }

        public static JsonNode load() throws IOException {
            try (InputStream in = EaseTest.class.getResourceAsStream("/fixtures/evaluate/recommenders.json")) {
                return new ObjectMapper().readTree(in);
            }
        }

        public static int[][] intRows(JsonNode node) {
            int[][] out = new int[node.size()][];
            for (int i = 0; i < node.size(); i++) {
                JsonNode row = node.get(i);
                out[i] = new int[row.size()];
                for (int j = 0; j < row.size(); j++) {
                    out[i][j] = row.get(j).asInt();
                }
            }
            return out;
        }

        public static double[][] doubles(JsonNode node) {
            double[][] out = new double[node.size()][];
            for (int i = 0; i < node.size(); i++) {
                JsonNode row = node.get(i);
                out[i] = new double[row.size()];
                for (int j = 0; j < row.size(); j++) {
                    out[i][j] = row.get(j).asDouble();
                }
            }
            return out;
        }
    }
}
