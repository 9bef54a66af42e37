package io.retailseg.evaluate;

/**
 * Agreement of two partitions of the same items: the adjusted Rand index (L. Hubert and P. Arabie,
 * "Comparing partitions", Journal of Classification 2, 1985), as scikit-learn's
 * {@code adjusted_rand_score} computes it, and the Jaccard similarity of two sets of items. Commons
 * Math 3.6.1 and EJML have neither.
 */
public final class AdjustedRand {
    private AdjustedRand() {
    }

    /**
     * The adjusted Rand index of two labelings (labels 0..k-1, any k): 1 for identical partitions up
     * to renaming, about 0 for independent ones, negative below chance. Like scikit-learn, two
     * labelings that both put everything in one cluster (or each item alone) score 1.
     *
     * @throws IllegalArgumentException when the lengths differ or a label is negative
     */
    public static double index(int[] a, int[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("AdjustedRand.index: labelings of " + a.length + " and " + b.length
                    + " items");
        }
        int n = a.length;
        int ka = labels(a);
        int kb = labels(b);
        long[][] table = new long[ka][kb];
        long[] rowSum = new long[ka];
        long[] colSum = new long[kb];
        for (int i = 0; i < n; i++) {
            table[a[i]][b[i]]++;
            rowSum[a[i]]++;
            colSum[b[i]]++;
        }
        double sumCells = 0;
        for (long[] row : table) {
            for (long c : row) {
                sumCells += pairs(c);
            }
        }
        double sumRows = 0;
        for (long r : rowSum) {
            sumRows += pairs(r);
        }
        double sumCols = 0;
        for (long c : colSum) {
            sumCols += pairs(c);
        }
        double expected = sumRows * sumCols / pairs(n);
        double max = (sumRows + sumCols) / 2;
        if (max == expected) {
            return 1.0; // both trivial partitions (scikit-learn's special case)
        }
        return (sumCells - expected) / (max - expected);
    }

    /**
     * |A ∩ B| / |A ∪ B| of two sets given as membership flags over the same items; 0 when both
     * are empty.
     */
    public static double jaccard(boolean[] a, boolean[] b) {
        int both = 0;
        int either = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] && b[i]) {
                both++;
            }
            if (a[i] || b[i]) {
                either++;
            }
        }
        return either == 0 ? 0 : (double) both / either;
    }

    private static double pairs(long n) {
        return n * (n - 1) / 2.0;
    }

    private static int labels(int[] x) {
        int max = -1;
        for (int v : x) {
            if (v < 0) {
                throw new IllegalArgumentException("AdjustedRand.index: labels must be >= 0, found " + v);
            }
            max = Math.max(max, v);
        }
        return max + 1;
    }
}
