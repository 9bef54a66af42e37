package io.retailseg.io;

import java.util.Arrays;

/**
 * Lines as characters, the unit handed from the reading thread to the decoding one: for each line,
 * its physical line number and, for each kept field (a "slot"), where its characters start in
 * {@link #chars} and how many there are. Copied out of FastCSV's buffer, which is reused.
 */
final class FieldBatch {
    /** Lines a batch holds. */
    static final int LINES = 4096;
    private static final int FIRST_CHARS_PER_LINE = 64;

    final int slots;
    final long[] lines = new long[LINES];
    final int[] start;
    final int[] length;
    char[] chars = new char[LINES * FIRST_CHARS_PER_LINE];
    int size;
    int used;

    FieldBatch(int slots) {
        this.slots = slots;
        start = new int[LINES * slots];
        length = new int[LINES * slots];
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

    /** The text of slot {@code slot} of line {@code line}, for an error message. */
    String text(int line, int slot) {
        int i = line * slots + slot;
        return new String(chars, start[i], length[i]);
    }
}
