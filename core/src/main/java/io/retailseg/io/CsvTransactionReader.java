package io.retailseg.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import io.retailseg.InputException;
import io.retailseg.domain.Column;
import io.retailseg.domain.Transactions;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads CSV text (already decompressed) record by record with FastCSV: any line ending, quoted
 * fields, empty lines skipped. Only the current record is held as strings.
 */
final class CsvTransactionReader {
    private static final Column[] COLUMNS = Column.values();
    private static final int BUFFER_BYTES = 1 << 16;
    private static final Pattern STARTED_IN_LINE = Pattern.compile("started in line (\\d+)");

    private CsvTransactionReader() {
    }

    /** Told every {@link ReadProgress#EVERY_LINES} lines. */
    interface LineCounter {
        /** @param storedShare the share of the lines decoded so far that were stored ({@code LineDecoder.storedShare}) */
        void linesRead(long lines, double storedShare);
    }

    static Transactions read(String source, InputStream bytes, IngestOptions options, InvoiceDateParser dates)
            throws IOException {
        return read(source, bytes, options, dates, (lines, storedShare) -> { }, DecodingPipeline.worthIt());
    }

    /**
     * @param counter told every {@link ReadProgress#EVERY_LINES} lines
     * @param pipelined decode fields on a second thread while parsing goes on (files on several
     *     processors; not for small request bodies, where a thread per request costs more)
     */
    static Transactions read(String source, InputStream bytes, IngestOptions options, InvoiceDateParser dates,
                             LineCounter counter, boolean pipelined) throws IOException {
        FieldBufferHandler handler = new FieldBufferHandler();
        try (CsvReader<FieldBufferHandler> csv = CsvReader.builder()
                .skipEmptyLines(true)
                .allowMissingFields(true) // checked by LineDecoder: an error naming the line, or skipped
                .allowExtraFields(true)
                .build(handler, TextDecoding.reader(new BufferedInputStream(bytes, BUFFER_BYTES), options.encoding()))) {
            Iterator<FieldBufferHandler> records = csv.iterator();
            if (!records.hasNext()) {
                throw TransactionReader.emptyFile(source);
            }
            records.next();
            HeaderMapping mapping = HeaderMapping.resolve(source, handler.line(), handler.header(),
                    options.columnNames());
            int[] index = new int[COLUMNS.length];
            for (Column column : COLUMNS) {
                index[column.ordinal()] = mapping.index(column);
            }
            int width = mapping.width();
            LineDecoder decoder = new LineDecoder(source, dates, handler.keep(width, index), mapping, options);
            try (DecodingPipeline<FieldBatch> pipeline = new DecodingPipeline<>(decoder::decode, pipelined)) {
                try {
                    long lines = 0;
                    while (records.hasNext()) {
                        records.next();
                        if (handler.blank()) {
                            handler.drop();
                            continue;
                        }
                        handler.accept(); // with its field count, which the decoder checks in line order
                        if (handler.full()) {
                            pipeline.submit(handler.takeBatch(pipeline.spare()));
                        }
                        if (++lines % ReadProgress.EVERY_LINES == 0) {
                            counter.linesRead(lines, decoder.storedShare());
                        }
                    }
                    pipeline.submit(handler.takeBatch(null));
                } catch (RuntimeException e) {
                    pipeline.submit(handler.takeBatch(null)); // the lines before the failure
                    pipeline.finishAfterFailure(); // a bad field on an earlier line wins
                    throw e;
                }
                pipeline.finish();
                return decoder.build();
            }
        } catch (CsvParseException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw notValidCsv(source, e);
        }
    }

    /**
     * FastCSV says "Exception when reading record that started in line 2" and puts the reason in
     * the cause; turn that into {@code file:2: not valid CSV: <reason>}.
     */
    static InputException notValidCsv(String source, CsvParseException e) {
        String message = String.valueOf(e.getMessage());
        String reason = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : message;
        Matcher m = STARTED_IN_LINE.matcher(message);
        long line = m.find() ? Long.parseLong(m.group(1)) : 0;
        InputException error = new InputException(source, line, null, limit(reason)
                .orElseGet(() -> "not valid CSV: " + reason.replace('\n', ' ')));
        error.initCause(e);
        return error;
    }

    private static final Pattern BUFFER_LIMIT = Pattern.compile("maximum buffer size of (\\d+)");
    private static final Pattern FIELD_LIMIT = Pattern.compile("max field size of (\\d+)");
    private static final Pattern RECORD_LIMIT = Pattern.compile("max record size of (\\d+)");
    private static final Pattern FIELDS_LIMIT = Pattern.compile("maximum limit of (\\d+) fields");

    /** FastCSV's size limits, said as what they are rather than as a suspected unclosed quotation. */
    private static java.util.Optional<String> limit(String reason) {
        Matcher m;
        if ((m = BUFFER_LIMIT.matcher(reason)).find() || (m = FIELD_LIMIT.matcher(reason)).find()) {
            return java.util.Optional.of(String.format(java.util.Locale.ROOT, "a field longer than the CSV reader's"
                    + " limit of %,d characters (FastCSV's maximum field size; a quotation mark that is never closed"
                    + " also runs into it)", Long.parseLong(m.group(1))));
        }
        if ((m = RECORD_LIMIT.matcher(reason)).find()) {
            return java.util.Optional.of(String.format(java.util.Locale.ROOT, "a line longer than the CSV reader's"
                    + " limit of %,d characters (FastCSV's maximum record size)", Long.parseLong(m.group(1))));
        }
        if ((m = FIELDS_LIMIT.matcher(reason)).find()) {
            return java.util.Optional.of(String.format(java.util.Locale.ROOT, "more fields than the CSV reader's"
                    + " limit of %,d (FastCSV's maximum fields per record)", Long.parseLong(m.group(1))));
        }
        return java.util.Optional.empty();
    }
}
