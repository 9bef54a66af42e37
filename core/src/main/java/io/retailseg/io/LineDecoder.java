package io.retailseg.io;

import io.retailseg.InputException;
import io.retailseg.domain.Column;
import io.retailseg.domain.Transactions;

/**
 * Decodes the eight text fields of one line (as pandas would read them) and appends the line to a
 * {@link Transactions.Builder}; any bad field becomes an {@link InputException} naming the line,
 * the field's canonical name, what was expected and what was found.
 */
final class LineDecoder {
    /** Longest field text quoted in an error message, so the message stays one short line. */
    private static final int MAX_QUOTED = 60;
    static final String EXPECTED_INVOICE = "expected an invoice number";
    static final String EXPECTED_STOCK_CODE = "expected a stock code";
    static final String EXPECTED_WHOLE = "expected a whole number";
    static final String EXPECTED_INT_RANGE =
            "expected a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
    static final String EXPECTED_NUMBER = "expected a number";
    static final String EXPECTED_CUSTOMER = "expected a whole-number customer id";

    private final String source;
    private final InvoiceDateParser dates;
    private final Transactions.Builder builder = new Transactions.Builder();

    LineDecoder(String source, InvoiceDateParser dates) {
        this.source = source;
        this.dates = dates;
    }

    /**
     * Appends one line.
     *
     * @param line the physical line (or spreadsheet row) number, for errors
     * @param fields the fields indexed by {@link Column#ordinal()}; never null
     * @param epochSecond the InvoiceDate when the source already holds it as a date (an XLSX date
     *     cell), else {@link InvoiceDateParser#INVALID} to parse the InvoiceDate text
     */
    void add(long line, String[] fields, long epochSecond) {
        String invoice = fields[Column.INVOICE_NO.ordinal()];
        if (invoice.isBlank()) {
            throw error(line, Column.INVOICE_NO, EXPECTED_INVOICE, invoice);
        }
        String stockCode = fields[Column.STOCK_CODE.ordinal()];
        if (stockCode.isBlank()) {
            throw error(line, Column.STOCK_CODE, EXPECTED_STOCK_CODE, stockCode);
        }
        String description = fields[Column.DESCRIPTION.ordinal()];
        if (description.isEmpty()) {
            description = null; // pandas reads an empty field as NaN
        }
        String quantityText = fields[Column.QUANTITY.ordinal()];
        long quantity = NumberParsing.parseWholeNumber(quantityText);
        if (quantity == NumberParsing.NOT_WHOLE) {
            throw error(line, Column.QUANTITY, EXPECTED_WHOLE, quantityText);
        }
        if (quantity < Integer.MIN_VALUE || quantity > Integer.MAX_VALUE) {
            throw error(line, Column.QUANTITY, EXPECTED_INT_RANGE, quantityText);
        }
        long time = epochSecond;
        if (time == InvoiceDateParser.INVALID) {
            String dateText = fields[Column.INVOICE_DATE.ordinal()];
            time = dates.parse(dateText);
            if (time == InvoiceDateParser.INVALID) {
                throw error(line, Column.INVOICE_DATE, dates.expectation(), dateText);
            }
        }
        String priceText = fields[Column.UNIT_PRICE.ordinal()];
        double price = NumberParsing.parseFiniteDouble(priceText);
        if (Double.isNaN(price)) {
            throw error(line, Column.UNIT_PRICE, EXPECTED_NUMBER, priceText);
        }
        String customerText = fields[Column.CUSTOMER_ID.ordinal()];
        long customer = Transactions.MISSING_CUSTOMER;
        if (!customerText.isBlank()) {
            customer = NumberParsing.parseWholeNumber(customerText);
            if (customer == NumberParsing.NOT_WHOLE) {
                throw error(line, Column.CUSTOMER_ID, EXPECTED_CUSTOMER, customerText);
            }
        }
        try {
            builder.add(invoice, stockCode, description, (int) quantity, time, price, customer,
                    fields[Column.COUNTRY.ordinal()]);
        } catch (IllegalArgumentException e) {
            throw builderError(source, line, e, fields[Column.INVOICE_DATE.ordinal()], fields[Column.COUNTRY.ordinal()]);
        }
    }

    /** The error for a line {@link Transactions.Builder} refused: a date too far off, a country too many, too many lines. */
    static InputException builderError(String source, long line, IllegalArgumentException e, String dateText,
                                       String countryText) {
        String reason = e.getMessage();
        if (reason.startsWith("expected a date")) {
            return error(source, line, Column.INVOICE_DATE, reason, dateText);
        }
        if (reason.contains("countries")) {
            return error(source, line, Column.COUNTRY, reason, countryText);
        }
        return new InputException(source, line, null, reason);
    }

    Transactions build() {
        return builder.build();
    }

    private InputException error(long line, Column column, String expected, String found) {
        return error(source, line, column, expected, found);
    }

    static InputException error(String source, long line, Column column, String expected, String found) {
        return new InputException(source, line, column.canonicalName(), expected + ", found " + quote(found));
    }

    /** {@code "text"}, on one line and cut when long, or "an empty field". */
    static String quote(String text) {
        if (text.isEmpty()) {
            return "an empty field";
        }
        String shown = text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "..." : text;
        return '"' + shown.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ') + '"';
    }
}
