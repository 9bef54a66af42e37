package io.retailseg.features;

import io.retailseg.clean.Cleaner;
import io.retailseg.config.Compat;
import io.retailseg.domain.CustomerTable;
import io.retailseg.domain.Feature;
import io.retailseg.domain.Transactions;
import io.retailseg.domain.WorkProgress;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.ObjIntConsumer;

/**
 * Computes the 15 customer features of SPEC section 2 from cleaned lines: one row per customer,
 * every customer kept (or, with {@link Compat#NOTEBOOK}, the reference notebook's two quirks).
 *
 * <p>Sums over a customer's lines are compensated (Kahan), as pandas' grouped sums are.
 */
public final class FeatureExtractor {
    private static final int SECONDS_PER_HOUR = 3_600;
    private static final int HOURS_PER_DAY = 24;
    private static final long SECONDS_PER_DAY = 86_400L;
    private static final String UNITED_KINGDOM = "United Kingdom";
    private static final int PROGRESS_EVERY = 4096;
    /** Customers from which the rows are computed on two threads (below, a second thread costs more than it saves). */
    static final int PARALLEL_FROM = 2048;
    /** Days from 0000-03-01 to 1970-01-01, and in 400 Gregorian years (for {@link #monthIndex}). */
    private static final long DAYS_0000_03_01_TO_EPOCH = 719_468;
    private static final long DAYS_PER_ERA = 146_097;

    private FeatureExtractor() {
    }

    /** The latest calendar day (epoch day) of the lines: "the last day" of SPEC section 2. */
    public static long lastDay(Transactions lines) {
        long last = Long.MIN_VALUE;
        for (int r = 0; r < lines.size(); r++) {
            last = Math.max(last, lines.epochDay(r));
        }
        return last;
    }

    /** Features with recency measured from the last day of {@code lines}. */
    public static CustomerTable extract(Transactions lines, Compat compat) {
        return extract(lines, compat, lastDay(lines));
    }

    /**
     * Features with recency measured from {@code referenceDay} (an epoch day): the training data's
     * last day when scoring new lines with a saved model.
     */
    public static CustomerTable extract(Transactions lines, Compat compat, long referenceDay) {
        return extract(lines, compat, referenceDay, WorkProgress.NONE);
    }

    /** As {@link #extract(Transactions, Compat, long)}, telling {@code progress} the customers done. */
    public static CustomerTable extract(Transactions lines, Compat compat, long referenceDay, WorkProgress progress) {
        return extract(lines, CustomerGroups.of(lines), compat, referenceDay, progress);
    }

    /** As {@link #extract(Transactions, Compat, long, WorkProgress)}, with the lines' customer groups already made. */
    public static CustomerTable extract(Transactions lines, CustomerGroups groups, Compat compat, long referenceDay,
                                        WorkProgress progress) {
        int n = groups.size();
        boolean[] cancelled = Cleaner.cancelledInvoices(lines.invoices());
        int[] countryRank = lines.countries().sortRanks();
        int uk = lines.countries().codeOf(UNITED_KINGDOM);
        double[][] rows = new double[n][];
        double[] notebookGap = new double[n];
        int stockCodes = lines.stockCodes().size();
        ObjIntConsumer<int[]> compute = (seen, c) -> {
            rows[c] = customer(lines, groups, c, cancelled, countryRank, uk, referenceDay, seen);
            notebookGap[c] = notebookAverageGap(lines, groups, c);
        };
        // Each customer's row depends on that customer's lines only, so the upper half may be computed on
        // another core without changing a bit; the calling thread takes the lower half and tells progress.
        int split = n >= PARALLEL_FROM && Runtime.getRuntime().availableProcessors() > 1 ? n / 2 : n;
        ForkJoinTask<?> upper = split == n ? null : ForkJoinPool.commonPool().submit(() -> {
            int[] seen = new int[stockCodes];
            for (int c = split; c < n; c++) {
                compute.accept(seen, c);
            }
        });
        int[] seen = new int[stockCodes];
        for (int c = 0; c < split; c++) {
            compute.accept(seen, c);
            if ((c + 1) % PROGRESS_EVERY == 0) {
                progress.done(c + 1, n);
            }
        }
        if (upper != null) {
            upper.join();
        }
        long[] ids = new long[n];
        for (int c = 0; c < n; c++) {
            ids[c] = groups.customerId(c);
        }
        if (compat == Compat.NOTEBOOK) {
            return notebook(ids, rows, notebookGap);
        }
        return new CustomerTable(ids, rows);
    }

