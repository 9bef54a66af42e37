package io.retailseg.ml;

/**
 * Argument checks and copies shared by the ML classes. Public for one function only, {@link #squaredDistance}:
 * the distance every k-means step and cluster metric uses, so other engines (the spark module's MLlib
 * inertia and distributed metrics) compute exactly the core's number; the rest stays package-private.
 */
public final class Matrices {
    private Matrices() {
    }

    /** Checks that {@code x} has at least one row and that all rows have the same, positive length. */
    static int columns(double[][] x, String what) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException(what + ": expected at least one row, found none");
        }
        int d = x[0].length;
        if (d == 0) {
            throw new IllegalArgumentException(what + ": expected at least one column, found none");
        }
        for (int i = 1; i < x.length; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException(what + ": row " + i + " has " + x[i].length
                        + " columns, expected " + d + " as row 0");
            }
        }
        return d;
    }

    static void checkLength(double[] row, int d, String what) {
        if (row.length != d) {
            throw new IllegalArgumentException(what + ": expected " + d + " values, found " + row.length);
        }
    }

    static double[][] copy(double[][] x) {
        double[][] copy = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            copy[i] = x[i].clone();
        }
        return copy;
    }

    /**
     * Squared Euclidean distance, summed in column order (the order fixes the rounding, so every caller gets
     * the same bits).
     *
     * @param a a point
     * @param b a point with at least {@code a.length} coordinates (the first {@code a.length} are used)
     */
    public static double squaredDistance(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            double diff = a[j] - b[j];
            sum += diff * diff;
        }
        return sum;
    }

    /** Mean of column {@code j}, summed in row order. */
    static double columnMean(double[][] x, int j) {
        double sum = 0;
        for (double[] row : x) {
            sum += row[j];
        }
        return sum / x.length;
    }

    /** Population variance (ddof = 0) of column {@code j} around {@code mean}, two-pass. */
    static double columnVariance(double[][] x, int j, double mean) {
        double squares = 0;
        for (double[] row : x) {
            double diff = row[j] - mean;
            squares += diff * diff;
        }
        return squares / x.length;
    }

    /** Applies {@code f} to every row, returning the new rows (a stage's transform of a whole matrix). */
    static double[][] mapRows(double[][] x, java.util.function.UnaryOperator<double[]> f) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = f.apply(x[i]);
        }
        return out;
    }
}
