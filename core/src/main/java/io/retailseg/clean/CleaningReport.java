package io.retailseg.clean;

import java.util.List;

/**
 * What cleaning did: lines in, removed per step (in order), lines out.
 *
 * @param rowsIn lines read
 * @param steps every step in order, with its removed-line count
 * @param rowsOut lines kept
 * @param cancelledLines lines of cancelled invoices (InvoiceNo starting with C) after duplicate
 *     removal; they are kept
 * @param anomalousStockCodes the stock codes dropped by the anomalous-stock-code step, sorted
 */
public record CleaningReport(long rowsIn, List<CleaningStep> steps, long rowsOut, long cancelledLines,
                             List<String> anomalousStockCodes) {
    public CleaningReport {
        steps = List.copyOf(steps);
        anomalousStockCodes = List.copyOf(anomalousStockCodes);
    }

    /** Lines removed by the step named {@code step}. */
    public long removed(String step) {
        return steps.stream().filter(s -> s.step().equals(step)).mapToLong(CleaningStep::removed).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no cleaning step " + step));
    }
}
