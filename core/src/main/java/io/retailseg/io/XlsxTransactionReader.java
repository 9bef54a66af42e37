package io.retailseg.io;

import io.retailseg.domain.Column;
import io.retailseg.domain.Transactions;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/**
 * Reads the first sheet of an XLSX workbook in the layout of UCI {@code Online Retail.xlsx}: the
 * header in the first non-empty row, one line per row, streamed with fastexcel-reader. Numeric cells
 * become text without a trailing {@code .0} (536365 -> "536365") as pandas shows integral floats
 * read as object; a numeric InvoiceDate cell is an Excel date serial, a text one is parsed as in CSV.
 * Missing cells read as empty fields.
 */
final class XlsxTransactionReader {
    private static final Column[] COLUMNS = Column.values();
    private static final long SECONDS_PER_DAY = 86_400L;
    /** Excel serial of 1970-01-01 in the 1900 date system (after its phantom 1900-02-29). */
    private static final double EPOCH_SERIAL_1900 = 25_569;
    /** Excel serial of 1970-01-01 in the 1904 date system. */
    private static final double EPOCH_SERIAL_1904 = 24_107;

    private XlsxTransactionReader() {
    }

    static Transactions read(String source, Path file, IngestOptions options, InvoiceDateParser dates)
            throws IOException {
        try (ReadableWorkbook workbook = new ReadableWorkbook(file.toFile());
             Stream<Row> rows = workbook.getFirstSheet().openStream()) {
            double epochSerial = workbook.isDate1904() ? EPOCH_SERIAL_1904 : EPOCH_SERIAL_1900;
            Iterator<Row> it = rows.iterator();
            Row header = nextNonEmpty(it);
            if (header == null) {
                throw TransactionReader.emptySheet(source, file);
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < header.getCellCount(); i++) {
                names.add(text(header, i));
            }
            HeaderMapping mapping = HeaderMapping.resolve(source, header.getRowNum(), names, options.columnNames());
            int dateIndex = mapping.index(Column.INVOICE_DATE);
            LineDecoder decoder = LineDecoder.ofColumns(source, dates, options);
            FieldBatch batch = new FieldBatch(COLUMNS.length, FieldBatch.FIRST_LINES);
            String[] fields = new String[COLUMNS.length];
            for (Row row = nextNonEmpty(it); row != null; row = nextNonEmpty(it)) {
                for (Column column : COLUMNS) {
                    fields[column.ordinal()] = text(row, mapping.index(column));
                }
                long epochSecond = InvoiceDateParser.INVALID;
                Cell dateCell = cell(row, dateIndex);
                if (dateCell != null && dateCell.getType() == CellType.NUMBER) {
                    double serial = NumberParsing.parseFiniteDouble(String.valueOf(dateCell.getRawValue()));
                    if (!Double.isNaN(serial)) {
                        epochSecond = Math.round((serial - epochSerial) * SECONDS_PER_DAY);
                    }
                }
                batch.add(row.getRowNum(), fields, epochSecond);
                if (batch.full()) {
                    decoder.decode(batch);
                    batch = new FieldBatch(COLUMNS.length, FieldBatch.next(batch.capacity));
                }
            }
            decoder.decode(batch);
            return decoder.build();
        }
    }

    private static Row nextNonEmpty(Iterator<Row> it) {
        while (it.hasNext()) {
            Row row = it.next();
            for (int i = 0; i < row.getCellCount(); i++) {
                if (!text(row, i).isBlank()) {
                    return row;
                }
            }
        }
        return null;
    }

    private static Cell cell(Row row, int index) {
        return index < row.getCellCount() ? row.getCell(index) : null;
    }

    /** The cell's value as the text pandas would show, "" for a missing or empty cell. */
    static String text(Row row, int index) {
        Cell cell = cell(row, index);
        if (cell == null) {
            return "";
        }
        String raw = cell.getRawValue();
        switch (cell.getType()) {
            case STRING:
                Object value = cell.getValue();
                return value == null ? "" : value.toString();
            case NUMBER:
                return numberText(raw);
            case BOOLEAN:
                return "1".equals(raw) || "true".equalsIgnoreCase(raw) ? "TRUE" : "FALSE";
            case EMPTY:
                return "";
            default: // FORMULA (its cached result), ERROR (e.g. #N/A)
                return raw == null ? "" : raw;
        }
    }

    /** {@code "536365"} as is, {@code "17850.0"} as {@code "17850"}, {@code "1.5E3"} as {@code "1500"}. */
    static String numberText(String raw) {
        if (raw == null) {
            return "";
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '.' || c == 'e' || c == 'E') {
                try {
                    return new BigDecimal(raw.trim()).stripTrailingZeros().toPlainString();
                } catch (NumberFormatException e) {
                    return raw;
                }
            }
        }
        return raw;
    }
}
