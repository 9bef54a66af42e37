package io.retailseg.recommend;

import io.retailseg.clean.Cleaner;
import io.retailseg.domain.Transactions;
import io.retailseg.features.CustomerGroups;
import java.util.Arrays;

/**
 * What one customer bought, as every recommender reads it: the catalogue products the customer has any
 * cleaned line of (cancellation lines included, as SPEC section 7's "bought"), ascending, and per
 * product the number of orders (distinct invoices, not cancelled, with a positive quantity), the number
 * of lines (any), and the first and last day of those orders (of any line when there is no order). Only
 * the customer's own lines go in, so a customer never seen in training is recommended for from their
 * lines alone; products the catalogue does not know are left out.
 *
 * @param products catalogue indices, strictly increasing
 * @param orders per product
 * @param lines per product
 * @param firstDay per product, epoch day (an int: the lines' dates lie in 1932..2067; 4 bytes a customer-product
 *     pair less than a long, 0.16 GB at 100 M generated lines)
 * @param lastDay per product, epoch day
 * @param customerLastDay the customer's last order day (last line day when there is no order): recency is
 *     counted back from it, so the same lines give the same list whenever they are scored
 */
public record Basket(int[] products, int[] orders, int[] lines, int[] firstDay, int[] lastDay,
                     long customerLastDay) {
    public Basket {
        int n = products.length;
        if (orders.length != n || lines.length != n || firstDay.length != n || lastDay.length != n) {
            throw new IllegalArgumentException("basket arrays differ in length");
        }
        for (int i = 1; i < n; i++) {
            if (products[i] <= products[i - 1]) {
                throw new IllegalArgumentException("basket products must be strictly increasing");
            }
        }
    }

    /** An empty basket (a customer none of whose products the catalogue knows). */
    public static Basket empty() {
        return new Basket(new int[0], new int[0], new int[0], new int[0], new int[0], 0);
    }

    /** Number of distinct products. */
    public int size() {
        return products.length;
    }

    /** Position of {@code product} in {@link #products}, or a negative number when absent. */
    public int find(int product) {
        return Arrays.binarySearch(products, product);
    }

    /** Whether the customer has any line of {@code product}. */
    public boolean has(int product) {
        return find(product) >= 0;
    }

    /**
     * Every customer's basket, in {@link CustomerGroups} order (ascending CustomerID).
     *
     * @param lines cleaned lines
     * @param catalogue the recommender's products
     */
    public static Basket[] of(Transactions lines, Catalogue catalogue) {
        CustomerGroups groups = CustomerGroups.of(lines);
        return of(lines, groups, catalogue);
    }

    /** As {@link #of(Transactions, Catalogue)}, over groups already made. */
    public static Basket[] of(Transactions lines, CustomerGroups groups, Catalogue catalogue) {
        boolean[] cancelled = Cleaner.cancelledInvoices(lines.invoices());
        int[] productOf = catalogue.indexOf(lines);
        Basket[] out = new Basket[groups.size()];
        int largest = 0;
        for (int c = 0; c < groups.size(); c++) {
            largest = Math.max(largest, groups.to(c) - groups.from(c));
        }
        // one set of working arrays for every customer: at 100 M generated lines, arrays made per customer
        // were 56 bytes a line of garbage (3.9 GB), besides the baskets kept
        long[] keys = new long[largest];
        Scratch scratch = new Scratch(largest);
        for (int c = 0; c < groups.size(); c++) {
            int from = groups.from(c);
            int to = groups.to(c);
            int m = 0;
            for (int p = from; p < to; p++) {
                int r = groups.line(p);
                int product = productOf[lines.stockCode(r)];
                if (product >= 0) {
                    keys[m++] = ((long) product << 32) | r;
                }
            }
            Arrays.sort(keys, 0, m);
            out[c] = build(lines, cancelled, keys, m, scratch);
        }
        return out;
    }

    /** Working arrays for {@link #build}, for customers of up to {@code lines} lines. */
    private record Scratch(int[] products, int[] orders, int[] lineCount, int[] first, int[] last, int[] invoices) {
        Scratch(int lines) {
            this(new int[lines], new int[lines], new int[lines], new int[lines], new int[lines], new int[lines]);
        }
    }

    /** From (product << 32 | line) keys sorted ascending. */
    private static Basket build(Transactions lines, boolean[] cancelled, long[] keys, int m, Scratch scratch) {
        int[] products = scratch.products();
        int[] orders = scratch.orders();
        int[] lineCount = scratch.lineCount();
        int[] first = scratch.first();
        int[] last = scratch.last();
        int n = 0;
        long customerLast = Long.MIN_VALUE;
        long customerAnyLast = Long.MIN_VALUE;
        int[] invoices = scratch.invoices();
        int k = 0;
        while (k < m) {
            int product = (int) (keys[k] >>> 32);
            int invoiceCount = 0;
            long f = Long.MAX_VALUE;
            long l = Long.MIN_VALUE;
            long af = Long.MAX_VALUE;
            long al = Long.MIN_VALUE;
            int count = 0;
            while (k < m && (int) (keys[k] >>> 32) == product) {
                int r = (int) keys[k++];
                long day = lines.epochDay(r);
                count++;
                af = Math.min(af, day);
                al = Math.max(al, day);
                if (!cancelled[lines.invoice(r)] && lines.quantity(r) > 0) {
                    invoices[invoiceCount++] = lines.invoice(r);
                    f = Math.min(f, day);
                    l = Math.max(l, day);
                }
            }
            // a product's lines come in file order, so its invoices mostly ascend already
            sortUnlessAscending(invoices, invoiceCount);
            int distinct = 0;
            for (int i = 0; i < invoiceCount; i++) {
                if (i == 0 || invoices[i] != invoices[i - 1]) {
                    distinct++;
                }
            }
            products[n] = product;
            orders[n] = distinct;
            lineCount[n] = count;
            first[n] = (int) (distinct > 0 ? f : af); // epoch days of 1932..2067
            last[n] = (int) (distinct > 0 ? l : al);
            if (distinct > 0) {
                customerLast = Math.max(customerLast, l);
            }
            customerAnyLast = Math.max(customerAnyLast, al);
            n++;
        }
        long customerLastDay = customerLast != Long.MIN_VALUE ? customerLast
                : customerAnyLast != Long.MIN_VALUE ? customerAnyLast : 0;
        return new Basket(Arrays.copyOf(products, n), Arrays.copyOf(orders, n), Arrays.copyOf(lineCount, n),
                Arrays.copyOf(first, n), Arrays.copyOf(last, n), customerLastDay);
    }

    private static void sortUnlessAscending(int[] values, int count) {
        for (int i = 1; i < count; i++) {
            if (values[i] < values[i - 1]) {
                Arrays.sort(values, 0, count);
                return;
            }
        }
    }
}
