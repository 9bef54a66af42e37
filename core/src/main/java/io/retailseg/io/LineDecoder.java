package io.retailseg.io;

import io.retailseg.InputException;
import io.retailseg.domain.BadLines;
import io.retailseg.domain.BadLines.Reason;
import io.retailseg.domain.Column;
import io.retailseg.domain.Transactions;
import java.util.Arrays;

/**
 * The one set of field rules: decodes lines held as characters in a {@link FieldBatch} (as pandas
 * would read them) and appends them to a {@link Transactions.Builder}. Two sources fill the
 * batches: the CSV reader copies fields out of FastCSV's buffer ({@link FieldBufferHandler}), and
 * String fields (XLSX cells, JSON request bodies) are copied in with {@link FieldBatch#add}. Numbers
 * and dates are parsed from the characters and strings dictionary-encoded by {@link CharDictionary},
 * so a String is made only for a value not seen before (or for an error message).
 *
 * <p>A bad line (a field count other than the header's, an empty InvoiceNo or StockCode, a number or
 * date that is not one) is, by {@link BadLinePolicy}, an {@link InputException} naming the line, the
 * field's canonical name, what was expected and what was found, or skipped and counted by its
 * {@link Reason} ({@link #badLines()}).
 */
final class LineDecoder {
    private static final Column[] COLUMNS = Column.values();
    static final String EXPECTED_INVOICE = "expected an invoice number";
    static final String EXPECTED_STOCK_CODE = "expected a stock code";
    static final String EXPECTED_WHOLE = "expected a whole number";
    static final String EXPECTED_INT_RANGE =
            "expected a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
    static final String EXPECTED_NUMBER = "expected a number";
    /**
     * Largest |UnitPrice| accepted: 25,000 times the largest price of the real file (38,970.00), and
     * small enough that sums and squares of spend over 2^31 lines of 2^31 items stay finite doubles.
     */
    static final double MAX_ABS_PRICE = 1e9;
    static final String EXPECTED_PRICE_RANGE = "expected a number from -1000000000 to 1000000000";
    static final String EXPECTED_CUSTOMER = "expected a whole-number customer id";

    private final String source;
    private final InvoiceDateParser dates;
    /** Slot of each column's field in a {@link FieldBatch}, by {@link Column#ordinal()}. */
    private final int[] slot;
    /** The header's field count, or 0 when the source has no field count to check (String fields). */
    private final int expectedFields;
    private final HeaderMapping mapping;
    private final BadLinePolicy policy;
    private final BadLines.Counter skipped = new BadLines.Counter();
    private final Transactions.Builder builder;
    private final CharDictionary invoices;
    private final CharDictionary stockCodes;
    private final CharDictionary descriptions;
    private final CharDictionary countries;
    /**
     * The last CustomerID text parsed and its value ({@link Transactions#MISSING_CUSTOMER} when blank): the
     * next line's is nearly always the same text, compared instead of parsed (at 100 M generated lines the
     * parsing of whole numbers was 4,186 JFR samples of the decoding thread, CustomerID one of its two).
     */
    private char[] lastCustomerText = new char[16];
    private int lastCustomerLength = -1;
    private long lastCustomer;
    /** By StockCode code, the Description code last decoded with it (-1: none yet): {@link CharDictionary}'s hint. */
    private int[] descriptionOfStockCode = new int[0];
    /** Lines decoded and stored so far, as of the last whole batch (for {@link #storedShare()}). */
    private volatile long decoded;
    private volatile long stored;

    /**
     * @param slot the slot of each column's field, by {@link Column#ordinal()}
     * @param mapping the CSV header, whose width every line must have; null for String fields
     * @param options the bad-line policy, and whether lines without CustomerID or Description are stored
     */
    LineDecoder(String source, InvoiceDateParser dates, int[] slot, HeaderMapping mapping, IngestOptions options) {
        if (slot.length != COLUMNS.length) {
            throw new IllegalArgumentException("expected a slot for each of the " + COLUMNS.length + " columns");
        }
        this.source = source;
        this.dates = dates;
        this.slot = slot.clone();
        this.mapping = mapping;
        this.expectedFields = mapping == null ? 0 : mapping.width();
        this.policy = options.onBadLines();
        this.builder = new Transactions.Builder(options.storeIncomplete());
        this.invoices = new CharDictionary(builder.invoices());
        this.stockCodes = new CharDictionary(builder.stockCodes());
        this.descriptions = new CharDictionary(builder.descriptions());
        this.countries = new CharDictionary(builder.countries());
    }

    /** A decoder of String fields given in {@link Column} order (slot i = column i), no field count to check. */
    static LineDecoder ofColumns(String source, InvoiceDateParser dates, IngestOptions options) {
        int[] slot = new int[COLUMNS.length];
        for (Column c : COLUMNS) {
            slot[c.ordinal()] = c.ordinal();
        }
        return new LineDecoder(source, dates, slot, null, options);
    }

