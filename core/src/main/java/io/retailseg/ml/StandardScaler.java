package io.retailseg.ml;

/**
 * Column standardization {@code (x - mean) / scale}, as scikit-learn's {@code StandardScaler}
 * (population standard deviation, ddof = 0). Reference: scikit-learn 1.2,
 * {@code sklearn.preprocessing.StandardScaler}.
 *
 * <p>Columns not selected for standardization pass through unchanged (mean 0, scale 1). A column
 * whose variance is zero up to rounding gets scale 1, with scikit-learn's test for a constant
 * feature: {@code var <= n eps var + (n |mean| eps)^2}.
 *
 * <p>Immutable; arrays crossing the API are copied.
 */
public final class StandardScaler {
    private static final double EPS = Math.ulp(1.0);

    private final double[] means;
    private final double[] scales;

    private StandardScaler(double[] means, double[] scales) {
        this.means = means;
        this.scales = scales;
    }

    /**
     * Fits per-column means and population standard deviations of {@code x}.
     *
     * @param standardize per column: {@code true} to standardize, {@code false} to pass through
     */
    public static StandardScaler fit(double[][] x, boolean[] standardize) {
        int d = Matrices.columns(x, "StandardScaler.fit");
        if (standardize.length != d) {
            throw new IllegalArgumentException("StandardScaler.fit: standardize has " + standardize.length
                    + " flags, expected one per column (" + d + ")");
        }
        int n = x.length;
        double[] means = new double[d];
        double[] scales = new double[d];
        for (int j = 0; j < d; j++) {
            scales[j] = 1.0;
            if (!standardize[j]) {
                continue;
            }
            double mean = Matrices.columnMean(x, j);
            double variance = Matrices.columnVariance(x, j, mean);
            means[j] = mean;
            double upperBound = n * EPS * variance + Math.pow(n * Math.abs(mean) * EPS, 2);
            if (variance > upperBound) {
                scales[j] = Math.sqrt(variance);
            }
        }
        return new StandardScaler(means, scales);
    }

    /** Rebuilds a fitted scaler, e.g. from a model file. Scales must be positive and finite. */
    public static StandardScaler of(double[] means, double[] scales) {
        if (means.length != scales.length) {
            throw new IllegalArgumentException("StandardScaler.of: " + means.length + " means but "
                    + scales.length + " scales");
        }
        for (int j = 0; j < scales.length; j++) {
            if (!(scales[j] > 0) || Double.isInfinite(scales[j])) {
                throw new IllegalArgumentException("StandardScaler.of: scale of column " + j
                        + " must be positive and finite, found " + scales[j]);
            }
        }
        return new StandardScaler(means.clone(), scales.clone());
    }

    /** Per-column means (0 for pass-through columns); a copy. */
    public double[] means() {
        return means.clone();
    }

    /** Per-column scales (1 for pass-through and constant columns); a copy. */
    public double[] scales() {
        return scales.clone();
    }

    /** Standardizes every row; returns new arrays. */
    public double[][] transform(double[][] x) {
        return Matrices.mapRows(x, this::transform);
    }

    /** Standardizes one row; returns a new array. */
    public double[] transform(double[] row) {
        Matrices.checkLength(row, means.length, "StandardScaler.transform");
        double[] out = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            out[j] = (row[j] - means[j]) / scales[j];
        }
        return out;
    }
}