    /**
     * @param seen scratch of the calling thread, one slot per stock code: slot s holds c + 1 once customer
     *     c's lines have shown stock code s (counts distinct products without sorting them)
     */
    private static double[] customer(Transactions t, CustomerGroups g, int c, boolean[] cancelled,
                                     int[] countryRank, int uk, long referenceDay, int[] seen) {
        int from = g.from(c);
        int to = g.to(c);
        int m = to - from;
        int[] invoices = new int[m];
        int[] cancelledInvoices = new int[m];
        int cancelledCount = 0;
        int distinctStock = 0;
        long[] days = new long[m];
        int[] countries = new int[m];
        int[] weekday = new int[7];
        int[] hour = new int[HOURS_PER_DAY];
        long quantity = 0;
        double[] spendTerms = new double[m];
        long firstMonth = Long.MAX_VALUE;
        long lastMonth = Long.MIN_VALUE;
        long[] monthOf = new long[m];
        long previousDay = Long.MIN_VALUE;
        long month = 0;
        for (int i = 0; i < m; i++) {
            int r = g.line(from + i);
            invoices[i] = t.invoice(r);
            if (cancelled[invoices[i]]) {
                cancelledInvoices[cancelledCount++] = invoices[i];
            }
            int stock = t.stockCode(r);
            if (seen[stock] != c + 1) {
                seen[stock] = c + 1;
                distinctStock++;
            }
            long second = t.epochSecond(r);
            long day = Math.floorDiv(second, SECONDS_PER_DAY);
            days[i] = day;
            countries[i] = t.country(r);
            weekday[weekdayOf(day)]++;
            hour[(int) (Math.floorMod(second, SECONDS_PER_DAY) / SECONDS_PER_HOUR)]++;
            int lineQuantity = t.quantity(r);
            quantity += lineQuantity;
            spendTerms[i] = lineQuantity * t.unitPrice(r);
            if (day != previousDay) { // a customer's lines come in runs of one day: one month index per run
                month = monthIndex(day);
                previousDay = day;
            }
            monthOf[i] = month;
            firstMonth = Math.min(firstMonth, month);
            lastMonth = Math.max(lastMonth, month);
        }
        // Spend terms grouped by month (a counting sort), then each month summed in sorted order.
        int months = (int) (lastMonth - firstMonth + 1);
        int[] monthStart = new int[months + 1];
        int[] monthOfLine = new int[m];
        for (int i = 0; i < m; i++) {
            monthOfLine[i] = (int) (monthOf[i] - firstMonth);
            monthStart[monthOfLine[i] + 1]++;
        }
        for (int k = 0; k < months; k++) {
            monthStart[k + 1] += monthStart[k];
        }
        int[] next = Arrays.copyOf(monthStart, months);
        double[] byMonth = new double[m];
        for (int i = 0; i < m; i++) {
            byMonth[next[monthOfLine[i]]++] = spendTerms[i];
        }
        double[] monthSpend = new double[months];
        int boughtMonths = 0;
        for (int k = 0; k < months; k++) {
            if (monthStart[k + 1] > monthStart[k]) {
                monthSpend[boughtMonths++] = orderIndependentSum(byMonth, monthStart[k], monthStart[k + 1]);
            }
        }
        monthSpend = Arrays.copyOf(monthSpend, boughtMonths);

        int transactions = distinct(invoices, m);
        int cancellations = distinct(cancelledInvoices, cancelledCount);
        sortUnlessAscending(days);
        int distinctDays = distinct(days);
        // the month ranges of byMonth are sorted now: merged, they are spendTerms sorted, summed in that order
        double totalSpend = KahanSum.of(mergeSortedRuns(byMonth, monthStart, spendTerms));

        double[] f = new double[Feature.COUNT];
        f[Feature.DAYS_SINCE_LAST_PURCHASE.ordinal()] = referenceDay - days[m - 1];
        f[Feature.TOTAL_TRANSACTIONS.ordinal()] = transactions;
        f[Feature.TOTAL_PRODUCTS_PURCHASED.ordinal()] = quantity;
        f[Feature.TOTAL_SPEND.ordinal()] = totalSpend;
        f[Feature.AVERAGE_TRANSACTION_VALUE.ordinal()] = totalSpend / transactions;
        f[Feature.UNIQUE_PRODUCTS_PURCHASED.ordinal()] = distinctStock;
        f[Feature.AVERAGE_DAYS_BETWEEN_PURCHASES.ordinal()] =
                distinctDays <= 1 ? 0.0 : (double) (days[m - 1] - days[0]) / (distinctDays - 1);
        f[Feature.DAY_OF_WEEK.ordinal()] = argMax(weekday);
        f[Feature.HOUR.ordinal()] = argMax(hour);
        f[Feature.IS_UK.ordinal()] = mainCountry(countries, countryRank) == uk ? 1 : 0;
        f[Feature.CANCELLATION_FREQUENCY.ordinal()] = cancellations;
        f[Feature.CANCELLATION_RATE.ordinal()] = (double) cancellations / transactions;
        f[Feature.MONTHLY_SPENDING_MEAN.ordinal()] = FeatureStats.mean(monthSpend);
        f[Feature.MONTHLY_SPENDING_STD.ordinal()] = monthSpend.length < 2 ? 0.0 : FeatureStats.sampleStd(monthSpend);
        f[Feature.SPENDING_TREND.ordinal()] = monthSpend.length < 2 ? 0.0 : FeatureStats.slopeAgainstIndex(monthSpend);
        return f;
    }

