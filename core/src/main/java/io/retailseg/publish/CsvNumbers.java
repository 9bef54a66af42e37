package io.retailseg.publish;

import java.math.BigDecimal;

/** Formats numbers for CSV output: integers without a decimal point, others exactly, no exponent. */
public final class CsvNumbers {
    private static final double LARGEST_EXACT_INTEGER = 9.007_199_254_740_992E15;

    private CsvNumbers() {
    }

    /**
     * {@code 17850} for an integral value, otherwise the shortest decimal that reads back as the
     * same double ({@link Double#toString}), without exponent: {@code 0.00012}, {@code 615.7142857142857}.
     */
    public static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < LARGEST_EXACT_INTEGER) {
            return Long.toString((long) v);
        }
        String s = Double.toString(v);
        // Double.toString writes 1.0E-4 for 0.0001: strip the mantissa's trailing zero or it shows as 0.00010.
        return s.indexOf('E') < 0 ? s : new BigDecimal(s).stripTrailingZeros().toPlainString();
    }
}
