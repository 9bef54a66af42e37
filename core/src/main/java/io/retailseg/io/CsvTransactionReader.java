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

/**
 * Reads CSV text (already decompressed) record by record with FastCSV: any line ending, quoted
 * fields, empty lines skipped. Only the current record is held as strings.
 */
final class CsvTransactionReader {
    private static final Column[] COLUMNS = Column.values();
    private static final int BUFFER_BYTES = 1 << 16;

    private CsvTransactionReader() {
    }

    static Transactions read(String source, InputStream bytes, IngestOptions options, InvoiceDateParser dates)
            throws IOException {
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
            LineDecoder decoder = new LineDecoder(source, dates);
            String[] fields = new String[COLUMNS.length];
            int width = mapping.width();
            while (records.hasNext()) {
                CsvRecord record = records.next();
                int count = record.getFieldCount();
                if (count < width) {
                    throw new InputException(source, record.getStartingLineNumber(), mapping.fieldName(count),
                            "expected " + width + " fields, found " + count);
                }
                for (int c = 0; c < fields.length; c++) {
                    fields[c] = record.getField(index[c]);
                }
                decoder.add(record.getStartingLineNumber(), fields, InvoiceDateParser.INVALID);
            }
            return decoder.build();
        } catch (CsvParseException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new InputException(source, "not valid CSV: " + e.getMessage());
        }
    }
}
