package io.retailseg.io;

import io.retailseg.InputException;
import io.retailseg.domain.Column;
import io.retailseg.domain.Transactions;

/**
 * {@link LineDecoder} for lines held as characters in a {@link FieldBatch}: the same
 * checks in the same order with the same messages, but numbers and dates are parsed from the
 * characters and strings dictionary-encoded by {@link CharDictionary}, so a String is made only for
 * a value not seen before (or for an error message).
 */
final class BufferLineDecoder {
    private static final Column[] COLUMNS = Column.values();

    private final String source;
    private final InvoiceDateParser dates;
    /** Slot of each column's field in a {@link FieldBatch}, by {@link Column#ordinal()}. */
    private final int[] slot;
    private final Transactions.Builder builder = new Transactions.Builder();
    private final CharDictionary invoices = new CharDictionary(builder.invoices());
    private final CharDictionary stockCodes = new CharDictionary(builder.stockCodes());
    private final CharDictionary descriptions = new CharDictionary(builder.descriptions());
    private final CharDictionary countries = new CharDictionary(builder.countries());

    BufferLineDecoder(String source, InvoiceDateParser dates, int[] slot) {
        if (slot.length != COLUMNS.length) {
            throw new IllegalArgumentException("expected a slot for each of the " + COLUMNS.length + " columns");
        }
        this.source = source;
        this.dates = dates;
        this.slot = slot.clone();
    }

    /** Appends the lines of {@code batch}, in order. */
    void decode(FieldBatch batch) {
        for (int i = 0; i < batch.size; i++) {
            add(batch, i);
        }
    }

    /** Appends line {@code i} of {@code b} (not blank, with every column's field present). */
    private void add(FieldBatch b, int i) {
        long line = b.lines[i];
        char[] c = b.chars;
        int base = i * b.slots;
        int invoice = base + slot[Column.INVOICE_NO.ordinal()];
        if (FieldBufferHandler.isBlank(c, b.start[invoice], b.length[invoice])) {
            throw error(b, i, Column.INVOICE_NO, LineDecoder.EXPECTED_INVOICE);
        }
        int stockCode = base + slot[Column.STOCK_CODE.ordinal()];
        if (FieldBufferHandler.isBlank(c, b.start[stockCode], b.length[stockCode])) {
            throw error(b, i, Column.STOCK_CODE, LineDecoder.EXPECTED_STOCK_CODE);
        }
        int quantityField = base + slot[Column.QUANTITY.ordinal()];
        long quantity = NumberParsing.parseWholeNumber(c, b.start[quantityField], end(b, quantityField));
        if (quantity == NumberParsing.NOT_WHOLE) {
            throw error(b, i, Column.QUANTITY, LineDecoder.EXPECTED_WHOLE);
        }
        if (quantity < Integer.MIN_VALUE || quantity > Integer.MAX_VALUE) {
            throw error(b, i, Column.QUANTITY, LineDecoder.EXPECTED_INT_RANGE);
        }
        int dateField = base + slot[Column.INVOICE_DATE.ordinal()];
        long time = dates.parse(c, b.start[dateField], b.length[dateField]);
        if (time == InvoiceDateParser.INVALID) {
            throw error(b, i, Column.INVOICE_DATE, dates.expectation());
        }
        int priceField = base + slot[Column.UNIT_PRICE.ordinal()];
        double price = NumberParsing.parseFiniteDouble(c, b.start[priceField], end(b, priceField));
        if (Double.isNaN(price)) {
            throw error(b, i, Column.UNIT_PRICE, LineDecoder.EXPECTED_NUMBER);
        }
        int customerField = base + slot[Column.CUSTOMER_ID.ordinal()];
        long customer = Transactions.MISSING_CUSTOMER;
        if (!FieldBufferHandler.isBlank(c, b.start[customerField], b.length[customerField])) {
            customer = NumberParsing.parseWholeNumber(c, b.start[customerField], end(b, customerField));
            if (customer == NumberParsing.NOT_WHOLE) {
                throw error(b, i, Column.CUSTOMER_ID, LineDecoder.EXPECTED_CUSTOMER);
            }
        }
        int descriptionField = base + slot[Column.DESCRIPTION.ordinal()];
        int countryField = base + slot[Column.COUNTRY.ordinal()];
        try {
            builder.addEncoded(invoices.encode(c, b.start[invoice], b.length[invoice]),
                    stockCodes.encode(c, b.start[stockCode], b.length[stockCode]),
                    b.length[descriptionField] == 0 ? Transactions.MISSING_DESCRIPTION // pandas reads it as NaN
                            : descriptions.encode(c, b.start[descriptionField], b.length[descriptionField]),
                    (int) quantity, time, price, customer,
                    countries.encode(c, b.start[countryField], b.length[countryField]));
        } catch (IllegalArgumentException e) {
            throw LineDecoder.builderError(source, line, e, b.text(i, slot[Column.INVOICE_DATE.ordinal()]),
                    b.text(i, slot[Column.COUNTRY.ordinal()]));
        }
    }

    Transactions build() {
        return builder.build();
    }

    private static int end(FieldBatch b, int field) {
        return b.start[field] + b.length[field];
    }

    private InputException error(FieldBatch b, int i, Column column, String expected) {
        return LineDecoder.error(source, b.lines[i], column, expected, b.text(i, slot[column.ordinal()]));
    }
}
