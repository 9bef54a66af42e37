package io.retailseg.evaluate;

import io.retailseg.clean.Cleaner;
import io.retailseg.domain.Transactions;
import io.retailseg.features.CustomerGroups;
import java.util.Arrays;

/**
 * What each customer bought in a set of cleaned lines: customers in ascending CustomerID, for each
 * the sorted distinct stock codes of any of their lines (cancellations included, as SPEC section 7's
 * "never bought") with the net quantity of each, and the distinct codes of their non-cancelled lines
 * with a positive quantity (what they "bought" when the lines are a hold-out period), and the number of
 * their lines of each code (cancellation lines included: the confidence count of {@link ImplicitAls}).
 */
public final class PurchaseHistory {
    private final long[] customerIds;
    private final int[][] codes;
    private final long[][] netQuantity;
    private final int[][] lineCount;
    private final int[][] purchased;
    private final int[] catalogue;

    private PurchaseHistory(long[] customerIds, int[][] codes, long[][] netQuantity, int[][] lineCount,
                            int[][] purchased, int[] catalogue) {
        this.customerIds = customerIds;
        this.codes = codes;
        this.netQuantity = netQuantity;
        this.lineCount = lineCount;
        this.purchased = purchased;
        this.catalogue = catalogue;
    }

    public static PurchaseHistory of(Transactions lines) {
        CustomerGroups groups = CustomerGroups.of(lines);
        boolean[] cancelled = Cleaner.cancelledInvoices(lines.invoices());
        int n = groups.size();
        long[] ids = new long[n];
        int[][] codes = new int[n][];
        long[][] quantity = new long[n][];
        int[][] counts = new int[n][];
        int[][] purchased = new int[n][];
        boolean[] inCatalogue = new boolean[lines.stockCodes().size()];
        for (int r = 0; r < lines.size(); r++) {
            inCatalogue[lines.stockCode(r)] = true;
        }
        for (int c = 0; c < n; c++) {
            ids[c] = groups.customerId(c);
            int from = groups.from(c);
            int to = groups.to(c);
            int bought = 0;
            int[] positive = new int[to - from];
            for (int p = from; p < to; p++) {
                int r = groups.line(p);
                if (!cancelled[lines.invoice(r)] && lines.quantity(r) > 0) {
                    positive[bought++] = lines.stockCode(r);
                }
            }
            Integer[] order = new Integer[to - from];
            for (int p = from; p < to; p++) {
                order[p - from] = groups.line(p);
            }
            Arrays.sort(order, (a, b) -> Integer.compare(lines.stockCode(a), lines.stockCode(b)));
            int[] cs = new int[order.length];
            long[] qs = new long[order.length];
            int[] ns = new int[order.length];
            int m = 0;
            for (Integer r : order) {
                int code = lines.stockCode(r);
                if (m == 0 || cs[m - 1] != code) {
                    cs[m++] = code;
                }
                qs[m - 1] += lines.quantity(r);
                ns[m - 1]++;
            }
            codes[c] = Arrays.copyOf(cs, m);
            quantity[c] = Arrays.copyOf(qs, m);
            counts[c] = Arrays.copyOf(ns, m);
            purchased[c] = Arrays.stream(positive, 0, bought).sorted().distinct().toArray();
        }
        int[] catalogue = new int[inCatalogue.length];
        int k = 0;
        for (int code = 0; code < inCatalogue.length; code++) {
            if (inCatalogue[code]) {
                catalogue[k++] = code;
            }
        }
        return new PurchaseHistory(ids, codes, quantity, counts, purchased, Arrays.copyOf(catalogue, k));
    }

    /** Number of customers. */
    public int size() {
        return customerIds.length;
    }

    public long customerId(int customer) {
        return customerIds[customer];
    }

    /** Index of a customer, or -1 when the customer has no line here. */
    public int indexOf(long customerId) {
        int i = Arrays.binarySearch(customerIds, customerId);
        return i < 0 ? -1 : i;
    }

    /** Sorted distinct stock codes of any line of the customer (owned by this instance: do not modify). */
    public int[] codes(int customer) {
        return codes[customer];
    }

    /** Net quantity per code of {@link #codes(int)}, cancellations subtracted (do not modify). */
    public long[] netQuantity(int customer) {
        return netQuantity[customer];
    }

    /** Number of the customer's lines per code of {@link #codes(int)}, cancellation lines included (do not modify). */
    public int[] lineCount(int customer) {
        return lineCount[customer];
    }

    /** Sorted distinct codes of the customer's non-cancelled lines with a positive quantity (do not modify). */
    public int[] purchased(int customer) {
        return purchased[customer];
    }

    /** Sorted distinct stock codes that occur in these lines: the catalogue (do not modify). */
    public int[] catalogue() {
        return catalogue;
    }

    /** Whether the customer has any line with this code. */
    public boolean bought(int customer, int code) {
        return Arrays.binarySearch(codes[customer], code) >= 0;
    }
}
