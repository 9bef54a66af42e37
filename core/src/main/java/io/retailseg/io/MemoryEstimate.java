package io.retailseg.io;

import io.retailseg.MemoryLimitException;
import io.retailseg.domain.Transactions;
import java.util.Locale;

/**
 * Checks early in a read whether the whole run will fit in the Java heap: from the lines and bytes
 * read so far, the lines of the whole file, times the heap a run needs per line it stores.
 *
 * <p>{@link #HEAP_BYTES_PER_STORED_LINE}: the heap after collections at a 100 M line generated file's peak
 * (the customer-value and recommendation stages: the columns, {@link Transactions#BYTES_PER_LINE} a line;
 * the customer grouping, 4 bytes a kept line; the recommender's baskets, about 11 bytes a kept line; the
 * dictionaries), at most 3,454 MiB after young collections (garbage not yet reclaimed included) for its 74.0 M
 * stored lines: 49 bytes a stored line at most, the live part somewhat less. A line a run
 * counts instead of storing (no CustomerID or Description, {@link IngestOptions#storeIncomplete()}) costs
 * only what its invoice adds to the dictionaries: {@link #HEAP_BYTES_PER_COUNTED_LINE}. The share of stored
 * lines is the one decoded so far.
 */
final class MemoryEstimate {
    static final long HEAP_BYTES_PER_STORED_LINE = 48;
    static final long HEAP_BYTES_PER_COUNTED_LINE = 4;
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

    /** As {@link #check(long, long, long, double)}, every line stored. */
    void check(long lines, long bytes, long totalBytes) {
        check(lines, bytes, totalBytes, 1.0);
    }

    /**
     * Checks once, when {@link #FIRST_CHECK_LINES} lines have been read.
     *
     * @param storedShare the share of the lines decoded so far that were stored (0 to 1)
     */
    void check(long lines, long bytes, long totalBytes, double storedShare) {
        if (checked || lines < FIRST_CHECK_LINES || bytes <= 0 || totalBytes <= 0) {
            return;
        }
        checked = true;
        long expectedLines = (long) ((double) lines * totalBytes / bytes);
        double stored = Math.min(1.0, Math.max(0.0, storedShare));
        long needed = (long) (expectedLines * (stored * HEAP_BYTES_PER_STORED_LINE
                + (1 - stored) * HEAP_BYTES_PER_COUNTED_LINE));
        if (needed > maxHeap) {
            long gib = (long) Math.ceil(needed / GIB) + 1;
            throw new MemoryLimitException(String.format(Locale.ROOT,
                    "%s: about %,d lines need about %.1f GB of memory, Java was given %.1f GB;"
                            + " give it more with JAVA_OPTS=-Xmx%dg (the machine needs that much free) and run again",
                    source, expectedLines, needed / GIB, maxHeap / GIB, gib));
        }
    }
}
