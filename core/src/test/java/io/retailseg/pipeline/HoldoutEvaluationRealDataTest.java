package io.retailseg.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.retailseg.SharedFiles;
import io.retailseg.clean.Cleaner;
import io.retailseg.config.RunConfig;
import io.retailseg.domain.Transactions;
import io.retailseg.config.OfferMode;
import io.retailseg.evaluate.RecommenderEvaluation;
import io.retailseg.io.TransactionReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hold-out evaluation on the real UCI file split at 2011-09-01: the population counts equal an
 * independent pandas count ({@code core/src/test/python/count_holdout_customers.py}), and the
 * metrics keep their invariants. Skipped when the real file is absent.
 */
class HoldoutEvaluationRealDataTest {
    private static Transactions raw;
    private static HoldoutEvaluation.Result result;

    @BeforeAll
    static void evaluate() {
        Path file = SharedFiles.realData();
        Assumptions.assumeTrue(Files.exists(file), "real data not found at " + file.toAbsolutePath());
        raw = TransactionReader.read(file);
        result = HoldoutEvaluation.run(RunConfig.defaults(), TransactionSource.of(file.toString(), raw),
                new HoldoutEvaluation.Options(HoldoutEvaluation.Split.at(LocalDate.of(2011, 9, 1)), 3, true),
                ProgressListener.NONE);
    }

    @Test
    void populationEqualsTheIndependentPandasCount() {
        HoldoutEvaluation.Population p = result.population();
        assertThat(p.splitDay()).isEqualTo("2011-09-01");
        assertThat(p.lastDay()).isEqualTo("2011-12-09");
        assertThat(p.linesBefore()).isEqualTo(228_405);
        assertThat(p.linesAfter()).isEqualTo(171_168);
        assertThat(p.customersBefore()).isEqualTo(3_349);
        assertThat(p.customersAfter()).isEqualTo(2_989);
        assertThat(p.returning()).isEqualTo(1_957);
        assertThat(p.returningWithNewProducts()).isEqualTo(1_896);
        assertThat(p.catalogueBefore()).isEqualTo(3_404);
    }

    @Test
    void evaluatedCustomersAreTheReturningOnesThatAreNotOutliers() {
        // Returning customers straight from the cleaned lines, without the evaluation's code paths.
        Transactions lines = Cleaner.clean(raw).lines();
        long split = LocalDate.of(2011, 9, 1).toEpochDay();
        Set<Long> before = new HashSet<>();
        for (int r = 0; r < lines.size(); r++) {
            if (lines.epochDay(r) < split) {
                before.add(lines.customerId(r));
            }
        }
        Set<Long> returning = new HashSet<>();
        for (int r = 0; r < lines.size(); r++) {
            if (lines.epochDay(r) >= split && !lines.invoiceText(r).startsWith("C") && lines.quantity(r) > 0
                    && before.contains(lines.customerId(r))) {
                returning.add(lines.customerId(r));
            }
        }
        assertThat(returning).hasSize(1_957);   // = pandas
        RunResult training = result.training();
        int returningSegmented = 0;
        for (int i = 0; i < training.customers().size(); i++) {
            if (!training.outlier()[i] && returning.contains(training.customers().customerId(i))) {
                returningSegmented++;
            }
        }
        HoldoutEvaluation.Population p = result.population();
        assertThat(p.returningSegmented()).isEqualTo(returningSegmented).isEqualTo(1_824);
        // recorded from the seed-42 run (depends on the Isolation Forest; named seeds changed it from 1,818/1,763)
        assertThat(p.returningSegmentedWithNewProducts()).isEqualTo(1_769);
        for (RecommenderEvaluation.Score s : result.scores()) {
            assertThat(s.customersEvaluated()).as(s.recommender() + " " + s.mode()).isEqualTo(
                    s.mode() == OfferMode.ANY ? p.returningSegmented() : p.returningSegmentedWithNewProducts());
        }
    }

