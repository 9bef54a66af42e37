package io.retailseg.io;

import java.util.Arrays;

/**
 * Lines as characters, the unit handed from the reading thread to the decoding one: for each line,
 * its physical line number and, for each kept field (a "slot"), where its characters start in
 * {@link #chars} and how many there are. Copied out of FastCSV's buffer, which is reused.
 */
final class FieldBatch {
    /** Lines a full-size batch holds. */
    static final int LINES = 4096;
    /**
     * Lines of a reader's first batch: batches double from here up to {@link #LINES}, so a request
     * body of a few lines does not allocate a full batch (about 0.8 MB). Measured with
     * {@code bench/serve.sh} (wrk, 16 connections, one customer's 39 lines): 7,971 scores/s (p50
     * 1.98 ms) with full batches, 16,921 (p50 0.94 ms) starting at 64 lines.
     */
    static final int FIRST_LINES = 64;
    private static final int FIRST_CHARS_PER_LINE = 64;

    final int slots;
    final int capacity;
    final long[] lines;
    /** Fields of each line as the CSV parser saw them (the decoder compares with the header's). */
    final int[] fieldCounts;
    /**
     * InvoiceDate of each line when the source holds it as a date (an XLSX date cell), else
     * {@link InvoiceDateParser#INVALID}; null when no line of the batch has one.
     */
    long[] epochSeconds;
    /**
     * Quantity, UnitPrice and CustomerID of each line when the source holds them as numbers (a Parquet
     * column), else {@link #NO_WHOLE} / NaN / {@link #NO_WHOLE} and the field's text is parsed; null when
     * no line of the batch has them.
     */
    long[] quantities;
    double[] prices;
    long[] customers;
    /** A whole number not given as a number: the field's text is parsed. */
    static final long NO_WHOLE = Long.MIN_VALUE;
    final int[] start;
    final int[] length;
    char[] chars;
    /** The file its lines come from when it differs from the decoder's source (a part of a folder), else null. */
    String source;
    int size;
    int used;

    FieldBatch(int slots, int capacity) {
        this(slots, capacity, capacity * FIRST_CHARS_PER_LINE);
    }

    private FieldBatch(int slots, int capacity, int chars) {
        this.slots = slots;
        this.capacity = capacity;
        lines = new long[capacity];
        fieldCounts = new int[capacity];
        start = new int[capacity * slots];
        length = new int[capacity * slots];
        this.chars = new char[chars];
    }

    /** Capacity of the batch after one of {@code capacity} lines: double, up to {@link #LINES}. */
    static int next(int capacity) {
        return Math.min(LINES, capacity * 2);
    }

    /**
     * An empty batch to fill after this one: {@link #next(int)} lines, and room for this one's characters a
     * line and an eighth more (from what it used, so one huge field does not size every later batch).
     * Starting every batch at {@value #FIRST_CHARS_PER_LINE} characters a line made each full batch of
     * longer lines copy its characters once while filling: at 100 M generated lines that was 1,727 of the
     * reading thread's JFR samples (1 ms each).
     */
    FieldBatch following() {
        int lines = next(capacity);
        long perLine = size == 0 ? 0 : used / size;
        long chars = Math.max((long) lines * FIRST_CHARS_PER_LINE, perLine * lines + perLine * lines / 8);
        return new FieldBatch(slots, lines, (int) Math.min(chars, Integer.MAX_VALUE - 8));
    }

    /**
     * This batch made empty to be filled again, its arrays kept (the characters' as large as they grew):
     * what a reused batch's lines were is never read again, since a line's slots are all written before
     * the decoder reads them (a line with another field count is refused on its count alone).
     */
    FieldBatch emptied() {
        size = 0;
        used = 0;
        source = null;
        epochSeconds = null;
        quantities = null;
        prices = null;
        customers = null;
        return this;
    }

    /** Appends characters to {@link #chars}, growing it, and returns where they start. */
    int append(char[] buf, int offset, int len) {
        if (used + len > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(used + len, chars.length * 2));
        }
        System.arraycopy(buf, offset, chars, used, len);
        int at = used;
        used += len;
        return at;
    }

    /** Whether the batch has no room for another line. */
    boolean full() {
        return size == capacity;
    }

    /**
     * Appends a line given as Strings (XLSX cells, JSON fields), one per slot, so it is decoded by
     * the same rules as a CSV line.
     *
     * @param epochSecond the InvoiceDate when the source holds it as a date, else {@link InvoiceDateParser#INVALID}
     */
    void add(long line, String[] fields, long epochSecond) {
        int base = size * slots;
        for (int slot = 0; slot < slots; slot++) {
            String field = fields[slot];
            int len = field.length();
            if (used + len > chars.length) {
                chars = Arrays.copyOf(chars, Math.max(used + len, chars.length * 2));
            }
            field.getChars(0, len, chars, used);
            start[base + slot] = used;
            length[base + slot] = len;
            used += len;
        }
        if (epochSecond != InvoiceDateParser.INVALID) {
            putDate(epochSecond);
        }
        fieldCounts[size] = slots;
        lines[size++] = line;
    }

    /**
     * {@link #add(long, String[], long)} with Quantity, UnitPrice and CustomerID given as numbers
     * ({@link #NO_WHOLE}, NaN: not given, the field's text is parsed), so they are not parsed from text.
     */
    void add(long line, String[] fields, long epochSecond, long quantity, double price, long customer) {
        putNumbers(quantity, price, customer);
        add(line, fields, epochSecond);
    }

    /** The next line's InvoiceDate as a value (the column made on first use, INVALID elsewhere). */
    private void putDate(long epochSecond) {
        if (epochSeconds == null) {
            epochSeconds = new long[capacity];
            Arrays.fill(epochSeconds, InvoiceDateParser.INVALID);
        }
        epochSeconds[size] = epochSecond;
    }

    /** The next line's Quantity, UnitPrice and CustomerID as values (the columns made on first use, "not given" elsewhere). */
    private void putNumbers(long quantity, double price, long customer) {
        if (quantities == null) {
            quantities = new long[capacity];
            prices = new double[capacity];
            customers = new long[capacity];
            Arrays.fill(quantities, NO_WHOLE);
            Arrays.fill(prices, Double.NaN);
            Arrays.fill(customers, NO_WHOLE);
        }
        quantities[size] = quantity;
        prices[size] = price;
        customers[size] = customer;
    }

    /**
     * Appends a line given as characters, slot {@code s}'s field being {@code length[s]} characters of
     * {@code buf} from {@code start[s]} (a typed source's text fields, decoded without a String each), with
     * the InvoiceDate, Quantity, UnitPrice and CustomerID given as values or as {@link InvoiceDateParser#INVALID},
     * {@link #NO_WHOLE}, NaN, {@link #NO_WHOLE} (then the field's text is parsed).
     */
    void add(long line, char[] buf, int[] start, int[] length, long epochSecond, long quantity, double price,
             long customer) {
        int base = size * slots;
        for (int slot = 0; slot < slots; slot++) {
            this.start[base + slot] = append(buf, start[slot], length[slot]);
            this.length[base + slot] = length[slot];
        }
        if (epochSecond != InvoiceDateParser.INVALID) {
            putDate(epochSecond);
        }
        if (quantity != NO_WHOLE || !Double.isNaN(price) || customer != NO_WHOLE) {
            putNumbers(quantity, price, customer);
        }
        fieldCounts[size] = slots;
        lines[size++] = line;
    }

    /** The text of slot {@code slot} of line {@code line}, for an error message. */
    String text(int line, int slot) {
        int i = line * slots + slot;
        return new String(chars, start[i], length[i]);
    }
}
