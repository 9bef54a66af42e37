package io.retailseg.recommend;

import static io.retailseg.evaluate.HandBaskets.A;
import static io.retailseg.evaluate.HandBaskets.B;
import static io.retailseg.evaluate.HandBaskets.C;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.retailseg.config.OfferMode;
import io.retailseg.domain.Transactions;
import io.retailseg.evaluate.HandBaskets;
import io.retailseg.recommend.EaseTest.RecommenderFixture;
import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Implicit ALS against numpy's full normal equations, and its determinism. */
class ImplicitAlsTest {
    @Test
    void matchesNumpyFromTheSameStartingFactors() throws IOException {
        JsonNode fixture = RecommenderFixture.load();
        JsonNode als = fixture.get("als");
        ImplicitAls.Settings settings = new ImplicitAls.Settings(als.get("factors").asInt(),
                als.get("lambda").asDouble(), als.get("alpha").asDouble(), als.get("iterations").asInt());
        double[][] start = RecommenderFixture.doubles(als.get("initial_items"));
        ImplicitAls.Factors f = ImplicitAls.fit(RecommenderFixture.intRows(fixture.get("rows")),
                RecommenderFixture.intRows(fixture.get("counts")), start, settings, 1);
        assertClose(f.users(), RecommenderFixture.doubles(als.get("users")));
        assertClose(f.items(), RecommenderFixture.doubles(als.get("item_factors")));
        assertThat(start).isDeepEqualTo(RecommenderFixture.doubles(als.get("initial_items")));
    }

    @Test
    void sameSeedGivesTheSameFactorsAndListsWithOneOrTwoThreads() throws IOException {
        JsonNode fixture = RecommenderFixture.load();
        int[][] rows = RecommenderFixture.intRows(fixture.get("rows"));
        int[][] counts = RecommenderFixture.intRows(fixture.get("counts"));
        ImplicitAls.Settings s = new ImplicitAls.Settings(5, 0.3, 3, 8);
        double[][] start = ImplicitAls.initialItems(fixture.get("items").asInt(), 5, 99);
        ImplicitAls.Factors one = ImplicitAls.fit(rows, counts, start, s, 1);
        ImplicitAls.Factors two = ImplicitAls.fit(rows, counts, start, s, 2);
        assertThat(two.users()).isDeepEqualTo(one.users());
        assertThat(two.items()).isDeepEqualTo(one.items());
        assertThat(ImplicitAls.initialItems(12, 5, 99)).isDeepEqualTo(start);
        assertThat(ImplicitAls.initialItems(12, 5, 100)).isNotEqualTo(start);

        Transactions before = HandBaskets.beforeAndAfter()[0];
        Catalogue catalogue = Catalogue.of(before);
        Basket[] baskets = Basket.of(before, catalogue);
        AlsRecommender r1 = AlsRecommender.fit(catalogue, baskets, s, 7, 1);
        AlsRecommender r2 = AlsRecommender.fit(catalogue, baskets, s, 7, 2);
        for (Basket basket : baskets) {
            for (OfferMode mode : OfferMode.values()) {
                assertThat(r2.recommend(basket, OptionalInt.empty(), 5, mode))
                        .isEqualTo(r1.recommend(basket, OptionalInt.empty(), 5, mode));
            }
        }
        // Customer 1 had a line of A, B and C (C only cancelled): NEW_ONLY never proposes them.
        List<String> newOnly = r1.recommend(baskets[0], OptionalInt.empty(), 5, OfferMode.NEW_ONLY).stream()
                .map(p -> catalogue.code(p.product())).toList();
        assertThat(newOnly).hasSize(2).doesNotContain(A, B, C);
    }

    @Test
    void foldingInSolvesTheCustomerStepAgainstTheFixedProductFactors() throws IOException {
        // One customer step of the fit (users = argmin given the items) is exactly the fold-in: after a fit,
        // solving customer u again against the final items must give the same x_u as a fresh customer step.
        JsonNode fixture = RecommenderFixture.load();
        int[][] rows = RecommenderFixture.intRows(fixture.get("rows"));
        int[][] counts = RecommenderFixture.intRows(fixture.get("counts"));
        int items = fixture.get("items").asInt();
        ImplicitAls.Settings s = new ImplicitAls.Settings(4, 0.5, 2, 6);
        ImplicitAls.Factors f = ImplicitAls.fit(rows, counts, ImplicitAls.initialItems(items, 4, 3), s, 1);
        // Zero more iterations from the fitted items: one customer step would be skipped, so run one
        // iteration and compare its users with the fold-in against the items it started from.
        ImplicitAls.Factors next = ImplicitAls.fit(rows, counts, f.items(), new ImplicitAls.Settings(4, 0.5, 2, 1), 1);
        java.util.List<String> codes = new java.util.ArrayList<>();
        for (int i = 0; i < items; i++) {
            codes.add(String.format("P%03d", i));
        }
        AlsRecommender als = new AlsRecommender(new Catalogue(codes, codes), f.items(), s);
        for (int u = 0; u < rows.length; u++) {
            int[] sortedRows = rows[u].clone();
            int[] sortedCounts = new int[sortedRows.length];
            Integer[] order = new Integer[sortedRows.length];
            for (int k = 0; k < order.length; k++) {
                order[k] = k;
            }
            final int user = u;
            java.util.Arrays.sort(order, (a, b) -> Integer.compare(rows[user][a], rows[user][b]));
            for (int k = 0; k < order.length; k++) {
                sortedRows[k] = rows[u][order[k]];
                sortedCounts[k] = counts[u][order[k]];
            }
            Basket basket = new Basket(sortedRows, new int[sortedRows.length], sortedCounts,
                    new int[sortedRows.length], new int[sortedRows.length], 0);
            double[] x = als.foldIn(basket);
            for (int q = 0; q < 4; q++) {
                assertThat(x[q]).as("x[%d][%d]", u, q).isCloseTo(next.users()[u][q], within(1e-9));
            }
        }
    }

    @Test
    void lineCountsIncludeCancellationLines() {
        Transactions before = HandBaskets.beforeAndAfter()[0];
        Basket[] baskets = Basket.of(before, Catalogue.of(before));
        // customer 1: A (one line), B (one line), C (one cancellation line: no order)
        assertThat(baskets[0].lines()).containsExactly(1, 1, 1);
        assertThat(baskets[0].orders()).containsExactly(1, 1, 0);
    }

    private static void assertClose(double[][] actual, double[][] expected) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertThat(actual[i][j]).as("[%d][%d]", i, j).isCloseTo(expected[i][j], within(1e-8));
            }
        }
    }
}
