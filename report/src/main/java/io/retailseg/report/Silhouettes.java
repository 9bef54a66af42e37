package io.retailseg.report;

import io.retailseg.runfolder.RunCsv;
import io.retailseg.ml.ClusterMetrics;

/**
 * Per-customer silhouette values of the chosen segmentation, from the PCA scores and segments of
 * {@code customers.csv}, with {@link ClusterMetrics#silhouetteSamples}. Exact up to
 * {@link #MAX_CUSTOMERS} segmented customers; beyond, computed on a seeded random sample of that
 * many (the silhouette costs n squared distance computations), as scikit-learn's {@code sample_size}.
 *
 * @param values per segment, its customers' silhouettes sorted from highest to lowest
 * @param customers segmented customers in the run
 * @param sampled customers the values were computed on
 */
record Silhouettes(double[][] values, int customers, int sampled) {
    /** Customers whose silhouettes are computed: about 2 s on 2 cores for 6 principal components. */
    static final int MAX_CUSTOMERS = 6000;

    /** Silhouettes of the customers of {@code data}, sampled with {@code seed} when needed. */
    static Silhouettes of(ReportData data, long seed) {
        RunCsv.Customers c = data.customers();
        int[] all = Sampling.segmented(c);
        int[] rows = Sampling.sample(all, MAX_CUSTOMERS, seed);
        int k = data.k();
        double[][] x = new double[rows.length][];
        int[] labels = new int[rows.length];
        int[] sizes = new int[k];
        for (int i = 0; i < rows.length; i++) {
            x[i] = c.pcs()[rows[i]];
            labels[i] = c.segment()[rows[i]];
            sizes[labels[i]]++;
        }
        double[] s = ClusterMetrics.silhouetteSamples(x, labels, k, Runtime.getRuntime().availableProcessors());
        double[][] values = new double[k][];
        int[] filled = new int[k];
        for (int seg = 0; seg < k; seg++) {
            values[seg] = new double[sizes[seg]];
        }
        for (int i = 0; i < rows.length; i++) {
            values[labels[i]][filled[labels[i]]++] = s[i];
        }
        for (double[] v : values) {
            java.util.Arrays.sort(v);
            for (int i = 0, j = v.length - 1; i < j; i++, j--) {
                double t = v[i];
                v[i] = v[j];
                v[j] = t;
            }
        }
        return new Silhouettes(values, all.length, rows.length);
    }

    /** Mean silhouette over the customers computed. */
    double mean() {
        double sum = 0;
        int n = 0;
        for (double[] v : values) {
            for (double s : v) {
                sum += s;
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }
}
