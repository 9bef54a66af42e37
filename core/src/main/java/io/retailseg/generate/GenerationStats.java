package io.retailseg.generate;

/**
 * What {@link SyntheticRetailGenerator} wrote, counted while writing (no second pass).
 *
 * @param rows                 data lines written (the header not included)
 * @param invoices             distinct InvoiceNo values, cancellations ({@code C...}) included
 * @param customers            distinct CustomerID values that occur on at least one line
 * @param linesWithoutCustomer lines with an empty CustomerID
 * @param duplicateLines       lines that repeat an earlier line exactly (all 8 fields; the first
 *                             occurrence is not counted, as pandas {@code duplicated()} counts)
 * @param cancelledLines       lines whose InvoiceNo starts with {@code C}
 * @param serviceLines         lines whose StockCode is one of the service codes {@code POST, D, M,
 *                             C2, DOT, BANK CHARGES, CRUK, PADS}
 * @param zeroPriceLines       lines with UnitPrice 0
 * @param bytes                uncompressed bytes of the CSV text, header included (the text is
 *                             ASCII, so characters = bytes)
 */
public record GenerationStats(
        long rows,
        long invoices,
        long customers,
        long linesWithoutCustomer,
        long duplicateLines,
        long cancelledLines,
        long serviceLines,
        long zeroPriceLines,
        long bytes) {}
