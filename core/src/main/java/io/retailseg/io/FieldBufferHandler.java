package io.retailseg.io;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * FastCSV callback that keeps records as character ranges instead of making a String per field: the
 * header's fields as Strings, then, for each data record, the characters of the fields the
 * {@link HeaderMapping} uses, copied out of FastCSV's buffer (which it reuses once the field is
 * handed over) into the current {@link FieldBatch}, and whether every field is blank. The record
 * "built" is this handler itself; the reader then {@link #accept()}s or {@link #drop()}s it.
 *
 * <p>Enforces the limits FastCSV's own {@code CsvRecordHandler} enforces by default, with its
 * messages: 16,384 fields a record, 16 M characters a field, 64 M a record.
 */
final class FieldBufferHandler extends AbstractBaseCsvCallbackHandler<FieldBufferHandler> {
    private static final int MAX_FIELDS = 16 * 1024;
    private static final int MAX_FIELD_SIZE = 16 * 1024 * 1024;
    private static final int MAX_RECORD_SIZE = 4 * MAX_FIELD_SIZE;

    private List<String> header = new ArrayList<>();
    /** By field index: its slot in a batch, or -1 when no column reads it; null while reading the header. */
    private int[] slotOfField;
    private int slots;
    private FieldBatch batch;
    private int recordStart;
    private int recordSize;
    private boolean blank;

    /** The header's fields (the first record's), until {@link #keep} is called. */
    List<String> header() {
        return header;
    }

    /**
     * From the next record on, keeps the characters of the fields at {@code indices} (header
     * positions, one per column; a field read by two columns is kept once).
     *
     * @return the slot of each of {@code indices}
     */
    int[] keep(int width, int[] indices) {
        slotOfField = new int[width];
        Arrays.fill(slotOfField, -1);
        int[] slotOf = new int[indices.length];
        for (int c = 0; c < indices.length; c++) {
            int field = indices[c];
            if (slotOfField[field] < 0) {
                slotOfField[field] = slots++;
            }
            slotOf[c] = slotOfField[field];
        }
        header = null;
        batch = new FieldBatch(slots, FieldBatch.FIRST_LINES);
        return slotOf;
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

    /** Keeps the current record in the batch (with its field count: the decoder checks it). */
    void accept() {
        batch.fieldCounts[batch.size] = getFieldCount();
        batch.lines[batch.size++] = getStartingLineNumber();
    }

    /** Forgets the current record (a blank one). */
    void drop() {
        batch.used = recordStart;
    }

    /** Whether the batch has no room for another record. */
    boolean full() {
        return batch.full();
    }

    /**
     * The records accepted so far (possibly none); the handler goes on with {@code spare} (a batch
     * decoded already, or null) when it has the size the next batch should have, else with a new batch.
     */
    FieldBatch takeBatch(FieldBatch spare) {
        FieldBatch taken = batch;
        batch = spare != null && spare.slots == slots && spare.capacity == FieldBatch.next(taken.capacity)
                ? spare.emptied() : taken.following();
        return taken;
    }

    @Override
    protected void handleBegin(long startingLineNumber) {
        if (batch != null) {
            recordStart = batch.used;
        }
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
        if (fieldIdx < slotOfField.length) {
            int slot = slotOfField[fieldIdx];
            if (slot >= 0) {
                int i = batch.size * slots + slot;
                batch.start[i] = batch.append(buf, offset, len);
                batch.length[i] = len;
            }
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
