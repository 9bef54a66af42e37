package io.retailseg.clv;

import io.retailseg.Interleaved;
import io.retailseg.clean.Cleaner;
import io.retailseg.domain.Transactions;
import io.retailseg.features.CustomerGroups;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The models' customer summary from cleaned lines (docs/definitions.md section 9, "Customer value"): a purchase
 * day is a calendar day on which the customer has a line that is not part of a cancelled invoice and has
 * a positive quantity; its spend is the sum of Quantity x UnitPrice over those lines (cancellations are
 * neither purchases nor subtracted: the models describe buying). Per customer: x = purchase days - 1,
 * t<sub>x</sub> = last - first purchase day, T = {@code endDay} - first purchase day (days), and the mean
 * spend of the purchase days after the first. Customers without a purchase day (only cancellations) get
 * no history.
 */
public final class RepeatHistories {
    /** Customers from which the histories are taken on more than one thread. */
    static final int PARALLEL_FROM = 2048;

    private RepeatHistories() {
    }

    /** The histories, with the customer ids they belong to (ascending). */
    public record Result(long[] customerIds, List<RepeatHistory> histories) {
    }

    /**
     * @param lines cleaned lines
     * @param endDay epoch day the observation ends (usually the last day of the lines)
     */
    public static Result of(Transactions lines, long endDay) {
        return of(lines, CustomerGroups.of(lines), endDay, false, 1);
    }

    /** As {@link #of(Transactions, long)}, with the lines' customer groups already made. */
    public static Result of(Transactions lines, CustomerGroups groups, long endDay) {
        return of(lines, groups, endDay, false, 1);
    }

    /**
     * As {@link #of(Transactions, CustomerGroups, long)}, on up to {@code threads} threads: a customer's history
     * depends on their own lines only, so the result does not depend on the threads. At 100 M generated lines
     * the histories were nearly all of a 13 to 15 s stage on one core, reading each customer's lines where
     * they lie in the columns.
     */
    public static Result of(Transactions lines, CustomerGroups groups, long endDay, int threads) {
        return of(lines, groups, endDay, false, threads);
    }

    /**
     * As {@link #of(Transactions, long)}, but a customer whose last purchase is after {@code endDay} is
     * observed to that purchase (scoring new lines with a model: each customer's history then depends on
     * their own lines and the model only, never on the other customers scored with them).
     */
    public static Result observedTo(Transactions lines, long endDay) {
        return of(lines, CustomerGroups.of(lines), endDay, true, 1);
    }

    private static Result of(Transactions lines, CustomerGroups groups, long endDay, boolean extend, int threads) {
        boolean[] cancelled = Cleaner.cancelledInvoices(lines.invoices());
        RepeatHistory[] each = new RepeatHistory[groups.size()];
        // below a few thousand customers a second thread costs more than it saves
        int workers = groups.size() < PARALLEL_FROM ? 1 : threads;
        Interleaved.forEach(groups.size(), workers, Scratch::new, (scratch, c) -> {
            scratch.fit(groups.to(c) - groups.from(c));
            long[] days = scratch.days;
            double[] amounts = scratch.amounts;
            int m = 0;
            for (int k = groups.from(c); k < groups.to(c); k++) {
                int row = groups.line(k);
                if (!cancelled[lines.invoice(row)] && lines.quantity(row) > 0) {
                    days[m] = lines.epochDay(row);
                    amounts[m++] = lines.quantity(row) * lines.unitPrice(row);
                }
            }
            if (m > 0) {
                each[c] = history(groups.customerId(c), days, amounts, m, endDay, extend, scratch);
            }
        });
        List<Long> ids = new ArrayList<>();
        List<RepeatHistory> out = new ArrayList<>();
        for (int c = 0; c < each.length; c++) {
            if (each[c] != null) { // a customer without a purchase day (only cancellations) has no history
                ids.add(groups.customerId(c));
                out.add(each[c]);
            }
        }
        return new Result(ids.stream().mapToLong(Long::longValue).toArray(), List.copyOf(out));
    }

    /**
     * One customer's history from their purchase lines (not of a cancelled invoice, positive quantity), in any
     * order: each line's epoch day and Quantity x UnitPrice. Sorted by day and within a day by amount, so a day's
     * spend is summed in one order whatever the order the source gave its lines in (a file, the same lines
     * from a database, or Spark's partitions give the same bits).
     *
     * @param endDay the epoch day the observation ends
     * @param extend observe to the last purchase when it is after {@code endDay} ({@link #observedTo})
     * @throws IllegalArgumentException when {@code days} is empty, or the last purchase is after
     *     {@code endDay} and {@code extend} is false
     */
    public static RepeatHistory history(long customerId, long[] days, double[] amounts, long endDay, boolean extend) {
        int n = days.length;
        if (n == 0 || amounts.length != n) {
            throw new IllegalArgumentException("customer " + customerId + ": " + n + " purchase days and "
                    + amounts.length + " amounts");
        }
        Scratch scratch = new Scratch();
        scratch.fit(n);
        return history(customerId, days, amounts, n, endDay, extend, scratch);
    }

