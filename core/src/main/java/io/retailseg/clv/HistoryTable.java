package io.retailseg.clv;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Customers' repeat histories packed for fitting: identical (x, t<sub>x</sub>, T) triples become one row
 * with a count (with time in whole days, a million customers of two years' history have far fewer
 * distinct triples), and each row points into the distinct values of x, t<sub>x</sub> and T, so that a
 * log-likelihood evaluation computes each log-gamma and logarithm once per distinct value rather than
 * once per customer. The repeat customers' mean spends are kept one per customer (they are continuous),
 * with x and ln m<sub>x</sub>. Rows are in first-seen order of the customers, so sums over them are the
 * same for the same list.
 */
final class HistoryTable {
    /** Distinct values of x, t_x and T. */
    final int[] xValues;
    final double[] recencyValues;
    final double[] ageValues;
    /** Per row: indexes into the distinct values, and how many customers have the triple. */
    final int[] xIndex;
    final int[] recencyIndex;
    final int[] ageIndex;
    final int[] count;
    /** Per repeat customer with a positive mean spend: index into {@link #xValues}, x, m_x and ln m_x. */
    final int[] spendX;
    final double[] spendMean;
    final double[] spendLogMean;
    final int customers;
    /** The largest x. */
    final int maxX;

    private HistoryTable(int[] xValues, double[] recencyValues, double[] ageValues, int[] xIndex, int[] recencyIndex,
                         int[] ageIndex, int[] count, int[] spendX, double[] spendMean, int customers) {
        this.xValues = xValues;
        this.recencyValues = recencyValues;
        this.ageValues = ageValues;
        this.xIndex = xIndex;
        this.recencyIndex = recencyIndex;
        this.ageIndex = ageIndex;
        this.count = count;
        this.spendX = spendX;
        this.spendMean = spendMean;
        this.spendLogMean = new double[spendMean.length];
        for (int i = 0; i < spendMean.length; i++) {
            spendLogMean[i] = Math.log(spendMean[i]);
        }
        this.customers = customers;
        int max = 0;
        for (int x : xValues) {
            max = Math.max(max, x);
        }
        this.maxX = max;
    }

    static HistoryTable of(List<RepeatHistory> histories) {
        Values xs = new Values();
        Values recencies = new Values();
        Values ages = new Values();
        Map<Triple, Integer> rows = new HashMap<>();
        int[] xIndex = new int[16];
        int[] recencyIndex = new int[16];
        int[] ageIndex = new int[16];
        int[] count = new int[16];
        int n = 0;
        int repeat = 0;
        for (RepeatHistory h : histories) {
            if (h.frequency() > 0 && h.meanRepeatSpend() > 0) {
                repeat++;
            }
        }
        int[] spendX = new int[repeat];
        double[] spendMean = new double[repeat];
        int s = 0;
        for (RepeatHistory h : histories) {
            int xi = xs.index(h.frequency());
            int ri = recencies.index(h.recency());
            int ai = ages.index(h.age());
            if (h.frequency() > 0 && h.meanRepeatSpend() > 0) {
                spendX[s] = xi;
                spendMean[s++] = h.meanRepeatSpend();
            }
            Integer row = rows.putIfAbsent(new Triple(xi, ri, ai), n);
            if (row != null) {
                count[row]++;
                continue;
            }
            if (n == count.length) {
                xIndex = Arrays.copyOf(xIndex, 2 * n);
                recencyIndex = Arrays.copyOf(recencyIndex, 2 * n);
                ageIndex = Arrays.copyOf(ageIndex, 2 * n);
                count = Arrays.copyOf(count, 2 * n);
            }
            xIndex[n] = xi;
            recencyIndex[n] = ri;
            ageIndex[n] = ai;
            count[n++] = 1;
        }
        double[] xv = xs.values();
        int[] xInts = new int[xv.length];
        for (int i = 0; i < xv.length; i++) {
            xInts[i] = (int) xv[i];
        }
        return new HistoryTable(xInts, recencies.values(), ages.values(), Arrays.copyOf(xIndex, n),
                Arrays.copyOf(recencyIndex, n), Arrays.copyOf(ageIndex, n), Arrays.copyOf(count, n), spendX, spendMean,
                histories.size());
    }

    int rows() {
        return count.length;
    }

    /** A sum over a range [from, to) of rows or spenders. */
    @FunctionalInterface
    interface RangeSum {
        double sum(int from, int to);
    }

    /** Rows per block of a parallel sum: blocks are fixed, so the sum does not depend on the thread count. */
    static final int BLOCK = 16_384;

    /**
     * The sum of {@code f} over all rows, in blocks of {@link #BLOCK} rows computed on the common fork-join
     * pool when there are several and added in block order: the same double whatever the number of threads.
     */
    double sumOverRows(RangeSum f) {
        return blocks(count.length, f);
    }

    /** As {@link #sumOverRows}, over the repeat customers with a positive mean spend. */
    double sumOverSpenders(RangeSum f) {
        return blocks(spendMean.length, f);
    }

    private static double blocks(int n, RangeSum f) {
        int blocks = (n + BLOCK - 1) / BLOCK;
        if (blocks <= 1) {
            return f.sum(0, n);
        }
        double[] partial = new double[blocks];
        java.util.stream.IntStream.range(0, blocks).parallel()
                .forEach(b -> partial[b] = f.sum(b * BLOCK, Math.min(n, (b + 1) * BLOCK)));
        double sum = 0;
        for (double v : partial) {
            sum += v;
        }
        return sum;
    }

    private record Triple(int x, int recency, int age) {
    }

    /** Distinct doubles in first-seen order. */
    private static final class Values {
        private final Map<Double, Integer> index = new HashMap<>();
        private double[] values = new double[16];

        int index(double v) {
            Integer i = index.get(v);
            if (i != null) {
                return i;
            }
            int n = index.size();
            if (n == values.length) {
                values = Arrays.copyOf(values, 2 * n);
            }
            values[n] = v;
            index.put(v, n);
            return n;
        }

        double[] values() {
            return Arrays.copyOf(values, index.size());
        }
    }
}
