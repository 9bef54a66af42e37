package io.retailseg.domain;

/**
 * The lines a reader counted instead of storing because they lack a CustomerID or a Description (what
 * cleaning's first step removes), with the missing values among them that the data profile reports. A
 * run reads this way ({@link io.retailseg.io.IngestOptions#storeIncomplete()} false) so that those lines,
 * about a quarter of the real file, never take the 30 bytes a line of the columns: their strings and
 * numbers are still encoded into the dictionaries, in file order, so every code is the one a table
 * storing them would give.
 *
 * @param lines lines counted, not stored
 * @param blankInvoices of them, lines whose InvoiceNo is blank
 * @param blankStockCodes lines whose StockCode is blank
 * @param missingDescriptions lines without Description
 * @param missingCustomers lines without CustomerID
 * @param blankCountries lines whose Country is blank
 */
public record IncompleteLines(long lines, long blankInvoices, long blankStockCodes, long missingDescriptions,
                              long missingCustomers, long blankCountries) {
    /** None: every line read is stored. */
    public static final IncompleteLines NONE = new IncompleteLines(0, 0, 0, 0, 0, 0);

    /** Counts incomplete lines one by one. */
    static final class Counter {
        private long lines;
        private long blankInvoices;
        private long blankStockCodes;
        private long missingDescriptions;
        private long missingCustomers;
        private long blankCountries;

        void add(boolean blankInvoice, boolean blankStockCode, boolean missingDescription, boolean missingCustomer,
                 boolean blankCountry) {
            lines++;
            blankInvoices += blankInvoice ? 1 : 0;
            blankStockCodes += blankStockCode ? 1 : 0;
            missingDescriptions += missingDescription ? 1 : 0;
            missingCustomers += missingCustomer ? 1 : 0;
            blankCountries += blankCountry ? 1 : 0;
        }

        IncompleteLines result() {
            return lines == 0 ? NONE : new IncompleteLines(lines, blankInvoices, blankStockCodes, missingDescriptions,
                    missingCustomers, blankCountries);
        }
    }
}
