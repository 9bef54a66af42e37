package io.retailseg.domain;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The lines of a source that could not be read and were skipped ({@code --on-bad-lines skip}): how
 * many, how many for each {@link Reason}, and the first {@value #FIRST} of them with their line
 * number and the one-line message the error policy would have stopped with. Bounded whatever the
 * number of bad lines: counts and at most {@value #FIRST} messages.
 *
 * @param skipped lines skipped
 * @param byReason lines skipped per reason (only reasons that occurred), in {@link Reason} order
 * @param first the first {@value #FIRST} skipped lines, in ascending line order
 */
public record BadLines(long skipped, Map<Reason, Long> byReason, List<Line> first) {
    /** Skipped lines whose message is kept. */
    public static final int FIRST = 20;

    /** Nothing skipped. */
    public static final BadLines NONE = new BadLines(0, Map.of(), List.of());

    /** Why a line could not be read. */
    public enum Reason {
        /** More or fewer fields than the header. */
        FIELD_COUNT("field_count"),
        /** A field that must have a value is empty or absent (InvoiceNo, StockCode). */
        MISSING("missing"),
        /** Quantity, UnitPrice or CustomerID is not a number (or not a whole one, or out of range). */
        NUMBER("number"),
        /** InvoiceDate is not a date, or lies outside 1932-01-01 to 2067-12-31 (Transactions.FIRST_DAY, LAST_DAY). */
        DATE("date"),
        /** The line's Country would be one distinct country too many (32,768). */
        COUNTRY("country");

        private final String key;

        Reason(String key) {
            this.key = key;
        }

        /** The snake_case name used in {@code summary.json}. */
        public String key() {
            return key;
        }
    }

    /**
     * One skipped line.
     *
     * @param line the physical 1-based line (or spreadsheet row) number
     * @param reason why it was skipped
     * @param message the one-line error, e.g. {@code data.csv:17: expected 8 fields, found 9}
     */
    public record Line(long line, Reason reason, String message) {
        public Line {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    public BadLines {
        EnumMap<Reason, Long> counts = new EnumMap<>(Reason.class);
        counts.putAll(byReason);
        byReason = Collections.unmodifiableMap(counts);
        first = List.copyOf(first);
        if (first.size() > FIRST) {
            throw new IllegalArgumentException("at most " + FIRST + " lines are kept, got " + first.size());
        }
    }

    /** Whether any line was skipped. */
    public boolean any() {
        return skipped > 0;
    }

    /**
     * Counts skipped lines and keeps the first {@value #FIRST}; not thread-safe (one decoding thread
     * feeds it, in line order).
     */
    public static final class Counter {
        private final long[] counts = new long[Reason.values().length];
        private final Line[] first = new Line[FIRST];
        private int kept;
        private long skipped;

        /** Whether the next skipped line's message will be kept (so the caller need not build it otherwise). */
        public boolean wantsMessage() {
            return kept < FIRST;
        }

        /** Counts one skipped line; {@code message} may be null once {@link #wantsMessage()} is false. */
        public void skip(long line, Reason reason, String message) {
            skipped++;
            counts[reason.ordinal()]++;
            if (kept < FIRST) {
                first[kept++] = new Line(line, reason, message);
            }
        }

        public BadLines result() {
            if (skipped == 0) {
                return NONE;
            }
            EnumMap<Reason, Long> byReason = new EnumMap<>(Reason.class);
            for (Reason r : Reason.values()) {
                if (counts[r.ordinal()] > 0) {
                    byReason.put(r, counts[r.ordinal()]);
                }
            }
            return new BadLines(skipped, byReason, Arrays.asList(first).subList(0, kept));
        }
    }
}
