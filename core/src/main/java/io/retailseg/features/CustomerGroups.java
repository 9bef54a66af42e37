package io.retailseg.features;

import io.retailseg.domain.Transactions;
import java.util.Arrays;

/**
 * The lines of each customer: customers in ascending CustomerID, and for each a contiguous range of
 * line indices in file order (a stable counting sort). Lines without customer are left out.
 */
public final class CustomerGroups {
    private final long[] customerIds;
    private final int[] start;
    private final int[] lines;

    private CustomerGroups(long[] customerIds, int[] start, int[] lines) {
        this.customerIds = customerIds;
        this.start = start;
        this.lines = lines;
    }

    public static CustomerGroups of(Transactions t) {
        int n = t.size();
        long[] ids = new long[n];
        int m = 0;
        for (int r = 0; r < n; r++) {
            long id = t.customerId(r);
            if (id != Transactions.MISSING_CUSTOMER) {
                ids[m++] = id;
            }
        }
        ids = Arrays.copyOf(ids, m);
        Arrays.sort(ids);
        int distinct = 0;
        for (int i = 0; i < m; i++) {
            if (i == 0 || ids[i] != ids[i - 1]) {
                ids[distinct++] = ids[i];
            }
        }
        long[] customers = Arrays.copyOf(ids, distinct);
        int[] customerOfLine = new int[n];
        int[] start = new int[distinct + 1];
        for (int r = 0; r < n; r++) {
            long id = t.customerId(r);
            int c = id == Transactions.MISSING_CUSTOMER ? -1 : Arrays.binarySearch(customers, id);
            customerOfLine[r] = c;
            if (c >= 0) {
                start[c + 1]++;
            }
        }
        for (int c = 0; c < distinct; c++) {
            start[c + 1] += start[c];
        }
        int[] next = Arrays.copyOf(start, distinct);
        int[] lines = new int[start[distinct]];
        for (int r = 0; r < n; r++) {
            int c = customerOfLine[r];
            if (c >= 0) {
                lines[next[c]++] = r;
            }
        }
        return new CustomerGroups(customers, start, lines);
    }

    /** Number of customers. */
    public int size() {
        return customerIds.length;
    }

    public long customerId(int customer) {
        return customerIds[customer];
    }

    /** Index of {@code customerId}, or negative when absent. */
    public int indexOf(long customerId) {
        return Arrays.binarySearch(customerIds, customerId);
    }

    /** First position (inclusive) of the customer's lines in {@link #line(int)}. */
    public int from(int customer) {
        return start[customer];
    }

    /** Last position (exclusive) of the customer's lines in {@link #line(int)}. */
    public int to(int customer) {
        return start[customer + 1];
    }

    /** The line index at {@code position}. */
    public int line(int position) {
        return lines[position];
    }
}
