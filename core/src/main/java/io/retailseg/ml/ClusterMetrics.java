package io.retailseg.ml;

/**
 * Internal cluster validity indices with scikit-learn's definitions (scikit-learn 1.2,
 * {@code sklearn.metrics.silhouette_samples}, {@code calinski_harabasz_score},
 * {@code davies_bouldin_score}). References: Rousseeuw, "Silhouettes: a graphical aid to the
 * interpretation and validation of cluster analysis", J. Comput. Appl. Math. 20, 1987; Caliński &amp;
 * Harabasz, "A dendrite method for cluster analysis", Commun. Stat. 3(1), 1974; Davies &amp; Bouldin,
 * "A Cluster Separation Measure", IEEE TPAMI 1(2), 1979.
 *
 * <p>Labels are 0..k-1. As scikit-learn (which re-encodes the labels it sees), clusters without any
 * row do not count. Distances are Euclidean. The silhouette is exact, O(n^2 d) time and O(n k)
 * memory: distances are computed row by row, in parallel over rows, never as an n x n matrix;
 * {@link SampledSilhouette} estimates it from a sample of rows when n is large.
 */
public final class ClusterMetrics {
    /** numpy's {@code allclose(a, 0)} absolute tolerance, used by scikit-learn's Davies-Bouldin. */
    private static final double ALL_CLOSE_TO_ZERO = 1e-8;

    private ClusterMetrics() {
    }

    /**
     * Silhouette of every row: {@code (b - a) / max(a, b)} with {@code a} the mean distance to the other
     * rows of its cluster and {@code b} the lowest mean distance to the rows of another cluster; 0 for a
     * row alone in its cluster.
     *
     * @throws IllegalArgumentException when fewer than 2 or more than n - 1 clusters are non-empty
     */
    public static double[] silhouetteSamples(double[][] x, int[] labels, int k, int threads) {
        int[] sizes = sizes(x, labels, k, "ClusterMetrics.silhouetteSamples");
        int present = nonEmpty(sizes);
        int n = x.length;
        if (present < 2 || present > n - 1) {
            throw new IllegalArgumentException("ClusterMetrics.silhouetteSamples: expected 2 to n - 1 (" + (n - 1)
                    + ") non-empty clusters, found " + present);
        }
        double[] silhouettes = new double[n];
        // one contiguous row-major copy: the inner loop streams through memory instead of chasing
        // one pointer per row (the same sums in the same order as Matrices.squaredDistance)
        int d = x[0].length;
        double[] flat = new double[n * d];
        for (int m = 0; m < n; m++) {
            System.arraycopy(x[m], 0, flat, m * d, d);
        }
        try (Parallel pool = Parallel.of(threads)) {
            pool.forRange(n, (from, to) -> {
                double[] sums = new double[k];
                for (int i = from; i < to; i++) {
                    java.util.Arrays.fill(sums, 0.0);
                    double[] row = x[i];
                    for (int m = 0, base = 0; m < n; m++, base += d) {
                        double squared = 0;
                        for (int j = 0; j < d; j++) {
                            double diff = row[j] - flat[base + j];
                            squared += diff * diff;
                        }
                        sums[labels[m]] += Math.sqrt(squared);
                    }
                    silhouettes[i] = fromSums(sums, sizes, labels[i]);
                }
            });
        }
        return silhouettes;
    }

    /**
     * One row's silhouette from its summed distances to every cluster ({@code sums[c]}, its own
     * cluster without itself): (b - a) / max(a, b), 0 for a row alone in its cluster, as
     * scikit-learn's {@code silhouette_samples}.
     */
    static double fromSums(double[] sums, int[] sizes, int own) {
        if (sizes[own] == 1) {
            return 0.0;
        }
        double a = sums[own] / (sizes[own] - 1);
        double b = Double.POSITIVE_INFINITY;
        for (int c = 0; c < sums.length; c++) {
            if (c != own && sizes[c] > 0) {
                b = Math.min(b, sums[c] / sizes[c]);
            }
        }
        double denominator = Math.max(a, b);
        return denominator > 0 ? (b - a) / denominator : 0.0;
    }

    /** Mean silhouette over all rows, summed in row order. */
    public static double silhouette(double[][] x, int[] labels, int k, int threads) {
        double[] samples = silhouetteSamples(x, labels, k, threads);
        double sum = 0;
        for (double s : samples) {
            sum += s;
        }
        return sum / samples.length;
    }

