package io.retailseg.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.retailseg.InputException;
import io.retailseg.config.Compat;
import io.retailseg.config.RecommenderKind;
import io.retailseg.config.RunConfig;
import io.retailseg.domain.Feature;
import io.retailseg.domain.Transactions;
import io.retailseg.generate.SyntheticRetailGenerator;
import io.retailseg.io.TransactionReader;
import io.retailseg.model.SegmentationModel;
import io.retailseg.pipeline.RetailSeg;
import io.retailseg.pipeline.RunResult;
import io.retailseg.pipeline.TransactionSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scoring the training customers with their own lines and the saved model (written to a file and read
 * back) reproduces the run exactly, on a generated data set: all customers in one batch, and every
 * customer alone.
 */
class ScorerTest {
    private static final long ROWS = 40_000;
    private static final long SEED = 11;

    @TempDir
    static Path dir;
    private static Transactions raw;
    private static RunResult run;
    private static Scorer scorer;

    @BeforeAll
    static void runOnGeneratedData() throws IOException {
        Path csv = dir.resolve("generated.csv");
        SyntheticRetailGenerator.write(ROWS, SEED, csv);
        raw = TransactionReader.read(csv);
        run = RetailSeg.run(RunConfig.builder().build(), TransactionSource.of("generated", raw));
        scorer = Equivalence.scorerFromFile(run, dir);
    }

    @Test
    void everyTrainingCustomerScoredInOneBatchGetsTheRunsResult() {
        ScoreResult result = scorer.score(raw);
        Equivalence.Outcome outcome = Equivalence.compare(run, result.customers());
        assertThat(outcome.differences()).isEmpty();
        assertThat(outcome.identical()).isEqualTo(outcome.customers()).isGreaterThan(500);
        assertThat(result.cleaning()).isEqualTo(run.cleaning());
        assertThat(run.outlierCount()).isPositive();
        assertThat(run.recommendations()).isNotEmpty();
    }

    @Test
    void everyTrainingCustomerScoredAloneGetsTheRunsResult() {
        Equivalence.Outcome outcome = Equivalence.compare(run, Equivalence.scoreOneByOne(scorer, raw));
        assertThat(outcome.differences()).isEmpty();
        assertThat(outcome.identical()).isEqualTo(outcome.customers());
    }

    @Test
    void aNewCustomerGetsRecencyFromTheTrainingDataAndOnlyProductsNotBought() {
        LocalDate last = run.model().referenceDay();
        SegmentationModel model = scorer.model();
        int segment = 0;
        String best = model.topProducts().stream().filter(p -> p.segment() == segment && p.rank() == 1)
                .findFirst().orElseThrow().stockCode();
        Transactions.Builder b = new Transactions.Builder();
        // an ordinary small buyer, 10 days before the training data's last day, who already bought
        // the best seller of segment 0; plus a line cleaning removes (POST) and a duplicate
        LocalDateTime at = last.minusDays(10).atTime(11, 0);
        b.add("900001", best, "SOMETHING", 6, at, 2.10, 99_000_001L, "United Kingdom");
        b.add("900001", best, "SOMETHING", 6, at, 2.10, 99_000_001L, "United Kingdom");
        b.add("900001", "22222", "OTHER", 4, at, 1.65, 99_000_001L, "United Kingdom");
        b.add("900001", "POST", "POSTAGE", 1, at, 18.0, 99_000_001L, "United Kingdom");
        b.add("900002", "22223", "OTHER", 4, last.minusDays(40).atTime(9, 30), 0.0, 99_000_002L, "France");
        ScoreResult r = scorer.score(b.build());
        assertThat(r.customers()).hasSize(1);
        ScoredCustomer c = r.customers().get(0);
        assertThat(c.features()[Feature.DAYS_SINCE_LAST_PURCHASE.ordinal()]).isEqualTo(10.0);
        assertThat(c.features()[Feature.TOTAL_PRODUCTS_PURCHASED.ordinal()]).isEqualTo(10.0);
        assertThat(c.features()[Feature.TOTAL_SPEND.ordinal()]).isEqualTo(6 * 2.10 + 4 * 1.65);
        assertThat(c.recommendations()).extracting(x -> x.stockCode()).doesNotContain(best, "22222");
        if (!c.outlier()) {
            assertThat(c.recommendations()).hasSize(scorer.model().recommendationsPerCustomer());
            assertThat(c.segmentName()).isEqualTo(scorer.model().segmentName(c.segment()));
            // the default hybrid recommends from this customer's own two products: every reason names one of
            // them, or the segment's best sellers when they lend too little
            assertThat(scorer.model().recommender().kind()).isEqualTo(RecommenderKind.HYBRID);
            assertThat(c.recommendations()).allSatisfy(x -> assertThat(x.reason()).satisfiesAnyOf(
                    reason -> assertThat(reason).startsWith("bought with ").containsAnyOf(best, "22222"),
                    reason -> assertThat(reason).matches("top seller #\\d+ in your segment")));
        }
        assertThat(r.notScored()).containsOnlyKeys(99_000_002L);
        assertThat(r.notScored().get(99_000_002L)).contains("no line left after cleaning");
    }

    @Test
    void aScoreDoesNotDependOnTheOtherCustomersOfTheBatchOrTheirOrder() {
        Map<Long, Transactions> perCustomer = Equivalence.linesPerCustomer(raw);
        List<Long> ids = perCustomer.keySet().stream().sorted().limit(3).toList();
        Transactions.Builder b = new Transactions.Builder();
        for (int i = ids.size() - 1; i >= 0; i--) {
            Transactions t = perCustomer.get(ids.get(i));
            for (int r = 0; r < t.size(); r++) {
                b.add(t.invoiceText(r), t.stockCodeText(r), t.descriptionText(r), t.quantity(r), t.epochSecond(r),
                        t.unitPrice(r), t.customerId(r), t.countryText(r));
            }
        }
        List<ScoredCustomer> together = scorer.score(b.build()).customers();
        assertThat(together).extracting(ScoredCustomer::customerId).containsExactlyElementsOf(ids);
        for (ScoredCustomer s : together) {
            ScoredCustomer alone = scorer.score(perCustomer.get(s.customerId())).customers().get(0);
            assertThat(alone.features()).containsExactly(s.features());
            assertThat(alone.segment()).isEqualTo(s.segment());
            assertThat(alone.recommendations()).isEqualTo(s.recommendations());
        }
    }

    @Test
    void aNotebookModelDropsSingleLineCustomersWithAReason() {
        RunResult notebook = RetailSeg.run(RunConfig.builder().compat(Compat.NOTEBOOK).k(3).build(),
                TransactionSource.of("generated", raw));
        Scorer s = Scorer.of(notebook.model());
        LocalDateTime at = notebook.model().referenceDay().atTime(10, 0);
        Transactions one = new Transactions.Builder().add("1", "22222", "X", 1, at, 1.0, 5L, "France").build();
        ScoreResult r = s.score(one);
        assertThat(r.customers()).isEmpty();
        assertThat(r.notScored()).containsOnlyKeys(5L);
        assertThat(r.notScored().get(5L)).contains("single line");
    }
}