    /**
     * Working arrays of one thread, kept from customer to customer (grown to the most lines seen): a history
     * made eight arrays a line long, 4.6 GB of garbage at 100 M generated lines.
     */
    private static final class Scratch {
        long[] days = new long[0];
        double[] amounts = new double[0];
        long[] byDay = new long[0];
        double[] sorted = new double[0];
        long[] day = new long[0];
        double[] spend = new double[0];

        void fit(int n) {
            if (days.length < n) {
                int size = Math.max(n, 2 * days.length);
                days = new long[size];
                amounts = new double[size];
                byDay = new long[size];
                sorted = new double[size];
                day = new long[size];
                spend = new double[size];
            }
        }
    }

    /**
     * {@link #history(long, long[], double[], long, boolean)} of {@code days[0..n)} and {@code amounts[0..n)},
     * n > 0, in the scratch's arrays.
     */
    private static RepeatHistory history(long customerId, long[] days, double[] amounts, int n, long endDay,
                                         boolean extend, Scratch scratch) {
        // by day, then within a day by amount (Double.compare's order, which Arrays.sort(double[]) keeps), so
        // each day's spend is summed in one order; primitive sorts: the boxed Integer sort with a comparator
        // was a third of this stage's samples (JFR, 10 M generated lines)
        long firstDay = days[0];
        for (int k = 1; k < n; k++) {
            firstDay = Math.min(firstDay, days[k]);
        }
        long[] byDay = scratch.byDay;
        for (int k = 0; k < n; k++) {
            long offset = days[k] - firstDay;
            if (offset > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("customer " + customerId + ": purchases " + offset
                        + " days apart");
            }
            byDay[k] = offset << 32 | k; // the day first; k, below 2^31, after it
        }
        Arrays.sort(byDay, 0, n);
        double[] sorted = scratch.sorted;
        for (int k = 0; k < n; k++) {
            sorted[k] = amounts[(int) byDay[k]];
        }
        long[] day = scratch.day;
        double[] spend = scratch.spend;
        int m = 0;
        for (int from = 0, to; from < n; from = to) {
            long d = days[(int) byDay[from]];
            to = from + 1;
            while (to < n && days[(int) byDay[to]] == d) {
                to++;
            }
            Arrays.sort(sorted, from, to);
            day[m] = d;
            spend[m] = 0;
            for (int k = from; k < to; k++) {
                spend[m] += sorted[k];
            }
            m++;
        }
        double repeatSpend = 0;
        for (int k = 1; k < m; k++) {
            repeatSpend += spend[k];
        }
        int x = m - 1;
        long first = day[0];
        long end = extend ? Math.max(endDay, day[m - 1]) : endDay;
        if (end < day[m - 1]) {
            throw new IllegalArgumentException("the observation ends on epoch day " + endDay
                    + ", before customer " + customerId + "'s last purchase");
        }
        return new RepeatHistory(x, day[m - 1] - first, end - first, x == 0 ? 0 : repeatSpend / x);
    }

    /**
     * Per customer of {@code ids}, the number of purchase days in {@code lines} (e.g. a hold-out period),
     * and their spend; customers without a line there get 0.
     */
    public static double[][] purchasesIn(Transactions lines, long[] ids) {
        CustomerGroups groups = CustomerGroups.of(lines);
        boolean[] cancelled = Cleaner.cancelledInvoices(lines.invoices());
        double[][] out = new double[2][ids.length];
        for (int i = 0; i < ids.length; i++) {
            int g = groups.indexOf(ids[i]);
            if (g < 0) {
                continue;
            }
            java.util.TreeSet<Long> days = new java.util.TreeSet<>();
            double[] amounts = new double[groups.to(g) - groups.from(g)];
            int n = 0;
            for (int p = groups.from(g); p < groups.to(g); p++) {
                int row = groups.line(p);
                if (!cancelled[lines.invoice(row)] && lines.quantity(row) > 0) {
                    days.add(lines.epochDay(row));
                    amounts[n++] = lines.quantity(row) * lines.unitPrice(row);
                }
            }
            // summed in ascending order: the same bits whatever the order of the source's lines
            Arrays.sort(amounts, 0, n);
            for (int k = 0; k < n; k++) {
                out[1][i] += amounts[k];
            }
            out[0][i] = days.size();
        }
        return out;
    }
}
