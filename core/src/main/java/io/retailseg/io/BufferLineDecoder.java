package io.retailseg.io;

import io.retailseg.InputException;
import io.retailseg.domain.Column;
import io.retailseg.domain.Transactions;

/**
 * {@link LineDecoder} for a record held as characters by {@link FieldBufferHandler}: the same
 * checks in the same order with the same messages, but numbers and dates are parsed from the
 * characters and strings dictionary-encoded by {@link CharDictionary}, so a String is made only for
 * a value not seen before (or for an error message).
 */
final class BufferLineDecoder {
    private static final Column[] COLUMNS = Column.values();

    private final String source;
    private final InvoiceDateParser dates;
    /** Field index (header position) of each column, by {@link Column#ordinal()}. */
    private final int[] index;
    private final Transactions.Builder builder = new Transactions.Builder();
    private final CharDictionary invoices = new CharDictionary(builder.invoices());
    private final CharDictionary stockCodes = new CharDictionary(builder.stockCodes());
    private final CharDictionary descriptions = new CharDictionary(builder.descriptions());
    private final CharDictionary countries = new CharDictionary(builder.countries());

    BufferLineDecoder(String source, InvoiceDateParser dates, int[] index) {
        if (index.length != COLUMNS.length) {
            throw new IllegalArgumentException("expected a field index for each of the " + COLUMNS.length + " columns");
        }
        this.source = source;
        this.dates = dates;
        this.index = index.clone();
    }

    /** Appends the handler's current record (not blank, with every column's field present). */
    void add(FieldBufferHandler r) {
        long line = r.line();
        char[] c = r.chars();
        int invoice = index[Column.INVOICE_NO.ordinal()];
        if (FieldBufferHandler.isBlank(c, r.start(invoice), r.length(invoice))) {
            throw error(line, Column.INVOICE_NO, LineDecoder.EXPECTED_INVOICE, r.text(invoice));
        }
        int stockCode = index[Column.STOCK_CODE.ordinal()];
        if (FieldBufferHandler.isBlank(c, r.start(stockCode), r.length(stockCode))) {
            throw error(line, Column.STOCK_CODE, LineDecoder.EXPECTED_STOCK_CODE, r.text(stockCode));
        }
        int quantityField = index[Column.QUANTITY.ordinal()];
        long quantity = Numbers.parseWholeNumber(c, r.start(quantityField), end(r, quantityField));
        if (quantity == Numbers.NOT_WHOLE) {
            throw error(line, Column.QUANTITY, LineDecoder.EXPECTED_WHOLE, r.text(quantityField));
        }
        if (quantity < Integer.MIN_VALUE || quantity > Integer.MAX_VALUE) {
            throw error(line, Column.QUANTITY, LineDecoder.EXPECTED_INT_RANGE, r.text(quantityField));
        }
        int dateField = index[Column.INVOICE_DATE.ordinal()];
        long time = dates.parse(c, r.start(dateField), r.length(dateField));
        if (time == InvoiceDateParser.INVALID) {
            throw error(line, Column.INVOICE_DATE, dates.expectation(), r.text(dateField));
        }
        int priceField = index[Column.UNIT_PRICE.ordinal()];
        double price = Numbers.parseFiniteDouble(c, r.start(priceField), end(r, priceField));
        if (Double.isNaN(price)) {
            throw error(line, Column.UNIT_PRICE, LineDecoder.EXPECTED_NUMBER, r.text(priceField));
        }
        int customerField = index[Column.CUSTOMER_ID.ordinal()];
        long customer = Transactions.MISSING_CUSTOMER;
        if (!FieldBufferHandler.isBlank(c, r.start(customerField), r.length(customerField))) {
            customer = Numbers.parseWholeNumber(c, r.start(customerField), end(r, customerField));
            if (customer == Numbers.NOT_WHOLE) {
                throw error(line, Column.CUSTOMER_ID, LineDecoder.EXPECTED_CUSTOMER, r.text(customerField));
            }
        }
        int descriptionField = index[Column.DESCRIPTION.ordinal()];
        int countryField = index[Column.COUNTRY.ordinal()];
        try {
            builder.addEncoded(invoices.encode(c, r.start(invoice), r.length(invoice)),
                    stockCodes.encode(c, r.start(stockCode), r.length(stockCode)),
                    r.length(descriptionField) == 0 ? Transactions.MISSING_DESCRIPTION // pandas reads it as NaN
                            : descriptions.encode(c, r.start(descriptionField), r.length(descriptionField)),
                    (int) quantity, time, price, customer,
                    countries.encode(c, r.start(countryField), r.length(countryField)));
        } catch (IllegalArgumentException e) {
            throw LineDecoder.builderError(source, line, e, r.text(dateField), r.text(countryField));
        }
    }

    Transactions build() {
        return builder.build();
    }

    private static int end(FieldBufferHandler r, int field) {
        return r.start(field) + r.length(field);
    }

    private InputException error(long line, Column column, String expected, String found) {
        return LineDecoder.error(source, line, column, expected, found);
    }
}
