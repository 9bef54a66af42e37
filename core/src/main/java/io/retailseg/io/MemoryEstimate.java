package io.retailseg.io;

import io.retailseg.MemoryLimitException;
import io.retailseg.domain.Transactions;
import java.util.Locale;

/**
 * Checks early in a read whether the whole run will fit in the Java heap: from the lines and bytes
 * read so far, the lines of the whole file, times the heap a run needs per line.
 *
 * <p>{@link #HEAP_BYTES_PER_LINE}: {@link Transactions#BYTES_PER_LINE} of columns, plus at the peak
 * (cleaning) the kept-row index and the duplicate table (about 4 + 5.3 bytes a line kept), plus
 * the string dictionaries (invoices are about 1 in 20 lines, about 80 bytes each) and the
 * per-customer grouping (4 bytes a kept line): measured 47 bytes a line on the 100 M line
 * generated file (heap after a full GC at the cleaning peak), rounded up.
 */
final class MemoryEstimate {
    static final long HEAP_BYTES_PER_LINE = 50;
    /** Lines read before the first estimate: enough for a stable bytes-per-line figure. */
    static final long FIRST_CHECK_LINES = 1 << 18;
    private static final double GIB = 1L << 30;

    private final String source;
    private final long maxHeap;
    private boolean checked;

    MemoryEstimate(String source, long maxHeap) {
        this.source = source;
        this.maxHeap = maxHeap;
    }

    /** Checks once, when {@link #FIRST_CHECK_LINES} lines have been read. */
    void check(long lines, long bytes, long totalBytes) {
        if (checked || lines < FIRST_CHECK_LINES || bytes <= 0 || totalBytes <= 0) {
            return;
        }
        checked = true;
        long expectedLines = (long) ((double) lines * totalBytes / bytes);
        long needed = expectedLines * HEAP_BYTES_PER_LINE;
        if (needed > maxHeap) {
            long gib = (long) Math.ceil(needed / GIB) + 1;
            throw new MemoryLimitException(String.format(Locale.ROOT,
                    "%s: about %,d lines need about %.1f GB of memory, Java was given %.1f GB;"
                            + " give it more with JAVA_OPTS=-Xmx%dg (the machine needs that much free) and run again",
                    source, expectedLines, needed / GIB, maxHeap / GIB, gib));
        }
    }
}
