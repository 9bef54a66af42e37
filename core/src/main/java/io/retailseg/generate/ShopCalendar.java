package io.retailseg.generate;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The trading days and hours of the shop, and the map from "how far through the file we are"
 * to an invoice timestamp.
 *
 * <p>Every invoice gets the timestamp at {@code progress = linesWritten / rows} of the cumulative
 * day x hour weight. The map is monotone, so timestamps never go backwards, and whatever the row
 * count the invoices cover the same span: a huge file gets denser invoices, not a longer span.
 *
 * <p>Calibration (real file, invoices): no Saturdays at all, Sundays about half a weekday; no trading
 * 2010-12-24..2011-01-03; invoices per month from 1,393 (Feb) to 3,462 (Nov); hours 6..20 with a
 * noon peak. The real file has Sunday rather than Saturday trading; we follow the file.
 */
final class ShopCalendar {

    static final LocalDate FIRST_DAY = LocalDate.of(2010, 12, 1);
    static final LocalDate LAST_DAY = LocalDate.of(2011, 12, 9);

    /** Invoices per calendar month in the real file, Dec 2010 .. Dec 2011: the seasonality. */
    private static final double[] MONTH_INVOICES = {
        2025, 1476, 1393, 1983, 1744, 2162, 2012, 1927, 1737, 2327, 2637, 3462, 1015
    };
    /** A Sunday's volume relative to a weekday (real: 2,381 Sunday invoices vs ~4,700 per weekday). */
    private static final double SUNDAY_FACTOR = 0.5;
    /** Day-to-day noise (log-normal sigma) on top of the monthly level. */
    private static final double DAY_NOISE_SIGMA = 0.3;
    /** First trading hour of the day in {@link #HOUR_WEIGHTS}. */
    private static final int FIRST_HOUR = 6;
    /** Invoices starting in hours 6..20 in the real file. */
    private static final double[] HOUR_WEIGHTS = {
        22, 31, 624, 1824, 2961, 3165, 3961, 3369, 3137, 3069, 1952, 1205, 333, 219, 28
    };
    /** Days without trading besides Saturdays: Christmas break and English bank holidays. */
    private static final Set<LocalDate> CLOSED = Set.of(
            LocalDate.of(2011, 4, 22), LocalDate.of(2011, 4, 25), LocalDate.of(2011, 4, 29),
            LocalDate.of(2011, 5, 2), LocalDate.of(2011, 5, 30), LocalDate.of(2011, 8, 29));
    private static final LocalDate CHRISTMAS_FROM = LocalDate.of(2010, 12, 24);
    private static final LocalDate CHRISTMAS_TO = LocalDate.of(2011, 1, 3);

    /** Calendar day index (days since {@link #FIRST_DAY}) of each trading day. */
    private final int[] dayIndex;
    private final boolean[] sunday;
    /** {@code "M/d/yyyy "} of each trading day, formatted once. */
    private final String[] datePrefix;
    /** Cumulative, normalised weight of trading days: cum[i] = share of volume up to and including day i. */
    private final double[] dayCum;
    private final double[] hourCum;

    ShopCalendar(SplittableRandom rng) {
        int span = (int) ChronoUnit.DAYS.between(FIRST_DAY, LAST_DAY) + 1;
        double[] monthEffectiveDays = new double[MONTH_INVOICES.length];
        int open = 0;
        for (int d = 0; d < span; d++) {
            LocalDate date = FIRST_DAY.plusDays(d);
            if (isOpen(date)) {
                monthEffectiveDays[monthIndex(date)] += date.getDayOfWeek() == DayOfWeek.SUNDAY ? SUNDAY_FACTOR : 1;
                open++;
            }
        }
        dayIndex = new int[open];
        sunday = new boolean[open];
        datePrefix = new String[open];
        dayCum = new double[open];
        double total = 0;
        int i = 0;
        for (int d = 0; d < span; d++) {
            LocalDate date = FIRST_DAY.plusDays(d);
            if (!isOpen(date)) {
                continue;
            }
            boolean isSunday = date.getDayOfWeek() == DayOfWeek.SUNDAY;
            int m = monthIndex(date);
            double w = MONTH_INVOICES[m] / monthEffectiveDays[m] * (isSunday ? SUNDAY_FACTOR : 1)
                    * Math.exp(DAY_NOISE_SIGMA * Distributions.gaussian(rng));
            total += w;
            dayIndex[i] = d;
            sunday[i] = isSunday;
            datePrefix[i] = date.getMonthValue() + "/" + date.getDayOfMonth() + "/" + date.getYear() + " ";
            dayCum[i] = total;
            i++;
        }
        for (int k = 0; k < open; k++) {
            dayCum[k] /= total;
        }
        dayCum[open - 1] = 1.0;
        hourCum = Distributions.cumulative(HOUR_WEIGHTS);
    }

    private static boolean isOpen(LocalDate date) {
        return date.getDayOfWeek() != DayOfWeek.SATURDAY
                && !CLOSED.contains(date)
                && (date.isBefore(CHRISTMAS_FROM) || date.isAfter(CHRISTMAS_TO));
    }

    private static int monthIndex(LocalDate date) {
        return (int) ChronoUnit.MONTHS.between(FIRST_DAY.withDayOfMonth(1), date.withDayOfMonth(1));
    }

    /** The trading day (an index into this calendar) at {@code progress} in [0, 1). */
    int tradingDay(double progress) {
        int i = Arrays.binarySearch(dayCum, progress);
        i = i >= 0 ? i + 1 : -i - 1;
        return Math.min(i, dayCum.length - 1);
    }

    /** Minute of the day at {@code progress}, on trading day {@code day = tradingDay(progress)}. */
    int minuteOfDay(int day, double progress) {
        double from = day == 0 ? 0 : dayCum[day - 1];
        double f = (progress - from) / (dayCum[day] - from);
        f = Math.min(Math.max(f, 0), Math.nextDown(1.0));
        int h = Arrays.binarySearch(hourCum, f);
        h = h >= 0 ? h + 1 : -h - 1;
        h = Math.min(h, hourCum.length - 1);
        double hFrom = h == 0 ? 0 : hourCum[h - 1];
        int minute = (int) ((f - hFrom) / (hourCum[h] - hFrom) * 60);
        return (FIRST_HOUR + h) * 60 + Math.min(Math.max(minute, 0), 59);
    }

    int calendarDay(int day) {
        return dayIndex[day];
    }

    boolean isSunday(int day) {
        return sunday[day];
    }

    String datePrefix(int day) {
        return datePrefix[day];
    }

    /** Days from {@link #FIRST_DAY} to {@link #LAST_DAY}, both included. */
    static int spanDays() {
        return (int) ChronoUnit.DAYS.between(FIRST_DAY, LAST_DAY) + 1;
    }
}
