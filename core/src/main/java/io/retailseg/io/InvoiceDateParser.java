package io.retailseg.io;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * Turns InvoiceDate text into seconds since 1970-01-01T00:00 (the local time read as UTC, as
 * {@link io.retailseg.domain.Transactions} stores it). Returns {@link #INVALID} rather than throwing;
 * {@link #expectation()} words what was expected for the error message.
 */
abstract class InvoiceDateParser {
    /** Returned when the text is not a date. */
    static final long INVALID = Long.MIN_VALUE;

    private String lastText;
    private long lastValue;
    private char[] lastChars = new char[0];
    private int lastLength = -1;

    /** The default layouts, or only {@code pattern} when given. */
    static InvoiceDateParser of(java.util.Optional<String> pattern) {
        return pattern.isPresent() ? new Pattern(pattern.get()) : new Default();
    }

    /**
     * Epoch second of {@code text}, or {@link #INVALID}. Remembers the last text: the lines of one
     * invoice are adjacent and share their date, so most calls are a string comparison.
     */
    final long parse(String text) {
        if (text.equals(lastText)) {
            return lastValue;
        }
        long value = parseUncached(text.trim());
        if (value != INVALID) {
            lastText = text;
            lastValue = value;
            lastLength = -1; // the characters cached by parse(char[], ...) no longer match lastValue
        }
        return value;
    }

    /**
     * {@link #parse(String)} of the characters {@code offset .. offset + length - 1} of {@code buf}
     * (a CSV reader's buffer): compares with the last valid text's characters first, so a String is
     * made only when the date changes.
     */
    final long parse(char[] buf, int offset, int length) {
        if (length == lastLength && java.util.Arrays.equals(buf, offset, offset + length, lastChars, 0, length)) {
            return lastValue;
        }
        long value = parse(new String(buf, offset, length));
        if (value != INVALID) {
            if (lastChars.length < length) {
                lastChars = new char[length];
            }
            System.arraycopy(buf, offset, lastChars, 0, length);
            lastLength = length;
        }
        return value;
    }

    abstract long parseUncached(String text);

    /** What a valid date looks like, for "expected ..., found ...". */
    abstract String expectation();

    static long epochSecond(LocalDateTime t) {
        return t.toEpochSecond(ZoneOffset.UTC);
    }

    /**
     * {@code M/d/yyyy H:mm[:ss]} (the CSV distribution, as Excel writes US dates) and ISO
     * {@code yyyy-MM-dd HH:mm[:ss]} / {@code yyyy-MM-dd'T'HH:mm[:ss]} (as pandas writes them), parsed
     * by hand: the real file has half a million dates and DateTimeFormatter costs a microsecond each.
     */
    static final class Default extends InvoiceDateParser {
        private int pos;

        @Override
        String expectation() {
            return "expected a date like 12/1/2010 8:26 or 2010-12-01 08:26:00";
        }

        @Override
        long parseUncached(String s) {
            pos = 0;
            int year;
            int month;
            int day;
            if (s.length() > 4 && s.charAt(4) == '-') {
                year = digits(s, 4, 4);
                if (year < 0 || !expect(s, '-')) {
                    return INVALID;
                }
                month = digits(s, 2, 2);
                if (month < 0 || !expect(s, '-')) {
                    return INVALID;
                }
                day = digits(s, 2, 2);
                if (day < 0 || !(expect(s, ' ') || expect(s, 'T'))) {
                    return INVALID;
                }
            } else {
                month = digits(s, 1, 2);
                if (month < 0 || !expect(s, '/')) {
                    return INVALID;
                }
                day = digits(s, 1, 2);
                if (day < 0 || !expect(s, '/')) {
                    return INVALID;
                }
                year = digits(s, 4, 4);
                if (year < 0 || !expect(s, ' ')) {
                    return INVALID;
                }
            }
            int hour = digits(s, 1, 2);
            if (hour < 0 || !expect(s, ':')) {
                return INVALID;
            }
            int minute = digits(s, 2, 2);
            if (minute < 0) {
                return INVALID;
            }
            int second = 0;
            if (expect(s, ':')) {
                second = digits(s, 2, 2);
                if (second < 0) {
                    return INVALID;
                }
            }
            if (pos != s.length() || month < 1 || month > 12 || day < 1
                    || day > java.time.Month.of(month).length(java.time.Year.isLeap(year))
                    || hour > 23 || minute > 59 || second > 59) {
                return INVALID;
            }
            return LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3_600L + minute * 60L + second;
        }

        /** Reads min..max ASCII digits at pos, or -1. */
        private int digits(String s, int min, int max) {
            int value = 0;
            int n = 0;
            while (n < max && pos < s.length()) {
                char c = s.charAt(pos);
                if (c < '0' || c > '9') {
                    break;
                }
                value = value * 10 + (c - '0');
                pos++;
                n++;
            }
            return n >= min ? value : -1;
        }

        private boolean expect(String s, char c) {
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }
    }

    /** An explicit {@link DateTimeFormatter} pattern; a pattern without time means midnight. */
    static final class Pattern extends InvoiceDateParser {
        private final String pattern;
        private final DateTimeFormatter formatter;

        /** @throws IllegalArgumentException when the pattern is not a valid DateTimeFormatter pattern */
        Pattern(String pattern) {
            this.pattern = pattern;
            this.formatter = DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH);
        }

        @Override
        String expectation() {
            return "expected a date in the format " + pattern;
        }

        @Override
        long parseUncached(String s) {
            try {
                TemporalAccessor t = formatter.parseBest(s, LocalDateTime::from, LocalDate::from);
                return t instanceof LocalDateTime dt ? epochSecond(dt) : ((LocalDate) t).toEpochDay() * 86_400L;
            } catch (DateTimeException e) {
                return INVALID;
            }
        }
    }
}
