package io.retailseg.evaluate;

import static io.retailseg.evaluate.HandBaskets.A;
import static io.retailseg.evaluate.HandBaskets.B;
import static io.retailseg.evaluate.HandBaskets.C;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.retailseg.domain.Transactions;
import io.retailseg.config.OfferMode;
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
            public int[] recommend(int customer, int n, OfferMode mode) {
                return java.util.Arrays.stream(new int[] {a, b, c})
                        .filter(code -> mode == OfferMode.ANY || !before.bought(customer, code)).limit(n).toArray();
            }
        };
        int[] evaluated = {before.indexOf(1), before.indexOf(2), before.indexOf(3)};
        List<RecommenderEvaluation.Score> scores = RecommenderEvaluation.evaluate(List.of(fixed), before, after,
                evaluated, new int[] {1, 2}).scores();

        // Truth, any: customer 1 {B, D}, customer 2 {E}; customer 3 only cancelled (not evaluated).
        // Truth, new only: customer 1 {D} (B bought before), customer 2 {E}.
        RecommenderEvaluation.Score any = scores.stream().filter(s -> s.mode() == OfferMode.ANY).findFirst().orElseThrow();
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

        RecommenderEvaluation.Score fresh = scores.stream().filter(s -> s.mode() == OfferMode.NEW_ONLY).findFirst()
                .orElseThrow();
        assertThat(fresh.customersEvaluated()).isEqualTo(2);
        // Customer 1 bought A, B, C before: empty list. Customer 2 gets B only. No hit anywhere.
        assertThat(fresh.at(2)).isEqualTo(new RecommenderEvaluation.AtN(2, 0, 0, 0, 0, 1.0 / 5));
    }

    @Test
    void pairedDifferencesHaveTheirStandardError() {
        // differences 1, 0, 0, 1: mean 0.5, sample variance (4 x 0.25) / 3 = 1/3, SE = sqrt(1/3 / 4)
        RecommenderEvaluation.Difference d = RecommenderEvaluation.difference(new double[] {1, 1, 0, 1},
                new double[] {0, 1, 0, 0});
        assertThat(d.mean()).isEqualTo(0.5);
        assertThat(d.standardError()).isCloseTo(Math.sqrt(1.0 / 3 / 4), within(1e-15));
        assertThat(RecommenderEvaluation.difference(new double[] {0.25}, new double[] {0})).isEqualTo(
                new RecommenderEvaluation.Difference(0.25, 0));
    }

    @Test
    void everyOtherRecommenderIsComparedWithTheFirstOnTheSameCustomers() {
        Transactions[] split = HandBaskets.beforeAndAfter();
        PurchaseHistory before = PurchaseHistory.of(split[0]);
        PurchaseHistory after = PurchaseHistory.of(split[1]);
        int d = HandBaskets.code(split[0], HandBaskets.D);
        int e = HandBaskets.code(split[0], HandBaskets.E);
        Recommender nothing = fixedList("nothing");
        Recommender perfect = fixedList("d_then_e", d, e);
        int[] evaluated = {before.indexOf(1), before.indexOf(2)};
        RecommenderEvaluation.Result r = RecommenderEvaluation.evaluate(List.of(nothing, perfect), before, after,
                evaluated, new int[] {1, 2});
        assertThat(r.comparisons()).hasSize(2 * 2);   // one other recommender x 2 modes x 2 cut-offs
        RecommenderEvaluation.Comparison c = r.comparisons().stream()
                .filter(x -> x.mode() == OfferMode.NEW_ONLY && x.n() == 2).findFirst().orElseThrow();
        assertThat(c.recommender()).isEqualTo("d_then_e");
        assertThat(c.reference()).isEqualTo("nothing");
        // new-only truth: customer 1 {D}, customer 2 {E}; D, E hits once each at N = 2, the reference never
        assertThat(c.hitRate()).isEqualTo(new RecommenderEvaluation.Difference(1, 0));
        assertThat(c.precision()).isEqualTo(new RecommenderEvaluation.Difference(0.5, 0));
        // recall: customer 1 1/1, customer 2 1/1
        assertThat(c.recall().mean()).isEqualTo(1.0);
        // NDCG: customer 1 hit at rank 1 = 1, customer 2 at rank 2 = 1/log2(3); ideal over one rank = 1
        double log2of3 = Math.log(3) / Math.log(2);
        assertThat(c.ndcg().mean()).isCloseTo((1 + 1 / log2of3) / 2, within(1e-15));
        assertThat(c.ndcg().standardError()).isCloseTo((1 - 1 / log2of3) / 2, within(1e-15));
    }

    private static Recommender fixedList(String name, int... codes) {
        return new Recommender() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return name;
            }

            @Override
            public int[] recommend(int customer, int n, OfferMode mode) {
                return java.util.Arrays.copyOf(codes, Math.min(n, codes.length));
            }
        };
    }
}