    @Test
    void metricsKeepTheirInvariants() {
        List<RecommenderEvaluation.Score> scores = result.scores();
        assertThat(scores).hasSize(11 * 2);
        for (RecommenderEvaluation.Score s : scores) {
            RecommenderEvaluation.AtN at1 = s.at(1);
            assertThat(at1.precision()).isEqualTo(at1.hitRate()).isEqualTo(at1.ndcg());
            double recall = 0;
            double hit = 0;
            for (int n : HoldoutEvaluation.CUTOFFS) {
                RecommenderEvaluation.AtN at = s.at(n);
                assertThat(at.recall()).isGreaterThanOrEqualTo(recall).isBetween(0.0, 1.0);
                assertThat(at.hitRate()).isGreaterThanOrEqualTo(hit).isBetween(0.0, 1.0);
                assertThat(at.precision()).isBetween(0.0, 1.0);
                assertThat(at.ndcg()).isBetween(0.0, 1.0);
                assertThat(at.coverage()).isBetween(0.0, 1.0);
                recall = at.recall();
                hit = at.hitRate();
            }
        }
        // every informed recommender beats random; repeat purchase has nothing new to offer
        double random = score("random", OfferMode.NEW_ONLY).at(10).hitRate();
        for (String name : List.of("segment_quantity", "segment_buyers", "segment_revenue", "global_quantity",
                "co_purchase_all", "co_purchase", "ease", "als", "hybrid")) {
            assertThat(score(name, OfferMode.NEW_ONLY).at(10).hitRate()).as(name).isGreaterThan(random);
        }
        assertThat(score("repeat", OfferMode.NEW_ONLY).at(10).hitRate()).isZero();
        assertThat(score("random", OfferMode.ANY).at(10).coverage()).isGreaterThan(0.9);
    }

    /** Issue 11's targets at this split, on the run's default recommender (the hybrid). */
    @Test
    void theDefaultBeatsCoPurchaseAndRepeatByTheTargets() {
        assertThat(result.defaultRecommender()).isEqualTo("hybrid");
        for (String other : List.of("co_purchase_all", "co_purchase")) {
            assertBeats(other, OfferMode.NEW_ONLY, 0.03);
            assertBeats(other, OfferMode.ANY, 0.02);
        }
        assertBeats("repeat", OfferMode.ANY, 0.02);
    }

    private static void assertBeats(String other, OfferMode mode, double margin) {
        RecommenderEvaluation.Comparison c = result.defaultComparisons().stream()
                .filter(x -> x.reference().equals(other) && x.mode() == mode && x.n() == 10).findFirst().orElseThrow();
        assertThat(c.hitRate().mean()).as("hybrid - %s, %s", other, mode).isGreaterThanOrEqualTo(margin)
                .isGreaterThan(2 * c.hitRate().standardError());
        assertThat(c.ndcg().mean()).as("NDCG hybrid - %s, %s", other, mode).isGreaterThan(2 * c.ndcg().standardError());
    }

    @Test
    void stabilityAndMigrationAreComplete() {
        assertThat(result.stability()).isPresent();
        assertThat(result.stability().get().adjustedRand()).hasSize(3);
        for (double j : result.stability().get().segmentStability()) {
            assertThat(j).isBetween(0.0, 1.0);
        }
        var m = result.migration().orElseThrow();
        assertThat(m.moved()).hasNumberOfRows(result.training().k());
        // everyone segmented before the split either stayed segmented or left
        int segmented = result.training().customers().size() - result.training().outlierCount();
        assertThat(m.stayed() + m.left().size()).isEqualTo(segmented);
    }

    private static RecommenderEvaluation.Score score(String name, OfferMode mode) {
        return result.scores().stream().filter(s -> s.recommender().equals(name) && s.mode() == mode).findFirst()
                .orElseThrow();
    }
}