    /**
     * Calinski-Harabasz index: between-cluster dispersion over within-cluster dispersion, times
     * {@code (n - k) / (k - 1)}; 1 when the within-cluster dispersion is 0 (as scikit-learn).
     */
    public static double calinskiHarabasz(double[][] x, int[] labels, int k) {
        int[] sizes = sizes(x, labels, k, "ClusterMetrics.calinskiHarabasz");
        int present = nonEmpty(sizes);
        int n = x.length;
        if (present < 2 || present > n - 1) {
            throw new IllegalArgumentException("ClusterMetrics.calinskiHarabasz: expected 2 to n - 1 (" + (n - 1)
                    + ") non-empty clusters, found " + present);
        }
        double[][] centroids = centroids(x, labels, sizes);
        double[] mean = new double[x[0].length];
        for (double[] row : x) {
            for (int j = 0; j < mean.length; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < mean.length; j++) {
            mean[j] /= n;
        }
        double between = 0;
        for (int c = 0; c < k; c++) {
            if (sizes[c] > 0) {
                between += sizes[c] * Matrices.squaredDistance(centroids[c], mean);
            }
        }
        double within = 0;
        for (int i = 0; i < n; i++) {
            within += Matrices.squaredDistance(x[i], centroids[labels[i]]);
        }
        if (within == 0) {
            return 1.0;
        }
        return between * (n - present) / (within * (present - 1.0));
    }

    /**
     * Davies-Bouldin index: the mean over clusters of the largest {@code (s_i + s_j) / d(c_i, c_j)},
     * with {@code s} the mean distance of a cluster's rows to its centroid; lower is better. 0 when all
     * {@code s} or all centroid distances are 0 within 1e-8 (scikit-learn's {@code np.allclose}); coinciding centroids are skipped.
     */
    public static double daviesBouldin(double[][] x, int[] labels, int k) {
        int[] sizes = sizes(x, labels, k, "ClusterMetrics.daviesBouldin");
        int present = nonEmpty(sizes);
        int n = x.length;
        if (present < 2 || present > n - 1) {
            throw new IllegalArgumentException("ClusterMetrics.daviesBouldin: expected 2 to n - 1 (" + (n - 1)
                    + ") non-empty clusters, found " + present);
        }
        double[][] centroids = centroids(x, labels, sizes);
        double[] scatter = new double[k];
        for (int i = 0; i < n; i++) {
            scatter[labels[i]] += Math.sqrt(Matrices.squaredDistance(x[i], centroids[labels[i]]));
        }
        boolean allScatterZero = true;
        for (int c = 0; c < k; c++) {
            if (sizes[c] > 0) {
                scatter[c] /= sizes[c];
                allScatterZero &= scatter[c] <= ALL_CLOSE_TO_ZERO;
            }
        }
        double[][] separation = new double[k][k];
        boolean allSeparationZero = true;
        for (int c = 0; c < k; c++) {
            for (int e = 0; e < k; e++) {
                if (c != e && sizes[c] > 0 && sizes[e] > 0) {
                    separation[c][e] = Math.sqrt(Matrices.squaredDistance(centroids[c], centroids[e]));
                    allSeparationZero &= separation[c][e] <= ALL_CLOSE_TO_ZERO;
                }
            }
        }
        if (allScatterZero || allSeparationZero) {
            return 0.0;
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            if (sizes[c] == 0) {
                continue;
            }
            double worst = 0;
            for (int e = 0; e < k; e++) {
                if (e != c && sizes[e] > 0 && separation[c][e] > 0) {
                    worst = Math.max(worst, (scatter[c] + scatter[e]) / separation[c][e]);
                }
            }
            sum += worst;
        }
        return sum / present;
    }

    static int[] sizes(double[][] x, int[] labels, int k, String what) {
        Matrices.columns(x, what);
        if (labels.length != x.length) {
            throw new IllegalArgumentException(what + ": expected one label per row (" + x.length + "), found "
                    + labels.length);
        }
        if (k < 1) {
            throw new IllegalArgumentException(what + ": k must be at least 1, found " + k);
        }
        int[] sizes = new int[k];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= k) {
                throw new IllegalArgumentException(what + ": label of row " + i + " must be in 0.." + (k - 1)
                        + ", found " + labels[i]);
            }
            sizes[labels[i]]++;
        }
        return sizes;
    }

    static int nonEmpty(int[] sizes) {
        int count = 0;
        for (int size : sizes) {
            if (size > 0) {
                count++;
            }
        }
        return count;
    }

    /** Cluster means, summed in row order; rows of empty clusters stay 0. */
    static double[][] centroids(double[][] x, int[] labels, int[] sizes) {
        int d = x[0].length;
        double[][] centroids = new double[sizes.length][d];
        for (int i = 0; i < x.length; i++) {
            double[] sum = centroids[labels[i]];
            for (int j = 0; j < d; j++) {
                sum[j] += x[i][j];
            }
        }
        for (int c = 0; c < sizes.length; c++) {
            if (sizes[c] > 0) {
                for (int j = 0; j < d; j++) {
                    centroids[c][j] /= sizes[c];
                }
            }
        }
        return centroids;
    }
}
