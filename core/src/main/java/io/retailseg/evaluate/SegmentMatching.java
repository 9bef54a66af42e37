package io.retailseg.evaluate;

import io.retailseg.model.SegmentationModel;
import java.util.Arrays;

/**
 * Keeps segment ids meaning the same kind of customers across runs: a new run's segments are paired
 * with a previous model's by an optimal assignment ({@link Assignment}) on centroid distance.
 *
 * <p>The two runs' centroids live in different PCA spaces (each run fits its own scaler and PCA), so
 * both are mapped back to the 15 features (PCA inverse: mean + scores x components, then the run's
 * scaler inverse: mean + scale x value) and standardized there with the previous model's scaler; the
 * distance is Euclidean in that common space. Because PCA keeps only some components, a centroid maps
 * back to its projection on the kept subspace, which is what the run's clustering saw.
 *
 * <p>Ids: when the new run has at least as many segments as the previous model, each matched segment
 * takes its partner's id and the unmatched ones take the next ids (k_prev, k_prev + 1, ...) in their
 * own size order; when it has fewer, ids 0..k-1 follow the order of the partners' previous ids.
 */
public final class SegmentMatching {
    private SegmentMatching() {
    }

    /** A fitted scaler and PCA: how to map PCA scores back to the features. */
    public record Space(double[] scalerMeans, double[] scalerScales, double[] pcaMean, double[][] components) {
        public static Space of(SegmentationModel model) {
            return new Space(model.scaler().means(), model.scaler().scales(), model.pca().mean(),
                    model.pca().components());
        }

        /** PCA scores back to the unscaled features. */
        public double[] toFeatures(double[] scores) {
            double[] x = pcaMean.clone();
            for (int c = 0; c < scores.length; c++) {
                for (int j = 0; j < x.length; j++) {
                    x[j] += scores[c] * components[c][j];
                }
            }
            for (int j = 0; j < x.length; j++) {
                x[j] = scalerMeans[j] + scalerScales[j] * x[j];
            }
            return x;
        }

        /** Features standardized with this space's scaler. */
        public double[] standardize(double[] features) {
            double[] z = new double[features.length];
            for (int j = 0; j < z.length; j++) {
                z[j] = (features[j] - scalerMeans[j]) / scalerScales[j];
            }
            return z;
        }
    }

    /**
     * @param previousId per new segment, the previous model's segment it is paired with, -1 when unpaired
     * @param distance per new segment, the distance to its partner in the common space (NaN when unpaired)
     * @param newId per new segment (indexed by its current id), the id it gets
     */
    public record Match(int[] previousId, double[] distance, int[] newId) {
    }

    /**
     * @param centroids the new run's centroids in its PCA space, row = its current segment id
     *     (ordered largest first)
     * @param space the new run's scaler and PCA
     * @param previous the previous model
     */
    public static Match match(double[][] centroids, Space space, SegmentationModel previous) {
        Space common = Space.of(previous);
        double[][] prev = new double[previous.centroids().length][];
        for (int p = 0; p < prev.length; p++) {
            prev[p] = common.standardize(common.toFeatures(previous.centroids()[p]));
        }
        int k = centroids.length;
        double[][] cost = new double[k][prev.length];
        for (int s = 0; s < k; s++) {
            double[] z = common.standardize(space.toFeatures(centroids[s]));
            for (int p = 0; p < prev.length; p++) {
                double d = 0;
                for (int j = 0; j < z.length; j++) {
                    d += (z[j] - prev[p][j]) * (z[j] - prev[p][j]);
                }
                cost[s][p] = Math.sqrt(d);
            }
        }
        int[] partner = Assignment.minimumCost(cost);
        double[] distance = new double[k];
        for (int s = 0; s < k; s++) {
            distance[s] = partner[s] < 0 ? Double.NaN : cost[s][partner[s]];
        }
        return new Match(partner, distance, ids(partner, prev.length));
    }

    /** The id rule of the class comment, from each new segment's partner (-1 = none). */
    static int[] ids(int[] partner, int previousK) {
        int k = partner.length;
        int[] id = new int[k];
        if (k >= previousK) {
            int next = previousK;
            for (int s = 0; s < k; s++) {
                id[s] = partner[s] >= 0 ? partner[s] : next++;
            }
            return id;
        }
        Integer[] order = new Integer[k];
        for (int s = 0; s < k; s++) {
            order[s] = s;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(partner[a], partner[b]));
        for (int rank = 0; rank < k; rank++) {
            id[order[rank]] = rank;
        }
        return id;
    }
}
