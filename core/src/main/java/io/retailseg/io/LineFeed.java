package io.retailseg.io;

import io.retailseg.domain.Column;
import io.retailseg.domain.Transactions;

/**
 * Lines given field by field by a reader outside this package (the Parquet reader of the
 * {@code parquet} module), decoded by the same rules as a CSV line ({@link LineDecoder}): each field
 * is the text a CSV file would hold, an empty field where the source has none (a Parquet null), so
 * an empty Description or CustomerID is missing and any other empty field is the same error as in
 * a CSV file. A date the source holds as a date (a Parquet timestamp) is given as its epoch second
 * and never parsed from text.
 *
 * <p>Batches are decoded on a second thread while the caller reads ahead, in order, as the CSV
 * reader does, so errors and the result do not depend on it. Not thread-safe: one reading thread.
 */
public final class LineFeed implements AutoCloseable {
    /** The {@code epochSecond} of a line whose date is given as text in its InvoiceDate field. */
    public static final long DATE_AS_TEXT = InvoiceDateParser.INVALID;
    /** A Quantity or CustomerID given as text in its field, not as a number. */
    public static final long WHOLE_AS_TEXT = FieldBatch.NO_WHOLE;
    /** A UnitPrice given as text in its field, not as a number. */
    public static final double PRICE_AS_TEXT = Double.NaN;

    private static final int SLOTS = Column.values().length;

    private final String source;
    private final LineDecoder decoder;
    private final DecodingPipeline<FieldBatch> pipeline;
    private final MemoryEstimate memory;
    private String batchSource;
    private FieldBatch batch = new FieldBatch(SLOTS, FieldBatch.FIRST_LINES);
    private boolean finished;

    private LineFeed(String source, IngestOptions options, boolean parallel) {
        this.source = source;
        this.decoder = LineDecoder.ofColumns(source, TransactionReader.dateParser(source, options), options);
        this.pipeline = new DecodingPipeline<>(decoder::decode, parallel);
        this.memory = new MemoryEstimate(source, Runtime.getRuntime().maxMemory());
    }

    /**
     * A feed whose errors name {@code source}; the date format and bad-line policy come from
     * {@code options} (the column mapping is the caller's: it hands the fields in {@link Column} order).
     */
    public static LineFeed of(String source, IngestOptions options) {
        return new LineFeed(source, options, DecodingPipeline.worthIt());
    }

    /**
     * Checks before reading that {@code lines} lines will fit in the Java heap (a source that knows
     * its line count up front, as a Parquet footer does).
     *
     * @throws io.retailseg.MemoryLimitException when they will not
     */
    public void expect(long lines) {
        memory.check(Math.max(lines, MemoryEstimate.FIRST_CHECK_LINES), 1, 1);
    }

    /**
     * Names the file the next lines come from in their errors (one part file of a folder); the
     * feed's own source when never called.
     */
    public void from(String file) {
        if (batch.size > 0) {
            submit();
        }
        batchSource = file.equals(source) ? null : file;
        batch.source = batchSource;
    }

    /**
     * Adds one line.
     *
     * @param line its number in errors (a Parquet file's 1-based row number)
     * @param fields the fields in {@link Column} order, {@code ""} for none; read before return
     * @param epochSecond InvoiceDate as seconds since 1970-01-01T00:00 (wall-clock time), or
     *     {@link #DATE_AS_TEXT} to parse the InvoiceDate field
     */
    public void add(long line, String[] fields, long epochSecond) {
        add(line, fields, epochSecond, WHOLE_AS_TEXT, PRICE_AS_TEXT, WHOLE_AS_TEXT);
    }

    /**
     * Adds one line whose Quantity, UnitPrice and CustomerID may be given as numbers, as a typed source
     * holds them, so they are not formatted and parsed again; the same checks apply (a Quantity beyond
     * int, a price beyond the accepted range). A number given as {@link #WHOLE_AS_TEXT} or
     * {@link #PRICE_AS_TEXT} is read from its field's text instead (a null's empty field, a string
     * column, a NaN price: then the error is the CSV's).
     *
     * @param quantity the Quantity, or {@link #WHOLE_AS_TEXT}
     * @param price the UnitPrice (finite), or {@link #PRICE_AS_TEXT}
     * @param customer the CustomerID, or {@link #WHOLE_AS_TEXT} (an empty field is a missing customer)
     */
    public void add(long line, String[] fields, long epochSecond, long quantity, double price, long customer) {
        if (fields.length != SLOTS) {
            throw new IllegalArgumentException("expected " + SLOTS + " fields, found " + fields.length);
        }
        if (quantity == WHOLE_AS_TEXT && Double.isNaN(price) && customer == WHOLE_AS_TEXT) {
            batch.add(line, fields, epochSecond);
        } else {
            batch.add(line, fields, epochSecond, quantity, Double.isFinite(price) ? price : PRICE_AS_TEXT, customer);
        }
        if (batch.full()) {
            submit();
        }
    }

    /**
     * {@link #add(long, String[], long, long, double, long)} with the fields given as characters: field
     * {@code c} (in {@link Column} order) is the {@code length[c]} characters of {@code chars} from
     * {@code start[c]}, copied before return, so a typed source (PostgreSQL's binary COPY) makes no String per
     * field.
     */
    public void add(long line, char[] chars, int[] start, int[] length, long epochSecond, long quantity,
                    double price, long customer) {
        if (start.length != SLOTS || length.length != SLOTS) {
            throw new IllegalArgumentException("expected " + SLOTS + " fields, found " + start.length);
        }
        batch.add(line, chars, start, length, epochSecond, quantity, Double.isFinite(price) ? price : PRICE_AS_TEXT,
                customer);
        if (batch.full()) {
            submit();
        }
    }

    /** Every line added, decoded (or the first bad line's error). */
    public Transactions finish() {
        submit();
        pipeline.finish();
        finished = true;
        return decoder.build();
    }

    /** After the caller's own failure: lets the lines before it be decoded, throwing an earlier bad line's error. */
    public void finishAfterFailure() {
        if (!finished) {
            submit();
            pipeline.finishAfterFailure();
            finished = true;
        }
    }

    @Override
    public void close() {
        pipeline.close();
    }

    private void submit() {
        if (batch.size == 0) {
            return;
        }
        FieldBatch full = batch;
        batch = full.following();
        batch.source = batchSource;
        pipeline.submit(full);
    }
}
