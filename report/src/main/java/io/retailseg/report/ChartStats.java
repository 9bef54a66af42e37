package io.retailseg.report;

import java.util.Arrays;

/** The statistics the charts need beyond what a run writes: histogram bins and correlations. */
final class ChartStats {
    /** Bars of a histogram of a continuous feature. */
    static final int BINS = 20;
    /** Integer features with at most this many distinct values get one bar per value. */
    static final int MAX_DISCRETE_VALUES = 31;
    /** Histograms span these quantiles; values beyond are counted in the edge bars (heavy tails). */
    static final double LOW_QUANTILE = 0.01;
    static final double HIGH_QUANTILE = 0.99;

    private ChartStats() {
    }

    /**
     * Histogram bins of one feature.
     *
     * @param low left edge of the first bar
     * @param width width of each bar (1 for discrete features, whose bars are centred on integers)
     * @param count number of bars
     * @param discrete one bar per integer value
     * @param min smallest value
     * @param max largest value
     */
    record Bins(double low, double width, int count, boolean discrete, double min, double max) {
        /** The bar of {@code v}: values below the first or above the last bar go to the edge bars. */
        int of(double v) {
            int b = discrete ? (int) Math.round(v - low) : (int) Math.floor((v - low) / width);
            return Math.max(0, Math.min(count - 1, b));
        }

        /** True when some values lie beyond the bars' range and are counted in the edge bars. */
        boolean clipped() {
            return !discrete && (min < low || max > low + width * count);
        }

        /** Label of bar {@code b}: the value, or the range {@code from–to}. */
        String label(int b) {
            if (discrete) {
                return Html.number(low + b);
            }
            return Html.number(low + b * width) + "–" + Html.number(low + (b + 1) * width);
        }

        long[] counts(double[] values) {
            long[] c = new long[count];
            for (double v : values) {
                c[of(v)]++;
            }
            return c;
        }
    }

    /** Bins for {@code values} (not empty). */
    static Bins bins(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double min = sorted[0];
        double max = sorted[sorted.length - 1];
        boolean integers = Arrays.stream(sorted).allMatch(v -> v == Math.rint(v));
        if (integers && max - min < MAX_DISCRETE_VALUES) {
            return new Bins(min, 1, (int) (max - min) + 1, true, min, max);
        }
        double low = quantile(sorted, LOW_QUANTILE);
        double high = quantile(sorted, HIGH_QUANTILE);
        if (!(high > low)) {
            low = min;
            high = max;
        }
        if (!(high > low)) {
            return new Bins(min, 1, 1, true, min, max);
        }
        return new Bins(low, (high - low) / BINS, BINS, false, min, max);
    }

    /** The {@code q} quantile of sorted values with linear interpolation (numpy's default). */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /** Pearson correlation between the columns of {@code rows}; NaN where a column is constant. */
    static double[][] correlation(double[][] rows) {
        int d = rows[0].length;
        int n = rows.length;
        double[] mean = new double[d];
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += r[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[][] cov = new double[d][d];
        for (double[] r : rows) {
            for (int a = 0; a < d; a++) {
                double da = r[a] - mean[a];
                for (int b = a; b < d; b++) {
                    cov[a][b] += da * (r[b] - mean[b]);
                }
            }
        }
        double[][] corr = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                double denominator = Math.sqrt(cov[a][a] * cov[b][b]);
                corr[a][b] = denominator > 0 ? cov[a][b] / denominator : Double.NaN;
                corr[b][a] = corr[a][b];
            }
        }
        return corr;
    }

    /** Column means of {@code rows}. */
    static double[] means(double[][] rows, int d) {
        double[] mean = new double[d];
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += r[j] / rows.length;
            }
        }
        return mean;
    }

    /** Column population standard deviations of {@code rows} around {@code mean}. */
    static double[] deviations(double[][] rows, double[] mean) {
        double[] sd = new double[mean.length];
        for (double[] r : rows) {
            for (int j = 0; j < mean.length; j++) {
                sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / rows.length;
            }
        }
        for (int j = 0; j < sd.length; j++) {
            sd[j] = Math.sqrt(sd[j]);
        }
        return sd;
    }
}
