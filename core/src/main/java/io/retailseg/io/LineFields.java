package io.retailseg.io;

import io.retailseg.InputException;
import io.retailseg.domain.BadLines;
import io.retailseg.domain.Column;
import io.retailseg.domain.Transactions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ingest rules for readers outside this package (the Spark engine's executors): header
 * recognition ({@link HeaderMapping}), encoding detection ({@link TextDecoding}) and the field rules
 * of {@link LineDecoder} applied to one line given as eight strings in {@link Column} order. One
 * instance per thread (the date parser caches the last date).
 */
public final class LineFields {
    private static final long FIRST_TIME = Transactions.FIRST_DAY.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    private static final long LAST_TIME = Transactions.LAST_DAY.plusDays(1).atStartOfDay()
            .toEpochSecond(ZoneOffset.UTC) - 1;
    private static final String EXPECTED_DATE_RANGE =
            "expected a date from " + Transactions.FIRST_DAY + " to " + Transactions.LAST_DAY;

    private final InvoiceDateParser dates;

    private LineFields(InvoiceDateParser dates) {
        this.dates = dates;
    }

    /** Field rules with the default date layouts, or only {@code datePattern} when given. */
    public static LineFields of(Optional<String> datePattern) {
        return new LineFields(InvoiceDateParser.of(datePattern));
    }

    /**
     * Index in {@code header} of each {@link Column} (by ordinal), recognised as the CSV reader does.
     *
     * @throws InputException naming the first column that is not in the header
     */
    public static int[] columnIndexes(String source, long line, List<String> header, Map<Column, String> names) {
        HeaderMapping mapping = HeaderMapping.resolve(source, line, header, names);
        int[] index = new int[Column.values().length];
        for (Column c : Column.values()) {
            index[c.ordinal()] = mapping.index(c);
        }
        return index;
    }

    /**
     * The encoding the CSV reader picks for a file starting like {@code in} when none is given (its first
     * non-ASCII character decides between UTF-8 and ISO-8859-1), looking at no more than {@code maxBytes}:
     * UTF-8 when those are all ASCII.
     */
    public static Charset detectEncoding(InputStream in, long maxBytes) throws IOException {
        return TextDecoding.detect(in, maxBytes);
    }

    /** A line's fields decoded, or why the line is bad. */
    public sealed interface Decoded permits Line, Bad {
    }

    /**
     * A decoded line; {@code description} is empty when missing, {@code customerId} is
     * {@link Transactions#MISSING_CUSTOMER} when missing.
     */
    public record Line(String invoiceNo, String stockCode, Optional<String> description, int quantity,
                       long epochSecond, double unitPrice, long customerId, String country) implements Decoded {
    }

    /** A bad line: the reason, the field's canonical name and the message's problem ("expected ..., found ..."). */
    public record Bad(BadLines.Reason reason, String field, String problem) implements Decoded {
        /** The one-line error for this line of {@code source} (line 0 when the reader knows no line number). */
        public InputException error(String source, long line) {
            return new InputException(source, line, field, problem);
        }
    }

    /**
     * Decodes one line's fields (null read as an empty field), by the rules of the CSV reader: InvoiceNo
     * and StockCode not blank, Quantity a whole number in int range, InvoiceDate a date in the stored
     * window, UnitPrice a finite number of at most 1e9 in size, CustomerID blank or a whole number,
     * Description missing only when empty.
     */
    public Decoded decode(String invoiceNo, String stockCode, String description, String quantity,
                          String invoiceDate, String unitPrice, String customerId, String country) {
        String invoice = orEmpty(invoiceNo);
        if (invoice.isBlank()) {
            return bad(BadLines.Reason.MISSING, Column.INVOICE_NO, LineDecoder.EXPECTED_INVOICE, invoice);
        }
        String stock = orEmpty(stockCode);
        if (stock.isBlank()) {
            return bad(BadLines.Reason.MISSING, Column.STOCK_CODE, LineDecoder.EXPECTED_STOCK_CODE, stock);
        }
        String q = orEmpty(quantity);
        long qty = NumberParsing.parseWholeNumber(q);
        if (qty == NumberParsing.NOT_WHOLE) {
            return bad(BadLines.Reason.NUMBER, Column.QUANTITY, LineDecoder.EXPECTED_WHOLE, q);
        }
        if (qty < Integer.MIN_VALUE || qty > Integer.MAX_VALUE) {
            return bad(BadLines.Reason.NUMBER, Column.QUANTITY, LineDecoder.EXPECTED_INT_RANGE, q);
        }
        String d = orEmpty(invoiceDate);
        long time = dates.parse(d);
        if (time == InvoiceDateParser.INVALID) {
            return bad(BadLines.Reason.DATE, Column.INVOICE_DATE, dates.expectation(), d);
        }
        String p = orEmpty(unitPrice);
        double price = NumberParsing.parseFiniteDouble(p);
        if (Double.isNaN(price)) {
            return bad(BadLines.Reason.NUMBER, Column.UNIT_PRICE, LineDecoder.EXPECTED_NUMBER, p);
        }
        if (Math.abs(price) > LineDecoder.MAX_ABS_PRICE) {
            return bad(BadLines.Reason.NUMBER, Column.UNIT_PRICE, LineDecoder.EXPECTED_PRICE_RANGE, p);
        }
        String c = orEmpty(customerId);
        long customer = Transactions.MISSING_CUSTOMER;
        if (!c.isBlank()) {
            customer = NumberParsing.parseWholeNumber(c);
            if (customer == NumberParsing.NOT_WHOLE) {
                return bad(BadLines.Reason.NUMBER, Column.CUSTOMER_ID, LineDecoder.EXPECTED_CUSTOMER, c);
            }
        }
        if (time < FIRST_TIME || time > LAST_TIME) {
            return new Bad(BadLines.Reason.DATE, Column.INVOICE_DATE.canonicalName(), EXPECTED_DATE_RANGE);
        }
        String desc = orEmpty(description);
        return new Line(invoice, stock, desc.isEmpty() ? Optional.empty() : Optional.of(desc), (int) qty, time,
                price, customer, orEmpty(country));
    }

    private static Bad bad(BadLines.Reason reason, Column column, String expected, String found) {
        return new Bad(reason, column.canonicalName(), expected + ", found " + LineDecoder.quote(found));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
