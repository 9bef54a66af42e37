package io.retailseg.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Precision, recall, hit rate and NDCG at N on lists worked out by hand. */
class RankingMetricsTest {
    private static final double LOG2_3 = Math.log(3) / Math.log(2);
    private static final double LOG2_5 = Math.log(5) / Math.log(2);

    @Test
    void listWithHitsAtRanksOneAndThree() {
        int[] ranked = {7, 2, 9, 4, 5};
        int[] truth = {4, 7, 9, 11};   // sorted; 7 at rank 1, 9 at rank 3, 4 at rank 4

        RankingMetrics.AtN at1 = RankingMetrics.at(ranked, truth, 1);
        assertThat(at1.precision()).isEqualTo(1.0);
        assertThat(at1.recall()).isEqualTo(0.25);
        assertThat(at1.hitRate()).isEqualTo(1.0);
        assertThat(at1.ndcg()).isEqualTo(1.0);

        RankingMetrics.AtN at3 = RankingMetrics.at(ranked, truth, 3);
        assertThat(at3.precision()).isEqualTo(2.0 / 3);
        assertThat(at3.recall()).isEqualTo(0.5);
        // DCG = 1/log2(2) + 1/log2(4) = 1.5; ideal over 3 ranks = 1 + 1/log2(3) + 1/2
        assertThat(at3.ndcg()).isCloseTo(1.5 / (1 + 1 / LOG2_3 + 0.5), within(1e-15));

        RankingMetrics.AtN at5 = RankingMetrics.at(ranked, truth, 5);
        assertThat(at5.precision()).isEqualTo(3.0 / 5);
        assertThat(at5.recall()).isEqualTo(0.75);
        // DCG adds rank 4: 1/log2(5); ideal over min(5, 4) = 4 ranks
        assertThat(at5.ndcg()).isCloseTo((1.5 + 1 / LOG2_5) / (1 + 1 / LOG2_3 + 0.5 + 1 / LOG2_5), within(1e-15));
    }

    @Test
    void shortListsAreNotRewardedAndIdealStopsAtTheTruthSize() {
        int[] ranked = {3};
        int[] truth = {3};
        RankingMetrics.AtN at10 = RankingMetrics.at(ranked, truth, 10);
        assertThat(at10.precision()).isEqualTo(0.1);
        assertThat(at10.recall()).isEqualTo(1.0);
        assertThat(at10.hitRate()).isEqualTo(1.0);
        assertThat(at10.ndcg()).isEqualTo(1.0);   // the ideal list also has one relevant item

        RankingMetrics.AtN miss = RankingMetrics.at(new int[] {1, 2}, new int[] {5, 6}, 3);
        assertThat(miss).isEqualTo(new RankingMetrics.AtN(0, 0, 0, 0));

        // hit only at rank 2 with one relevant item: NDCG = (1/log2 3) / 1
        assertThat(RankingMetrics.at(new int[] {1, 5}, new int[] {5}, 2).ndcg()).isCloseTo(1 / LOG2_3, within(1e-15));
    }

    @Test
    void rejectsEmptyTruthAndZeroN() {
        assertThatThrownBy(() -> RankingMetrics.at(new int[] {1}, new int[0], 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RankingMetrics.at(new int[] {1}, new int[] {1}, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
