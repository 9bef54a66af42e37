package io.retailseg.clean;

import static org.assertj.core.api.Assertions.assertThat;

import io.retailseg.domain.IncompleteLines;
import io.retailseg.domain.Transactions;
import io.retailseg.domain.WorkProgress;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 1 on hand-made lines. Every line's fate is written next to it; the expected counts
 * are tallies of those comments, not outputs of the cleaner.
 */
class CleanerTest {
    private static final LocalDateTime T = LocalDateTime.of(2011, 1, 3, 10, 0);
    private static final long NONE = Transactions.MISSING_CUSTOMER;
    private static final String UK = "United Kingdom";

    /** The main fixture: 18 lines; the trailing comment says which step drops it, or "kept". */
    private static Transactions fixture() {
        return fixture(new Transactions.Builder());
    }

    private static Transactions fixture(Transactions.Builder builder) {
        return builder
                .add("536001", "85123A", "White Hanging Heart", 6, T, 2.55, 17850, UK)       // 0 kept
                .add("536001", "71053", "White Metal Lantern", 6, T, 3.39, NONE, UK)         // 1 step 1: no CustomerID
                .add("536001", "84406B", null, 8, T, 2.75, 17850, UK)                        // 2 step 1: no Description
                .add("C536007", "22111", "Scottie dog", -1, T, 4.95, NONE, UK)               // 3 step 1 (a cancellation)
                .add("536001", "85123A", "White Hanging Heart", 6, T, 2.55, 17850, UK)       // 4 step 2: copy of 0
                .add("536001", "85123A", "White Hanging Heart", 7, T, 2.55, 17850, UK)       // 5 kept: Quantity differs
                .add("536002", "POST", "POSTAGE", 1, T, 18.0, 17850, UK)                     // 6 step 4: 0 digits
                .add("536002", "C2", "CARRIAGE", 1, T, 50.0, 17850, UK)                      // 7 step 4: 1 digit
                .add("536002", "M", "Manual", 1, T, 0.85, 17850, UK)                         // 8 step 4: 0 digits
                .add("C536003", "85123A", "White Hanging Heart", -2, T, 2.55, 17850, UK)     // 9 kept, cancelled
                .add("C536003", "85123A", "White Hanging Heart", -2, T, 2.55, 17850, UK)     // 10 step 2: copy of 9
                .add("536004", "21730", "Next Day Carriage", 1, T, 15.0, 17850, UK)          // 11 step 5
                .add("536004", "21731", "NEXT DAY CARRIAGE", 1, T, 15.0, 17850, UK)          // 12 kept: not exact
                .add("536004", "23084", "High Resolution Image", 1, T, 3.0, 17850, UK)       // 13 step 5
                .add("536005", "22633", "hand warmer union jack", 6, T, 0.0, 17850, UK)      // 14 step 6: price 0
                .add("536005", "B", "Adjust bad debt", 1, T, -11062.06, 17850, UK)           // 15 step 4 (not 6): 0 digits
                .add("536006", "84879", "assorted colour bird ornament", 8, T, 1.69, 17850, UK) // 16 kept
                .add("536006", "S12", "Sample tin", 2, T, -1.25, 17850, UK)                  // 17 step 6: negative price
                .add("536006", "S12", "sample tin", 2, T, 1.25, 17850, UK)                   // 18 kept: 2 digits
                .build();
    }

    @Test
    void eachStepRemovesExactlyItsLinesInSpecOrder() {
        Cleaner.Result result = Cleaner.clean(fixture());
        CleaningReport report = result.report();

        assertThat(report.steps()).extracting(CleaningStep::step).containsExactly(
                "missing_values", "duplicates", "anomalous_stock_codes", "service_lines", "non_positive_price");
        // Tallies of the comments above: step 1 lines 1,2,3; step 2 lines 4,10; step 4 lines 6,7,8,15;
        // step 5 lines 11,13; step 6 lines 14,17.
        assertThat(report.steps()).extracting(CleaningStep::removed).containsExactly(3L, 2L, 4L, 2L, 2L);
        assertThat(report.rowsIn()).isEqualTo(19);
        assertThat(report.rowsOut()).isEqualTo(19 - 3 - 2 - 4 - 2 - 2);
        assertThat(result.lines().size()).isEqualTo(6);
        assertThat(report.removed(Cleaner.SERVICE_LINES)).isEqualTo(2);
    }

