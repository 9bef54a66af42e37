package io.retailseg.clean;

import io.retailseg.domain.BadLines;
import java.util.List;
import java.util.Objects;

/**
 * What cleaning did: lines in, removed per step (in order), lines out.
 *
 * @param rowsIn lines read
 * @param steps every step in order, with its removed-line count
 * @param rowsOut lines kept
 * @param cancelledLines lines of cancelled invoices (InvoiceNo starting with C) after duplicate
 *     removal; they are kept
 * @param anomalousStockCodes the stock codes dropped by the anomalous-stock-code step, sorted
 * @param badLines lines of the source that could not be parsed and were skipped while reading
 *     ({@code --on-bad-lines skip}), before cleaning: not part of {@code rowsIn}
 */
public record CleaningReport(long rowsIn, List<CleaningStep> steps, long rowsOut, long cancelledLines,
                             List<String> anomalousStockCodes, BadLines badLines) {
    public CleaningReport {
        steps = List.copyOf(steps);
        anomalousStockCodes = List.copyOf(anomalousStockCodes);
        Objects.requireNonNull(badLines, "badLines");
    }

    /** A report of a source read without skipping any line. */
    public CleaningReport(long rowsIn, List<CleaningStep> steps, long rowsOut, long cancelledLines,
                          List<String> anomalousStockCodes) {
        this(rowsIn, steps, rowsOut, cancelledLines, anomalousStockCodes, BadLines.NONE);
    }

    /** Lines removed by the step named {@code step}. */
    public long removed(String step) {
        return steps.stream().filter(s -> s.step().equals(step)).mapToLong(CleaningStep::removed).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no cleaning step " + step));
    }
}
