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

    /**
     * Groups by the lines' customer codes: memory proportional to the customers plus one int per
     * line with a customer, no per-line sort.
     */
    public static CustomerGroups of(Transactions t) {
        int n = t.size();
        int codes = t.customerCodeCount();
        int[] linesOfCode = new int[codes];
        for (int r = 0; r < n; r++) {
            int code = t.customerCode(r);
            if (code != Transactions.MISSING_CUSTOMER_CODE) {
                linesOfCode[code]++;
            }
        }
        int distinct = 0;
        for (int code = 0; code < codes; code++) {
            if (linesOfCode[code] > 0) {
                distinct++;
            }
        }
        long[] customers = new long[distinct];
        int d = 0;
        for (int code = 0; code < codes; code++) {
            if (linesOfCode[code] > 0) {
                customers[d++] = t.customerIdOfCode(code);
            }
        }
        Arrays.sort(customers);
        int[] rankOfCode = new int[codes];
        int[] start = new int[distinct + 1];
        for (int code = 0; code < codes; code++) {
            if (linesOfCode[code] > 0) {
                rankOfCode[code] = Arrays.binarySearch(customers, t.customerIdOfCode(code));
                start[rankOfCode[code] + 1] = linesOfCode[code];
            }
        }
        for (int c = 0; c < distinct; c++) {
            start[c + 1] += start[c];
        }
        int[] next = Arrays.copyOf(start, distinct);
        int[] lines = new int[start[distinct]];
        for (int r = 0; r < n; r++) {
            int code = t.customerCode(r);
            if (code != Transactions.MISSING_CUSTOMER_CODE) {
                lines[next[rankOfCode[code]]++] = r;
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
