package io.retailseg.evaluate;

import static io.retailseg.evaluate.HandBaskets.A;
import static io.retailseg.evaluate.HandBaskets.B;
import static io.retailseg.evaluate.HandBaskets.C;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.retailseg.domain.Transactions;
import io.retailseg.evaluate.Recommender.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Truth sets, who is evaluated, averaging and coverage on {@link HandBaskets}, by hand. */
class RecommenderEvaluationTest {
    @Test
    void scoresAFixedListAgainstTheHoldOut() {
        Transactions[] split = HandBaskets.beforeAndAfter();
        PurchaseHistory before = PurchaseHistory.of(split[0]);
        PurchaseHistory after = PurchaseHistory.of(split[1]);
        int a = HandBaskets.code(split[0], A);
        int b = HandBaskets.code(split[0], B);
        int c = HandBaskets.code(split[0], C);
        // Everyone gets A, B, C; new-only drops what the customer had a line of.
        Recommender fixed = new Recommender() {
            @Override
            public String name() {
                return "fixed";
            }

            @Override
            public String description() {
                return "A, B, C";
            }

            @Override
            public int[] recommend(int customer, int n, Mode mode) {
                return java.util.Arrays.stream(new int[] {a, b, c})
                        .filter(code -> mode == Mode.ANY || !before.bought(customer, code)).limit(n).toArray();
            }
        };
        int[] evaluated = {before.indexOf(1), before.indexOf(2), before.indexOf(3)};
        List<RecommenderEvaluation.Score> scores = RecommenderEvaluation.evaluate(List.of(fixed), before, after,
                evaluated, new int[] {1, 2});

        // Truth, any: customer 1 {B, D}, customer 2 {E}; customer 3 only cancelled (not evaluated).
        // Truth, new only: customer 1 {D} (B bought before), customer 2 {E}.
        RecommenderEvaluation.Score any = scores.stream().filter(s -> s.mode() == Mode.ANY).findFirst().orElseThrow();
        assertThat(any.customersEvaluated()).isEqualTo(2);
        // Customer 1 gets A, B: hit at rank 2. Customer 2 gets A, B: no hit.
        assertThat(any.at(1)).isEqualTo(new RecommenderEvaluation.AtN(1, 0, 0, 0, 0, 1.0 / 5));
        RecommenderEvaluation.AtN at2 = any.at(2);
        assertThat(at2.precision()).isEqualTo(0.25);     // (1/2 + 0) / 2
        assertThat(at2.recall()).isEqualTo(0.25);        // (1/2 + 0) / 2
        assertThat(at2.hitRate()).isEqualTo(0.5);
        double log2of3 = Math.log(3) / Math.log(2);
        assertThat(at2.ndcg()).isCloseTo((1 / log2of3) / (1 + 1 / log2of3) / 2, within(1e-15));
        assertThat(at2.coverage()).isEqualTo(2.0 / 5);   // {A, B} of a catalogue of 5

        RecommenderEvaluation.Score fresh = scores.stream().filter(s -> s.mode() == Mode.NEW_ONLY).findFirst()
                .orElseThrow();
        assertThat(fresh.customersEvaluated()).isEqualTo(2);
        // Customer 1 bought A, B, C before: empty list. Customer 2 gets B only. No hit anywhere.
        assertThat(fresh.at(2)).isEqualTo(new RecommenderEvaluation.AtN(2, 0, 0, 0, 0, 1.0 / 5));
    }
}
