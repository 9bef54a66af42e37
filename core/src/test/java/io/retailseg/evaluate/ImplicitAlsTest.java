package io.retailseg.evaluate;

import static io.retailseg.evaluate.HandBaskets.A;
import static io.retailseg.evaluate.HandBaskets.B;
import static io.retailseg.evaluate.HandBaskets.C;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.retailseg.domain.Transactions;
import io.retailseg.evaluate.EaseTest.RecommenderFixture;
import io.retailseg.evaluate.Recommender.Mode;
import java.io.IOException;
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
        PurchaseHistory history = PurchaseHistory.of(before);
        int[] codeRank = before.stockCodes().sortRanks();
        Recommender r1 = ImplicitAls.recommender(history, codeRank, s, 7, 1);
        Recommender r2 = ImplicitAls.recommender(history, codeRank, s, 7, 2);
        assertThat(r1.name()).isEqualTo("als");
        for (int c = 0; c < history.size(); c++) {
            for (Mode mode : Mode.values()) {
                assertThat(r2.recommend(c, 5, mode)).containsExactly(r1.recommend(c, 5, mode));
            }
        }
        // Customer 1 had a line of A, B and C (C only cancelled): NEW_ONLY never proposes them.
        int[] newOnly = r1.recommend(history.indexOf(1), 5, Mode.NEW_ONLY);
        assertThat(newOnly).hasSize(2).doesNotContain(HandBaskets.code(before, A), HandBaskets.code(before, B),
                HandBaskets.code(before, C));
    }

    @Test
    void lineCountsIncludeCancellationLines() {
        Transactions before = HandBaskets.beforeAndAfter()[0];
        PurchaseHistory history = PurchaseHistory.of(before);
        // customer 1: A (one line), B (one line), C (one cancellation line)
        assertThat(history.lineCount(history.indexOf(1))).containsExactly(1, 1, 1);
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
