package io.retailseg.explore;

import java.util.List;

/**
 * What the transaction lines look like, for the report's data-quality and exploration charts: missing
 * values per column of the lines read, cancellations, countries, the most frequent products and
 * revenue per month of the cleaned lines. Written as {@code data_profile.json}.
 *
 * @param rowsRead lines read
 * @param missing one entry per input column, in {@link io.retailseg.domain.Column} order
 * @param cleanedLines lines kept by cleaning (the base of everything below)
 * @param firstDay earliest InvoiceDate of the cleaned lines, ISO date ({@code ""} when none)
 * @param lastDay latest InvoiceDate of the cleaned lines, ISO date ({@code ""} when none)
 * @param cancellations how much of the cleaned data is cancellations
 * @param countries every country of the cleaned lines, most lines first (ties: name)
 * @param stockCodes the stock codes on most cleaned lines, most first (ties: code as text), at most
 *     {@link DataProfiler#TOP_STOCK_CODES}
 * @param months revenue per calendar month of the cleaned lines, in calendar order
 */
public record DataProfile(long rowsRead, List<ColumnMissing> missing, long cleanedLines, String firstDay,
                          String lastDay, Cancellations cancellations, List<CountryCount> countries,
                          List<StockCodeCount> stockCodes, List<MonthRevenue> months) {
    public DataProfile {
        missing = List.copyOf(missing);
        countries = List.copyOf(countries);
        stockCodes = List.copyOf(stockCodes);
        months = List.copyOf(months);
    }

    /**
     * Missing values of one column over the lines read.
     *
     * @param column the column's canonical name ({@code CustomerID})
     * @param missing lines where the field is missing (empty, as pandas reads it)
     */
    public record ColumnMissing(String column, long missing) {
    }

    /**
     * Cancellations among the cleaned lines (InvoiceNo starting with {@code C}).
     *
     * @param lines cleaned lines
     * @param cancelledLines of them, lines of cancelled invoices
     * @param invoices distinct invoices of the cleaned lines
     * @param cancelledInvoices of them, cancelled invoices
     * @param salesValue sum of Quantity x UnitPrice over lines that are not cancellations, in GBP
     * @param cancelledValue minus the sum of Quantity x UnitPrice over cancellation lines, in GBP
     *     (positive when cancellations took money back)
     */
    public record Cancellations(long lines, long cancelledLines, long invoices, long cancelledInvoices,
                                double salesValue, double cancelledValue) {
    }

    /**
     * One country of the cleaned lines.
     *
     * @param country the country as written in the data
     * @param lines cleaned lines of the country
     * @param customers distinct customers with a cleaned line in the country
     */
    public record CountryCount(String country, long lines, long customers) {
    }

    /**
     * One of the most frequent products.
     *
     * @param stockCode the stock code
     * @param description its most frequent cleaned description
     * @param lines cleaned lines with this stock code
     * @param quantity sum of Quantity over them (cancellations included)
     */
    public record StockCodeCount(String stockCode, String description, long lines, long quantity) {
    }

    /**
     * One calendar month of the cleaned lines.
     *
     * @param month {@code yyyy-MM}
     * @param revenue sum of Quantity x UnitPrice, cancellations included (net revenue), in GBP
     * @param lines cleaned lines in the month
     * @param invoices distinct invoices in the month
     * @param customers distinct customers in the month
     */
    public record MonthRevenue(String month, double revenue, long lines, long invoices, long customers) {
    }
}
