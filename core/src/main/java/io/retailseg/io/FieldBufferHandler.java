package io.retailseg.io;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * FastCSV callback that keeps the current record's fields as character ranges instead of making a
 * String per field: the header's fields as Strings, then, for each data record, the characters of
 * the fields the {@link HeaderMapping} uses, copied out of FastCSV's buffer (which it may reuse once
 * the field is handed over) into one array per record, and whether every field is blank. The record
 * "built" is this handler itself, valid until the next record is read.
 *
 * <p>Enforces the limits FastCSV's own {@code CsvRecordHandler} enforces by default, with its
 * messages: 16,384 fields a record, 16 M characters a field, 64 M a record.
 */
final class FieldBufferHandler extends AbstractBaseCsvCallbackHandler<FieldBufferHandler> {
    private static final int MAX_FIELDS = 16 * 1024;
    private static final int MAX_FIELD_SIZE = 16 * 1024 * 1024;
    private static final int MAX_RECORD_SIZE = 4 * MAX_FIELD_SIZE;
    private static final int FIRST_CHARS = 256;

    private List<String> header = new ArrayList<>();
    /** By field index: whether a column reads the field; null while reading the header. */
    private boolean[] kept;
    private int[] start;
    private int[] length;
    private char[] chars = new char[FIRST_CHARS];
    private int used;
    private int recordSize;
    private boolean blank;

    /** The header's fields (the first record's), until {@link #keep} is called. */
    List<String> header() {
        return header;
    }

    /** From the next record on, keeps the characters of the fields at {@code indices} (header positions). */
    void keep(int width, int[] indices) {
        kept = new boolean[width];
        for (int i : indices) {
            kept[i] = true;
        }
        start = new int[width];
        length = new int[width];
        header = null;
    }

    /** The physical line the current record starts on (1-based). */
    long line() {
        return getStartingLineNumber();
    }

    /** Number of fields of the current record. */
    int fieldCount() {
        return getFieldCount();
    }

    /** Whether every field of the current record is blank (as {@link String#isBlank()} says). */
    boolean blank() {
        return blank;
    }

    /** The characters of the current record's kept fields; see {@link #start(int)} and {@link #length(int)}. */
    char[] chars() {
        return chars;
    }

    int start(int field) {
        return start[field];
    }

    int length(int field) {
        return length[field];
    }

    /** The text of a kept field, for an error message. */
    String text(int field) {
        return new String(chars, start[field], length[field]);
    }

    @Override
    protected void handleBegin(long startingLineNumber) {
        used = 0;
        recordSize = 0;
        blank = true;
    }

    @Override
    protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
        if (len > MAX_FIELD_SIZE) {
            throw new CsvParseException("Field at index %d in record starting at line %d exceeds the max field size of %d characters"
                    .formatted(fieldIdx, getStartingLineNumber(), MAX_FIELD_SIZE));
        }
        if (recordSize + len > MAX_RECORD_SIZE) {
            throw new CsvParseException("Field at index %d in record starting at line %d exceeds the max record size of %d characters"
                    .formatted(fieldIdx, getStartingLineNumber(), MAX_RECORD_SIZE));
        }
        if (fieldIdx >= MAX_FIELDS) {
            throw new CsvParseException("Record starting at line %d has surpassed the maximum limit of %d fields"
                    .formatted(getStartingLineNumber(), MAX_FIELDS));
        }
        recordSize += len;
        if (header != null) {
            header.add(new String(buf, offset, len));
            return;
        }
        if (blank && !isBlank(buf, offset, len)) {
            blank = false;
        }
        if (fieldIdx < kept.length && kept[fieldIdx]) {
            if (used + len > chars.length) {
                chars = java.util.Arrays.copyOf(chars, Math.max(used + len, chars.length * 2));
            }
            System.arraycopy(buf, offset, chars, used, len);
            start[fieldIdx] = used;
            length[fieldIdx] = len;
            used += len;
        }
    }

    @Override
    protected FieldBufferHandler buildRecord() {
        return this;
    }

    /** {@link String#isBlank()} of a range: whitespace code points only (no surrogate is whitespace). */
    static boolean isBlank(char[] buf, int offset, int len) {
        for (int i = offset, end = offset + len; i < end; i++) {
            if (!Character.isWhitespace(buf[i])) {
                return false;
            }
        }
        return true;
    }
}