    /**
     * Compensated sum of {@code terms[from..to)} taken in ascending order (the range is sorted in
     * place), so the result does not depend on the order of the lines in the file: summing in file
     * order changed the last bits of Total_Spend and the monthly statistics when lines were permuted.
     */
    private static double orderIndependentSum(double[] terms, int from, int to) {
        Arrays.sort(terms, from, to);
        KahanSum sum = new KahanSum();
        for (int i = from; i < to; i++) {
            sum.add(terms[i]);
        }
        return sum.value();
    }

    /**
     * The values of {@code a}, whose ranges {@code [start[k], start[k + 1])} are each sorted ascending, in
     * ascending order, as {@link Arrays#sort(double[])} would put them ({@link Double#compare}'s order), merged
     * run by run into {@code buffer} and {@code a} (either may be returned; both are overwritten). At 100 M
     * generated lines the full sort of a customer's spend terms was about a fifth of the features' CPU; a
     * customer's months are few runs. Equal values are equal bits (the terms are finite), so the result is
     * the sort's to the bit.
     */
    static double[] mergeSortedRuns(double[] a, int[] start, double[] buffer) {
        int runs = start.length - 1;
        double[] from = a;
        double[] to = buffer;
        for (int width = 1; width < runs; width *= 2) {
            for (int k = 0; k < runs; k += 2 * width) {
                int lo = start[k];
                int mid = start[Math.min(k + width, runs)];
                int hi = start[Math.min(k + 2 * width, runs)];
                int i = lo;
                int j = mid;
                int o = lo;
                while (i < mid && j < hi) {
                    to[o++] = Double.compare(from[i], from[j]) <= 0 ? from[i++] : from[j++];
                }
                System.arraycopy(from, i, to, o, mid - i);
                o += mid - i;
                System.arraycopy(from, j, to, o, hi - j);
            }
            double[] swap = from;
            from = to;
            to = swap;
        }
        return from;
    }

    /** Sorts {@code values} ascending, after checking that they are not already (a customer's days mostly are). */
    private static void sortUnlessAscending(long[] values) {
        for (int i = 1; i < values.length; i++) {
            if (values[i] < values[i - 1]) {
                Arrays.sort(values);
                return;
            }
        }
    }