    @Test
    void linesCountedInsteadOfStoredAreStepOnesAndLeaveTheSameResult() {
        Transactions counted = fixture(new Transactions.Builder(false));
        // lines 1, 2 and 3 (no CustomerID, no Description, no CustomerID) are counted, not stored
        assertThat(counted.size()).isEqualTo(16);
        assertThat(counted.incomplete()).isEqualTo(new IncompleteLines(3, 0, 0, 1, 2, 0));
        assertThat(counted.linesRead()).isEqualTo(19);

        Cleaner.Result stored = Cleaner.clean(fixture());
        Cleaner.Result result = Cleaner.clean(counted, 3, WorkProgress.NONE);

        assertThat(result.report()).isEqualTo(stored.report());
        assertThat(result.report().removed(Cleaner.MISSING_VALUES)).isEqualTo(3);
        assertThat(result.lines().incomplete()).isEqualTo(IncompleteLines.NONE); // a view holds stored lines only
        assertThat(result.lines().size()).isEqualTo(stored.lines().size());
        for (int r = 0; r < stored.lines().size(); r++) {
            // the same codes, not only the same values: the uncounted lines still took theirs, in order
            Transactions a = stored.lines();
            Transactions b = result.lines();
            assertThat(new long[] {b.invoice(r), b.stockCode(r), b.description(r), b.quantity(r), b.epochSecond(r),
                    b.customerCode(r), b.country(r)}).containsExactly(a.invoice(r), a.stockCode(r), a.description(r),
                    a.quantity(r), a.epochSecond(r), a.customerCode(r), a.country(r));
            assertThat(b.unitPrice(r)).isEqualTo(a.unitPrice(r));
        }
        // 71053 and 84406B came only with incomplete lines: they still have their codes
        assertThat(result.lines().stockCodes().codeOf("84406B")).isEqualTo(stored.lines().stockCodes().codeOf("84406B"));
        assertThat(result.lines().customerCodeCount()).isEqualTo(stored.lines().customerCodeCount());
    }

    @Test
    void keptLinesAreInFileOrderWithDescriptionsUpperCased() {
        Transactions out = Cleaner.clean(fixture()).lines();

        List<String> kept = new ArrayList<>();
        for (int r = 0; r < out.size(); r++) {
            kept.add(out.invoiceText(r) + " " + out.stockCodeText(r) + " " + out.quantity(r) + " "
                    + out.descriptionText(r));
        }
        // Lines 0, 5, 9, 12, 16, 18 of the fixture.
        assertThat(kept).containsExactly(
                "536001 85123A 6 WHITE HANGING HEART",
                "536001 85123A 7 WHITE HANGING HEART",
                "C536003 85123A -2 WHITE HANGING HEART",
                "536004 21731 1 NEXT DAY CARRIAGE",
                "536006 84879 8 ASSORTED COLOUR BIRD ORNAMENT",
                "536006 S12 2 SAMPLE TIN");
        assertThat(out.unitPrice(5)).isEqualTo(1.25);
    }

    @Test
    void cancelledLinesAreCountedAfterDuplicatesAndKept() {
        Cleaner.Result result = Cleaner.clean(fixture());
        // C536007 (line 3) has no CustomerID and line 10 copies line 9: only line 9 counts.
        assertThat(result.report().cancelledLines()).isEqualTo(1);
        assertThat(result.lines().invoiceText(2)).isEqualTo("C536003");
    }

    @Test
    void anomalousStockCodesAreListedSorted() {
        // POST, C2, M, B have 0 or 1 digits; S12 (2 digits) and 85123A are ordinary.
        assertThat(Cleaner.clean(fixture()).report().anomalousStockCodes()).containsExactly("B", "C2", "M", "POST");
    }

