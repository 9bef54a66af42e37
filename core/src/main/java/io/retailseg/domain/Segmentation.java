package io.retailseg.domain;

import java.util.Arrays;
import java.util.OptionalInt;

/**
 * Which segment each customer of a customer table is in, or none (an outlier, or a customer not
 * segmented). Customers are the table's rows, ascending by id; look-ups by id are binary searches.
 * Immutable: arrays are copied in.
 */
public final class Segmentation {
    private static final int NONE = -1;

    private final long[] customerIds;
    private final int[] segment;
    private final int k;

    private Segmentation(long[] customerIds, int[] segment, int k) {
        this.customerIds = customerIds;
        this.segment = segment;
        this.k = k;
    }

    /**
     * @param customerIds the customers, strictly ascending
     * @param segments per customer its segment in {@code 0..k-1}, or a negative value for none
     * @param k number of segments
     */
    public static Segmentation of(long[] customerIds, int[] segments, int k) {
        if (customerIds.length != segments.length) {
            throw new IllegalArgumentException("Segmentation: " + customerIds.length + " customers but "
                    + segments.length + " segments");
        }
        if (k < 1) {
            throw new IllegalArgumentException("Segmentation: k must be at least 1, found " + k);
        }
        int[] copy = new int[segments.length];
        for (int i = 0; i < segments.length; i++) {
            if (i > 0 && customerIds[i - 1] >= customerIds[i]) {
                throw new IllegalArgumentException("Segmentation: customer ids must be strictly ascending");
            }
            if (segments[i] >= k) {
                throw new IllegalArgumentException("Segmentation: customer " + customerIds[i] + " has segment "
                        + segments[i] + ", expected 0.." + (k - 1));
            }
            copy[i] = segments[i] < 0 ? NONE : segments[i];
        }
        return new Segmentation(customerIds.clone(), copy, k);
    }

    /** Every customer in one segment (e.g. to rank products over all customers). */
    public static Segmentation single(long[] customerIds) {
        return of(customerIds, new int[customerIds.length], 1);
    }

    /** Number of segments. */
    public int k() {
        return k;
    }

    /** Number of customers (segmented or not). */
    public int size() {
        return customerIds.length;
    }

    /** The customer of row {@code row}. */
    public long customerId(int row) {
        return customerIds[row];
    }

    /** The segment of row {@code row}, empty when the customer has none. */
    public OptionalInt segmentAt(int row) {
        return segment[row] == NONE ? OptionalInt.empty() : OptionalInt.of(segment[row]);
    }

    /** Whether row {@code row}'s customer is in a segment. */
    public boolean isSegmented(int row) {
        return segment[row] != NONE;
    }

    /** The segment of customer {@code customerId}, empty when unknown or in no segment. */
    public OptionalInt segmentOf(long customerId) {
        int row = Arrays.binarySearch(customerIds, customerId);
        return row < 0 ? OptionalInt.empty() : segmentAt(row);
    }

    /** Whether {@code customerId} is one of the customers (segmented or not). */
    public boolean contains(long customerId) {
        return Arrays.binarySearch(customerIds, customerId) >= 0;
    }

    /** Number of customers in a segment. */
    public int segmentedCount() {
        int n = 0;
        for (int s : segment) {
            if (s != NONE) {
                n++;
            }
        }
        return n;
    }

    /** Customers per segment, by segment id. */
    public int[] sizes() {
        int[] sizes = new int[k];
        for (int s : segment) {
            if (s != NONE) {
                sizes[s]++;
            }
        }
        return sizes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Segmentation other && k == other.k && Arrays.equals(customerIds, other.customerIds)
                && Arrays.equals(segment, other.segment);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(customerIds) + Arrays.hashCode(segment)) + k;
    }

    @Override
    public String toString() {
        return "Segmentation[" + customerIds.length + " customers, k=" + k + "]";
    }

    /** The same customers with segment {@code s} renamed {@code newId[s]}. */
    public Segmentation relabel(int[] newId) {
        int newK = 0;
        for (int id : newId) {
            newK = Math.max(newK, id + 1);
        }
        int[] out = new int[segment.length];
        for (int i = 0; i < segment.length; i++) {
            out[i] = segment[i] == NONE ? NONE : newId[segment[i]];
        }
        return new Segmentation(customerIds, out, Math.max(newK, 1));
    }
}
