package io.retailseg.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The neighbour selection of the item-item weights keeps what {@link TopScores} keeps, in its order. */
class ItemSimilarityTest {
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