    /**
     * The reference notebook's Average_Days_Between_Purchases: the mean of day differences between
     * consecutive lines in file order, which telescopes to (last line's day - first line's day) /
     * (lines - 1); NaN for a customer with one line (the notebook then drops the customer).
     */
    private static double notebookAverageGap(Transactions t, CustomerGroups g, int c) {
        int from = g.from(c);
        int to = g.to(c);
        if (to - from < 2) {
            return Double.NaN;
        }
        return (double) (t.epochDay(g.line(to - 1)) - t.epochDay(g.line(from))) / (to - from - 1);
    }

    /**
     * Reproduces SPEC notes A and B: customers with a single line are dropped, the gap is the
     * notebook's, and the cancellation rate of the i-th kept customer is divided by the transactions
     * of the i-th customer of all customers (the notebook's position-aligned division).
     */
    private static CustomerTable notebook(long[] ids, double[][] rows, double[] gap) {
        int kept = 0;
        long[] keptIds = new long[ids.length];
        double[][] keptRows = new double[ids.length][];
        for (int c = 0; c < ids.length; c++) {
            if (!Double.isNaN(gap[c])) {
                double[] row = rows[c].clone();
                row[Feature.AVERAGE_DAYS_BETWEEN_PURCHASES.ordinal()] = gap[c];
                keptIds[kept] = ids[c];
                keptRows[kept] = row;
                kept++;
            }
        }
        for (int i = 0; i < kept; i++) {
            keptRows[i][Feature.CANCELLATION_RATE.ordinal()] = keptRows[i][Feature.CANCELLATION_FREQUENCY.ordinal()]
                    / rows[i][Feature.TOTAL_TRANSACTIONS.ordinal()];
        }
        return new CustomerTable(Arrays.copyOf(keptIds, kept), Arrays.copyOf(keptRows, kept));
    }

    /** Monday = 0 ... Sunday = 6 (pandas' dayofweek); 1970-01-01 was a Thursday. */
    static int weekdayOf(long epochDay) {
        return (int) Math.floorMod(epochDay + 3, 7L);
    }

    /**
     * year * 12 + month - 1 of a day, as {@link LocalDate#ofEpochDay} gives them, by Hinnant's
     * {@code civil_from_days} (proleptic Gregorian, eras of 400 years from 0000-03-01): integer arithmetic
     * without a LocalDate, which cost 58 JFR samples of a 1,236-sample profile of clean + features on the
     * real file (called once per run of days of a customer's lines).
     */
    static long monthIndex(long epochDay) {
        long z = epochDay + DAYS_0000_03_01_TO_EPOCH;
        long era = Math.floorDiv(z, DAYS_PER_ERA);
        long dayOfEra = z - era * DAYS_PER_ERA;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long marchBased = (5 * dayOfYear + 2) / 153; // 0 = March ... 11 = February
        long month = marchBased < 10 ? marchBased + 3 : marchBased - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        return year * 12 + month - 1;
    }

    /** Index of the largest count; ties go to the smallest index. */
    private static int argMax(int[] counts) {
        int best = 0;
        for (int i = 1; i < counts.length; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The country code with most lines; ties go to the alphabetically first country. */
    private static int mainCountry(int[] countries, int[] rank) {
        int first = countries[0];
        int i0 = 1;
        while (i0 < countries.length && countries[i0] == first) {
            i0++;
        }
        if (i0 == countries.length) {
            return first; // one country: nearly every customer
        }
        int[] sorted = countries.clone();
        Arrays.sort(sorted);
        int best = -1;
        int bestCount = 0;
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            int count = j - i;
            if (count > bestCount || (count == bestCount && rank[sorted[i]] < rank[best])) {
                best = sorted[i];
                bestCount = count;
            }
            i = j;
        }
        return best;
    }

    /** Distinct values of {@code values[0..count)}, sorted only when they do not ascend (a customer's invoices mostly do). */
    private static int distinct(int[] values, int count) {
        int[] v = values;
        for (int i = 1; i < count; i++) {
            if (values[i] < values[i - 1]) {
                v = Arrays.copyOf(values, count);
                Arrays.sort(v);
                break;
            }
        }
        int d = 0;
        for (int i = 0; i < count; i++) {
            if (i == 0 || v[i] != v[i - 1]) {
                d++;
            }
        }
        return d;
    }

    private static int distinct(long[] sorted) {
        int d = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                d++;
            }
        }
        return d;
    }
}