    /** Appends the lines of {@code batch}, in order (skipping or stopping at a bad one, by the policy). */
    void decode(FieldBatch batch) {
        for (int i = 0; i < batch.size; i++) {
            add(batch, i);
        }
        decoded += batch.size;
        stored = builder.size();
    }

    /**
     * The share of the lines decoded so far that were stored (1 before any): the others were bad and skipped, or
     * counted instead of stored ({@link IngestOptions#storeIncomplete()}). Read by the reading thread for the
     * memory check while this decoder works on another.
     */
    double storedShare() {
        long d = decoded;
        return d == 0 ? 1.0 : (double) stored / d;
    }

    /** Appends line {@code i} of {@code b} (not blank), or rejects it. */
    private void add(FieldBatch b, int i) {
        if (expectedFields > 0 && b.fieldCounts[i] != expectedFields) {
            rejectFieldCount(b.lines[i], b.fieldCounts[i]);
            return;
        }
        char[] c = b.chars;
        int base = i * b.slots;
        int invoice = base + slot[Column.INVOICE_NO.ordinal()];
        if (FieldBufferHandler.isBlank(c, b.start[invoice], b.length[invoice])) {
            reject(b, i, Reason.MISSING, Column.INVOICE_NO, EXPECTED_INVOICE);
            return;
        }
        int stockCode = base + slot[Column.STOCK_CODE.ordinal()];
        if (FieldBufferHandler.isBlank(c, b.start[stockCode], b.length[stockCode])) {
            reject(b, i, Reason.MISSING, Column.STOCK_CODE, EXPECTED_STOCK_CODE);
            return;
        }
        int quantityField = base + slot[Column.QUANTITY.ordinal()];
        long quantity = b.quantities == null ? FieldBatch.NO_WHOLE : b.quantities[i];
        boolean quantityGiven = quantity != FieldBatch.NO_WHOLE;
        if (!quantityGiven) {
            quantity = NumberParsing.parseWholeNumber(c, b.start[quantityField], end(b, quantityField));
            if (quantity == NumberParsing.NOT_WHOLE) {
                reject(b, i, Reason.NUMBER, Column.QUANTITY, EXPECTED_WHOLE);
                return;
            }
        }
        if (quantity < Integer.MIN_VALUE || quantity > Integer.MAX_VALUE) {
            reject(b, i, Reason.NUMBER, Column.QUANTITY, EXPECTED_INT_RANGE,
                    quantityGiven ? Long.toString(quantity) : b.text(i, slot[Column.QUANTITY.ordinal()]));
            return;
        }
        long time = b.epochSeconds == null ? InvoiceDateParser.INVALID : b.epochSeconds[i];
        if (time == InvoiceDateParser.INVALID) {
            int dateField = base + slot[Column.INVOICE_DATE.ordinal()];
            time = dates.parse(c, b.start[dateField], b.length[dateField]);
            if (time == InvoiceDateParser.INVALID) {
                reject(b, i, Reason.DATE, Column.INVOICE_DATE, dates.expectation());
                return;
            }
        }
        int priceField = base + slot[Column.UNIT_PRICE.ordinal()];
        double price = b.prices == null ? Double.NaN : b.prices[i];
        boolean priceGiven = !Double.isNaN(price);
        if (!priceGiven) {
            price = NumberParsing.parseFiniteDouble(c, b.start[priceField], end(b, priceField));
            if (Double.isNaN(price)) {
                reject(b, i, Reason.NUMBER, Column.UNIT_PRICE, EXPECTED_NUMBER);
                return;
            }
        }
        if (Math.abs(price) > MAX_ABS_PRICE) {
            reject(b, i, Reason.NUMBER, Column.UNIT_PRICE, EXPECTED_PRICE_RANGE,
                    priceGiven ? Double.toString(price) : b.text(i, slot[Column.UNIT_PRICE.ordinal()]));
            return;
        }
        int customerField = base + slot[Column.CUSTOMER_ID.ordinal()];
        long customer = b.customers == null ? FieldBatch.NO_WHOLE : b.customers[i];
        if (customer != FieldBatch.NO_WHOLE) {
            // given as a number: nothing to parse
        } else if (b.length[customerField] == lastCustomerLength
                && CharDictionary.sameChars(c, b.start[customerField], lastCustomerText, 0, lastCustomerLength)) {
            customer = lastCustomer; // the lines of an invoice come together, and share the customer
        } else {
            if (FieldBufferHandler.isBlank(c, b.start[customerField], b.length[customerField])) {
                customer = Transactions.MISSING_CUSTOMER;
            } else {
                customer = NumberParsing.parseWholeNumber(c, b.start[customerField], end(b, customerField));
                if (customer == NumberParsing.NOT_WHOLE) {
                    reject(b, i, Reason.NUMBER, Column.CUSTOMER_ID, EXPECTED_CUSTOMER);
                    return;
                }
            }
            rememberCustomer(c, b.start[customerField], b.length[customerField], customer);
        }
        int descriptionField = base + slot[Column.DESCRIPTION.ordinal()];
        int countryField = base + slot[Column.COUNTRY.ordinal()];
        try {
            builder.checkTime(time); // before encoding: a refused line leaves the dictionaries as they were
            int stockCodeCode = stockCodes.encode(c, b.start[stockCode], b.length[stockCode]);
            builder.addEncoded(invoices.encode(c, b.start[invoice], b.length[invoice]), stockCodeCode,
                    b.length[descriptionField] == 0 ? Transactions.MISSING_DESCRIPTION // pandas reads it as NaN
                            : description(stockCodeCode, c, b.start[descriptionField], b.length[descriptionField]),
                    (int) quantity, time, price, customer,
                    countries.encode(c, b.start[countryField], b.length[countryField]));
        } catch (Transactions.Refused e) {
            Column column = e.reason() == Reason.COUNTRY ? Column.COUNTRY : Column.INVOICE_DATE;
            reject(b, i, e.reason(), column, e.getMessage());
        } catch (IllegalArgumentException e) { // the table is full: not about this line, never skipped
            throw new InputException(sourceOf(b), b.lines[i], null, e.getMessage());
        }
    }

