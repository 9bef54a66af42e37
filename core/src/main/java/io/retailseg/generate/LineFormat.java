package io.retailseg.generate;

/**
 * Allocation-free formatting of the numeric CSV fields into a reused {@link StringBuilder}.
 *
 * <p>Hand-written because {@code String.format} and {@code DateTimeFormatter} allocate per call
 * and dominate the profile of a 100-million-line run. {@link StringBuilder#append(int)} already
 * writes digits in place (no intermediate String), so integers use it directly.
 */
final class LineFormat {

    private LineFormat() {}

    /**
     * Appends a price given in thousandths of a pound the way Excel writes it in the UCI CSV:
     * no trailing zeros, no trailing dot ({@code 2550 -> "2.55"}, {@code 2500 -> "2.5"},
     * {@code 15000 -> "15"}, {@code 0 -> "0"}, {@code 1 -> "0.001"}).
     */
    static void appendPrice(StringBuilder sb, int mils) {
        if (mils < 0) {
            sb.append('-');
            mils = -mils;
        }
        sb.append(mils / 1000);
        int frac = mils % 1000;
        if (frac == 0) {
            return;
        }
        sb.append('.');
        int d1 = frac / 100;
        int d2 = (frac / 10) % 10;
        int d3 = frac % 10;
        sb.append((char) ('0' + d1));
        if (d2 != 0 || d3 != 0) {
            sb.append((char) ('0' + d2));
            if (d3 != 0) {
                sb.append((char) ('0' + d3));
            }
        }
    }

    /** Appends {@code H:mm} for a minute of the day (0..1439), as in {@code 8:26} or {@code 17:05}. */
    static void appendTime(StringBuilder sb, int minuteOfDay) {
        int h = minuteOfDay / 60;
        int m = minuteOfDay % 60;
        sb.append(h).append(':').append((char) ('0' + m / 10)).append((char) ('0' + m % 10));
    }
}
