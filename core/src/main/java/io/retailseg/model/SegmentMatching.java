package io.retailseg.model;

import io.retailseg.evaluate.Assignment;
import java.util.Arrays;

/**
 * Keeps segment ids meaning the same kind of customers across runs: a new run's segments are paired
 * with a previous model's by an optimal assignment ({@link Assignment}) on centroid distance.
 *
 * <p>The two runs' centroids live in different PCA spaces (each run fits its own scaler and PCA), so
 * both are mapped back to the 15 features ({@link Projection#toFeatures}: PCA inverse, then the scaler's
 * inverse) and standardized there with the previous model's scaler; the distance is Euclidean in that
 * common space. Because PCA keeps only some components, a centroid maps back to its projection on the
 * kept subspace, which is what the run's clustering saw.
 *
 * <p>Ids: when the new run has at least as many segments as the previous model, each matched segment
 * takes its partner's id and the unmatched ones take the next ids (k_prev, k_prev + 1, ...) in their
 * own size order; when it has fewer, ids 0..k-1 follow the order of the partners' previous ids.
 */
public final class SegmentMatching {
    /** What {@link Match#distance} measures, for the provenance. */
    public static final String DISTANCE = "Euclidean between centroids mapped back to the features and"
            + " standardized with the previous model's scaler";

    private SegmentMatching() {
    }

    /**
     * @param previousId per new segment, the previous model's segment it is paired with, -1 when unpaired
     * @param distance per new segment, the distance to its partner in the common space (NaN when unpaired)
     * @param newId per new segment (indexed by its current id), the id it gets
     */
    public record Match(int[] previousId, double[] distance, int[] newId) {
    }

    /**
     * @param current the new run's segmenter, its segment ids ordered largest first
     * @param previous the previous model's segmenter
     */
    public static Match match(Segmenter current, Segmenter previous) {
        Projection common = previous.projection();
        double[][] prev = new double[previous.k()][];
        for (int p = 0; p < prev.length; p++) {
            prev[p] = common.standardize(previous.centroidFeatures(p));
        }
        int k = current.k();
        double[][] cost = new double[k][prev.length];
        for (int s = 0; s < k; s++) {
            double[] z = common.standardize(current.centroidFeatures(s));
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

    /** The provenance record of a match against {@code previous}. */
    public static ModelProvenance.Matching provenance(Match match, SegmentationModel previous) {
        java.util.List<ModelProvenance.Pair> pairs = new java.util.ArrayList<>();
        for (int s = 0; s < match.newId().length; s++) {
            pairs.add(new ModelProvenance.Pair(match.newId()[s], match.previousId()[s], match.distance()[s]));
        }
        pairs.sort(java.util.Comparator.comparingInt(ModelProvenance.Pair::id));
        return new ModelProvenance.Matching(previous.provenance().input().source(),
                previous.referenceDay().toString(), previous.k(), DISTANCE, pairs);
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
