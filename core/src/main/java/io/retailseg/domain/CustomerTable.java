package io.retailseg.domain;

import java.util.Arrays;

/**
 * One row per customer, the 15 {@link Feature}s as columns, customers in ascending CustomerID.
 *
 * <p>Immutable: constructor and accessors copy the arrays.
 */
public final class CustomerTable {
    private final long[] customerIds;
    private final double[][] values;

    /**
     * @param customerIds the customers, ascending
     * @param values one row per customer, {@link Feature#COUNT} columns in {@link Feature} order
     */
    public CustomerTable(long[] customerIds, double[][] values) {
        if (customerIds.length != values.length) {
            throw new IllegalArgumentException(customerIds.length + " customers but " + values.length + " rows");
        }
        for (int i = 1; i < customerIds.length; i++) {
            if (customerIds[i - 1] >= customerIds[i]) {
                throw new IllegalArgumentException("customer ids must be strictly ascending");
            }
        }
        this.customerIds = customerIds.clone();
        this.values = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            if (values[i].length != Feature.COUNT) {
                throw new IllegalArgumentException("row " + i + " has " + values[i].length + " features");
            }
            this.values[i] = values[i].clone();
        }
    }

    public int size() {
        return customerIds.length;
    }

    public long customerId(int row) {
        return customerIds[row];
    }

    /** The row of {@code customerId}, or a negative number when absent. */
    public int rowOf(long customerId) {
        return Arrays.binarySearch(customerIds, customerId);
    }

    public double value(int row, Feature feature) {
        return values[row][feature.ordinal()];
    }

    /** A copy of one customer's features, in {@link Feature} order. */
    public double[] row(int row) {
        return values[row].clone();
    }

    /** A copy of all customer ids, ascending. */
    public long[] customerIds() {
        return customerIds.clone();
    }

    /** A copy of the feature matrix (rows = customers). */
    public double[][] matrix() {
        double[][] m = new double[values.length][];
        for (int i = 0; i < m.length; i++) {
            m[i] = values[i].clone();
        }
        return m;
    }

    /** A copy of one feature's column. */
    public double[] column(Feature feature) {
        double[] c = new double[values.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = values[i][feature.ordinal()];
        }
        return c;
    }
}