    @Test
    void aLineDifferingFromAnotherInAnyOneColumnIsNoDuplicate() {
        Transactions.Builder b = new Transactions.Builder();
        b.add("536001", "85123A", "WHITE HANGING HEART", 6, T, 2.55, 17850, UK);
        b.add("536001", "85123A", "WHITE HANGING HEART", 6, T, 2.55, 17850, UK); // the only duplicate
        b.add("536009", "85123A", "WHITE HANGING HEART", 6, T, 2.55, 17850, UK);
        b.add("536001", "85123B", "WHITE HANGING HEART", 6, T, 2.55, 17850, UK);
        b.add("536001", "85123A", "WHITE HANGING HEARTS", 6, T, 2.55, 17850, UK);
        b.add("536001", "85123A", "WHITE HANGING HEART", 5, T, 2.55, 17850, UK);
        b.add("536001", "85123A", "WHITE HANGING HEART", 6, T.plusMinutes(1), 2.55, 17850, UK);
        b.add("536001", "85123A", "WHITE HANGING HEART", 6, T, 2.56, 17850, UK);
        b.add("536001", "85123A", "WHITE HANGING HEART", 6, T, 2.55, 17851, UK);
        b.add("536001", "85123A", "WHITE HANGING HEART", 6, T, 2.55, 17850, "France");

        Cleaner.Result result = Cleaner.clean(b.build());

        assertThat(result.report().removed(Cleaner.DUPLICATES)).isEqualTo(1);
        assertThat(result.lines().size()).isEqualTo(9);
    }

    @Test
    void serviceDescriptionsMatchExactlyNotIgnoringCaseOrSpaces() {
        Transactions t = new Transactions.Builder()
                .add("1", "21730", "Next Day Carriage", 1, T, 15.0, 1, UK)       // dropped
                .add("1", "21730", "next day carriage", 1, T, 15.0, 1, UK)       // kept
                .add("1", "21730", "Next Day Carriage ", 1, T, 15.0, 1, UK)      // kept (trailing space)
                .add("1", "23084", "High Resolution Image", 1, T, 3.0, 1, UK)    // dropped
                .add("1", "23084", "High Resolution Images", 1, T, 3.0, 1, UK)   // kept
                .build();

        Cleaner.Result result = Cleaner.clean(t);

        assertThat(result.report().removed(Cleaner.SERVICE_LINES)).isEqualTo(2);
        assertThat(result.lines().size()).isEqualTo(3);
    }

    /**
     * Regression: step 4 judges "the distinct StockCodes still present" after steps 1-2. A code
     * whose only lines were dropped for a missing CustomerID is not reported as anomalous, and a line
     * matching several steps is counted once, by the first step that matches it.
     */
    @Test
    void anomalousCodesAreJudgedAmongCodesStillPresentAfterEarlierSteps() {
        Transactions t = new Transactions.Builder()
                .add("1", "DOT", "DOTCOM POSTAGE", 1, T, 11.0, NONE, UK)     // step 1: DOT is then absent
                .add("1", "PADS", null, 1, T, 0.001, 12346, UK)              // step 1: PADS is then absent
                .add("2", "M", "Manual", 1, T, 0.0, 12346, UK)               // step 4, although price 0 too
                .add("2", "POST", "Next Day Carriage", 1, T, 5.0, 12346, UK) // step 4, although a service line too
                .add("2", "85123A", "WHITE HANGING HEART", 6, T, 2.55, 12346, UK) // kept
                .build();

        CleaningReport report = Cleaner.clean(t).report();

        assertThat(report.anomalousStockCodes()).containsExactly("M", "POST");
        assertThat(report.steps()).extracting(CleaningStep::removed).containsExactly(2L, 0L, 2L, 0L, 0L);
        assertThat(report.rowsOut()).isEqualTo(1);
    }

    @Test
    void noLinesGiveAnEmptyReportWithEveryStep() {
        Cleaner.Result result = Cleaner.clean(new Transactions.Builder().build());
        assertThat(result.report().steps()).hasSize(5).allMatch(s -> s.removed() == 0);
        assertThat(result.report().rowsOut()).isZero();
        assertThat(result.report().anomalousStockCodes()).isEmpty();
    }
}