    private void rememberCustomer(char[] c, int start, int length, long customer) {
        if (lastCustomerText.length < length) {
            lastCustomerText = new char[Math.max(length, lastCustomerText.length * 2)];
        }
        System.arraycopy(c, start, lastCustomerText, 0, length);
        lastCustomerLength = length;
        lastCustomer = customer;
    }

    /** The Description's code, the one last decoded with the same StockCode tried first. */
    private int description(int stockCodeCode, char[] c, int start, int length) {
        if (stockCodeCode >= descriptionOfStockCode.length) {
            int old = descriptionOfStockCode.length;
            descriptionOfStockCode = Arrays.copyOf(descriptionOfStockCode, Math.max(stockCodeCode + 1, old * 2));
            Arrays.fill(descriptionOfStockCode, old, descriptionOfStockCode.length, -1);
        }
        int code = descriptions.encode(c, start, length, descriptionOfStockCode[stockCodeCode]);
        descriptionOfStockCode[stockCodeCode] = code;
        return code;
    }

    /** The lines decoded, with the lines skipped. */
    Transactions build() {
        return builder.badLines(skipped.result()).build();
    }

    /** The lines skipped so far. */
    BadLines badLines() {
        return skipped.result();
    }

    private void rejectFieldCount(long line, int found) {
        if (policy == BadLinePolicy.SKIP && !skipped.wantsMessage()) {
            skipped.skip(line, Reason.FIELD_COUNT, null);
            return;
        }
        String problem = "expected " + expectedFields + " fields, found " + found;
        // too few: name the first missing field, as before; too many: no one field is at fault
        String field = found < expectedFields ? mapping.fieldName(found) : null;
        reject(new InputException(source, line, field, problem), Reason.FIELD_COUNT);
    }

    private void reject(FieldBatch b, int i, Reason reason, Column column, String expected) {
        reject(b, i, reason, column, expected, null);
    }

    /** @param found the value's text when it was given as a number, else null (the field's text) */
    private void reject(FieldBatch b, int i, Reason reason, Column column, String expected, String found) {
        if (policy == BadLinePolicy.SKIP && !skipped.wantsMessage()) {
            skipped.skip(b.lines[i], reason, null);
            return;
        }
        reject(error(sourceOf(b), b.lines[i], column, expected,
                found != null ? found : b.text(i, slot[column.ordinal()])), reason);
    }

    /** The batch's own source (one part file of a Parquet folder), else the decoder's. */
    private String sourceOf(FieldBatch b) {
        return b.source != null ? b.source : source;
    }

    /** Throws {@code e} (error policy) or counts its line as skipped for {@code reason}. */
    void reject(InputException e, Reason reason) {
        if (policy == BadLinePolicy.ERROR) {
            throw e;
        }
        skipped.skip(e.line(), reason, e.getMessage());
    }

    private static int end(FieldBatch b, int field) {
        return b.start[field] + b.length[field];
    }

    static InputException error(String source, long line, Column column, String expected, String found) {
        return new InputException(source, line, column.canonicalName(), expected + ", found " + quote(found));
    }

    /** {@code "text"}, on one line with control characters escaped and cut when long, or "an empty field". */
    static String quote(String text) {
        return io.retailseg.Echo.quote(text);
    }
}
