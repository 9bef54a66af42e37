package io.retailseg.spark;

import io.retailseg.ml.KMeans;
import io.retailseg.ml.Matrices;
import io.retailseg.pipeline.SegmentationMetrics;
import java.io.Serializable;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Calinski-Harabasz and Davies-Bouldin (scikit-learn's definitions, as the core's
 * {@link io.retailseg.ml.ClusterMetrics}) computed on the executors in two passes over the PCA scores:
 * per-segment counts and sums (the segments' means and the overall mean), then per-segment sums of
 * squared and plain distances to those means. Only k x d numbers reach the driver. The silhouette is the
 * Euclidean one of the core's seeded sample, computed where k was chosen.
 */
final class DistributedMetrics {
    private static final double ALL_CLOSE_TO_ZERO = 1e-8;

    private DistributedMetrics() {
    }

    /** Per-segment count, sum of vectors, sum of squared distances and of distances to a centre. */
    record Sums(long[] count, double[][] sum, double[] squared, double[] distance) implements Serializable {
        static Sums zero(int k, int d) {
            return new Sums(new long[k], new double[k][d], new double[k], new double[k]);
        }

        Sums plus(Sums o) {
            for (int c = 0; c < count.length; c++) {
                count[c] += o.count[c];
                squared[c] += o.squared[c];
                distance[c] += o.distance[c];
                for (int j = 0; j < sum[c].length; j++) {
                    sum[c][j] += o.sum[c][j];
                }
            }
            return this;
        }
    }

    /**
     * @param projected rows of (CustomerID, PCA scores as a vector) of the segmented customers
     * @param centroids the k-means centroids by segment id: each row's segment is its nearest centroid
     */
    static SegmentationMetrics of(Dataset<Row> projected, double[][] centroids, double silhouette) {
        int k = centroids.length;
        int d = centroids[0].length;
        Sums first = projected.javaRDD().aggregate(Sums.zero(k, d), (s, r) -> {
            double[] p = ((Vector) r.get(1)).toArray();
            int c = KMeans.nearest(centroids, p);
            s.count()[c]++;
            for (int j = 0; j < d; j++) {
                s.sum()[c][j] += p[j];
            }
            return s;
        }, Sums::plus);
        long n = 0;
        double[] mean = new double[d];
        double[][] means = new double[k][d];
        int present = 0;
        for (int c = 0; c < k; c++) {
            n += first.count()[c];
            present += first.count()[c] > 0 ? 1 : 0;
            for (int j = 0; j < d; j++) {
                mean[j] += first.sum()[c][j];
                means[c][j] = first.count()[c] > 0 ? first.sum()[c][j] / first.count()[c] : 0;
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        Sums second = projected.javaRDD().aggregate(Sums.zero(k, d), (s, r) -> {
            double[] p = ((Vector) r.get(1)).toArray();
            int c = KMeans.nearest(centroids, p);
            double sq = Matrices.squaredDistance(p, means[c]);
            s.squared()[c] += sq;
            s.distance()[c] += Math.sqrt(sq);
            return s;
        }, Sums::plus);
        double between = 0;
        double within = 0;
        for (int c = 0; c < k; c++) {
            if (first.count()[c] > 0) {
                between += first.count()[c] * Matrices.squaredDistance(means[c], mean);
                within += second.squared()[c];
            }
        }
        double ch = within == 0 ? 1.0 : between * (n - present) / (within * (present - 1.0));

        double[] scatter = new double[k];
        boolean allScatterZero = true;
        for (int c = 0; c < k; c++) {
            if (first.count()[c] > 0) {
                scatter[c] = second.distance()[c] / first.count()[c];
                allScatterZero &= scatter[c] <= ALL_CLOSE_TO_ZERO;
            }
        }
        double[][] separation = new double[k][k];
        boolean allSeparationZero = true;
        for (int c = 0; c < k; c++) {
            for (int e = 0; e < k; e++) {
                if (c != e && first.count()[c] > 0 && first.count()[e] > 0) {
                    separation[c][e] = Math.sqrt(Matrices.squaredDistance(means[c], means[e]));
                    allSeparationZero &= separation[c][e] <= ALL_CLOSE_TO_ZERO;
                }
            }
        }
        double db = 0;
        if (!allScatterZero && !allSeparationZero) {
            for (int c = 0; c < k; c++) {
                if (first.count()[c] == 0) {
                    continue;
                }
                double worst = 0;
                for (int e = 0; e < k; e++) {
                    if (e != c && first.count()[e] > 0 && separation[c][e] > 0) {
                        worst = Math.max(worst, (scatter[c] + scatter[e]) / separation[c][e]);
                    }
                }
                db += worst;
            }
            db /= present;
        }
        return new SegmentationMetrics(silhouette, ch, db);
    }
}
