package io.retailseg.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
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
        void linesRead(long lines);
    }

    static Transactions read(String source, InputStream bytes, IngestOptions options, InvoiceDateParser dates)
            throws IOException {
        return read(source, bytes, options, dates, lines -> { }, PipelinedDecoder.worthIt());
    }

    /**
     * @param counter told every {@link ReadProgress#EVERY_LINES} lines
     * @param pipelined decode fields on a second thread while parsing goes on (files on several
     *     processors; not for small request bodies, where a thread per request costs more)
     */
    static Transactions read(String source, InputStream bytes, IngestOptions options, InvoiceDateParser dates,
                             LineCounter counter, boolean pipelined) throws IOException {
        try (CsvReader<CsvRecord> csv = CsvReader.builder()
                .skipEmptyLines(true)
                .allowMissingFields(true) // reported below with the field's name
                .allowExtraFields(true)
                .ofCsvRecord(TextDecoding.reader(new BufferedInputStream(bytes, BUFFER_BYTES), options.encoding()))) {
            Iterator<CsvRecord> records = csv.iterator();
            if (!records.hasNext()) {
                throw TransactionReader.emptyFile(source);
            }
            CsvRecord header = records.next();
            HeaderMapping mapping = HeaderMapping.resolve(source, header.getStartingLineNumber(), header.getFields(),
                    options.columnNames());
            int[] index = new int[COLUMNS.length];
            for (Column column : COLUMNS) {
                index[column.ordinal()] = mapping.index(column);
            }
            int width = mapping.width();
            try (PipelinedDecoder decoder = new PipelinedDecoder(new LineDecoder(source, dates), pipelined)) {
                try {
                    long lines = 0;
                    while (records.hasNext()) {
                        CsvRecord record = records.next();
                        if (isBlank(record)) {
                            continue;
                        }
                        int count = record.getFieldCount();
                        if (count < width) {
                            throw new InputException(source, record.getStartingLineNumber(), mapping.fieldName(count),
                                    "expected " + width + " fields, found " + count);
                        }
                        String[] fields = new String[COLUMNS.length];
                        for (int c = 0; c < fields.length; c++) {
                            fields[c] = record.getField(index[c]);
                        }
                        decoder.add(record.getStartingLineNumber(), fields);
                        if (++lines % ReadProgress.EVERY_LINES == 0) {
                            counter.linesRead(lines);
                        }
                    }
                } catch (RuntimeException e) {
                    decoder.finishAfterFailure(); // a bad field on an earlier line wins
                    throw e;
                }
                return decoder.finish();
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
     * Whether every field is blank: a line of spaces or only commas (a spreadsheet's empty row),
     * skipped like an empty line and like an empty XLSX row. Cheap: most lines fail on field 0.
     */
    private static boolean isBlank(CsvRecord record) {
        for (int i = 0; i < record.getFieldCount(); i++) {
            if (!record.getField(i).isBlank()) {
                return false;
            }
        }
        return true;
    }

    /**
     * FastCSV says "Exception when reading record that started in line 2" and puts the reason in
     * the cause; turn that into {@code file:2: not valid CSV: <reason>}.
     */
    private static InputException notValidCsv(String source, CsvParseException e) {
        String message = String.valueOf(e.getMessage());
        Matcher m = STARTED_IN_LINE.matcher(message);
        long line = m.find() ? Long.parseLong(m.group(1)) : 0;
        String reason = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : message;
        InputException error = new InputException(source, line, null, "not valid CSV: " + reason.replace('\n', ' '));
        error.initCause(e);
        return error;
    }
}
