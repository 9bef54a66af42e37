package io.retailseg.io;

/**
 * Allocation-free number parsing for the hot path of reading transaction lines. Every method
 * returns a sentinel instead of throwing, so a bad value costs no exception on the happy path and
 * the caller words the error for a person.
 */
final class NumberParsing {
    /** Returned by {@link #parseWholeNumber} when the text is not a whole number in range. */
    static final long NOT_WHOLE = Long.MIN_VALUE;

    /** 10^0 .. 10^22: the powers of ten a double holds exactly. */
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };
    /** Integers below 2^53 are exact in a double. */
    private static final long MAX_EXACT_MANTISSA = 1L << 53;
    /** 18 significant digits always fit in a long. */
    private static final int MAX_WHOLE_DIGITS = 18;

    private NumberParsing() {
    }

    /**
     * Parses {@code [+-]digits[.0*]} after trimming whitespace: {@code "6"}, {@code "-12"},
     * {@code "6.0"}, {@code "17850.0"}. A fraction other than zeros ({@code "6.5"}), an exponent,
     * more than 18 significant digits or anything else gives {@link #NOT_WHOLE}.
     */
    static long parseWholeNumber(String s) {
        return parseWholeNumber(s.toCharArray(), 0, s.length());
    }

    /** {@link #parseWholeNumber(String)} of the characters {@code from} .. {@code to - 1} of {@code s}. */
    static long parseWholeNumber(char[] s, int from, int to) {
        int start = firstNonBlank(s, from, to);
        int end = endOfNonBlank(s, start, to);
        if (start == end) {
            return NOT_WHOLE;
        }
        boolean negative = false;
        char c = s[start];
        if (c == '-' || c == '+') {
            negative = c == '-';
            start++;
        }
        long value = 0;
        int significant = 0;
        int i = start;
        for (; i < end; i++) {
            c = s[i];
            if (c < '0' || c > '9') {
                break;
            }
            if (value != 0 || c != '0') {
                if (++significant > MAX_WHOLE_DIGITS) {
                    return NOT_WHOLE;
                }
            }
            value = value * 10 + (c - '0');
        }
        if (i == start) {
            return NOT_WHOLE;
        }
        if (i < end) {
            if (s[i] != '.') {
                return NOT_WHOLE;
            }
            for (i++; i < end; i++) {
                if (s[i] != '0') {
                    return NOT_WHOLE;
                }
            }
        }
        return negative ? -value : value;
    }

    /**
     * Parses a decimal number with {@link Double#parseDouble} semantics on the trimmed text,
     * returning {@code NaN} when the text is not a finite number (so "NaN" and "Infinity" are
     * rejected too). Plain decimals such as {@code "2.55"} take an exact fast path: a mantissa below
     * 2^53 divided by an exact power of ten is correctly rounded, as parseDouble is. Measured with JMH
     * ({@code NumberParsingBenchmark} in the bench module, docs/benchmarks.md): 9.0 ns a price from
     * characters (as CSV ingest calls it, on FastCSV's buffer) and 13.0 ns from a String (which
     * copies the characters first) against 15.9 ns for {@code Double.parseDouble} (before the
     * character version: 11.3 against 16.6 ns), so the fast path stays.
     */
    static double parseFiniteDouble(String s) {
        return parseFiniteDouble(s.toCharArray(), 0, s.length());
    }

    /** {@link #parseFiniteDouble(String)} of the characters {@code from} .. {@code to - 1} of {@code s}. */
    static double parseFiniteDouble(char[] s, int from, int to) {
        int start = firstNonBlank(s, from, to);
        int end = endOfNonBlank(s, start, to);
        if (start == end) {
            return Double.NaN;
        }
        double fast = fastDecimal(s, start, end);
        if (!Double.isNaN(fast)) {
            return fast;
        }
        double value;
        try {
            value = Double.parseDouble(new String(s, start, end - start));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
        return Double.isFinite(value) ? value : Double.NaN;
    }

    /** {@code [+-]digits[.digits]} with an exact mantissa, else NaN (let the slow path decide). */
    private static double fastDecimal(char[] s, int start, int end) {
        int i = start;
        boolean negative = false;
        char c = s[i];
        if (c == '-' || c == '+') {
            negative = c == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int fractionDigits = 0;
        boolean point = false;
        for (; i < end; i++) {
            c = s[i];
            if (c >= '0' && c <= '9') {
                mantissa = mantissa * 10 + (c - '0');
                digits++;
                if (point) {
                    fractionDigits++;
                }
                if (mantissa >= MAX_EXACT_MANTISSA || fractionDigits >= POWERS_OF_TEN.length) {
                    return Double.NaN;
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                return Double.NaN;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        double value = mantissa / POWERS_OF_TEN[fractionDigits];
        return negative ? -value : value;
    }

    /** Index of the first character above a space (as {@link String#trim()} counts), or {@code to}. */
    private static int firstNonBlank(char[] s, int from, int to) {
        int start = from;
        while (start < to && s[start] <= ' ') {
            start++;
        }
        return start;
    }

    /** One past the last character above a space, not before {@code start}. */
    private static int endOfNonBlank(char[] s, int start, int to) {
        int end = to;
        while (end > start && s[end - 1] <= ' ') {
            end--;
        }
        return end;
    }
}
