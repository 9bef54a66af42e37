package io.retailseg.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Scores recommenders against what customers bought after a time split.
 *
 * <p>For each evaluated customer the truth is the set of stock codes of their hold-out lines that
 * are not cancelled and have a positive quantity ({@link PurchaseHistory#purchased}); in
 * {@link Recommender.Mode#NEW_ONLY} the truth leaves out the codes the customer had any line of
 * before the split (a new-only recommender cannot get those right). A customer whose truth is empty
 * in a mode is not evaluated in that mode. Metrics are means over the evaluated customers; catalogue
 * coverage at N is the number of distinct codes in the first N recommendations of the evaluated
 * customers divided by the catalogue size (distinct codes before the split).
 */
public final class RecommenderEvaluation {
    private RecommenderEvaluation() {
    }

    /** Mean metrics at one cut-off, and the catalogue coverage there. */
    public record AtN(int n, double precision, double recall, double hitRate, double ndcg, double coverage) {
    }

    /** One recommender in one mode. */
    public record Score(String recommender, String description, Recommender.Mode mode, int customersEvaluated,
                       List<AtN> metrics) {
        public Score {
            metrics = List.copyOf(metrics);
        }

        public AtN at(int n) {
            return metrics.stream().filter(m -> m.n() == n).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no metrics at N = " + n));
        }
    }

    /**
     * @param before purchases before the split (the recommenders' history)
     * @param after purchases after the split
     * @param evaluated indices into {@code before} of the customers to evaluate (e.g. the segmented ones)
     * @param cutoffs the N values, ascending
     */
    public static List<Score> evaluate(List<Recommender> recommenders, PurchaseHistory before, PurchaseHistory after,
                                       int[] evaluated, int[] cutoffs) {
        int maxN = cutoffs[cutoffs.length - 1];
        int[][] truthAny = new int[evaluated.length][];
        int[][] truthNew = new int[evaluated.length][];
        for (int e = 0; e < evaluated.length; e++) {
            int c = evaluated[e];
            int a = after.indexOf(before.customerId(c));
            truthAny[e] = a < 0 ? new int[0] : after.purchased(a);
            truthNew[e] = Arrays.stream(truthAny[e]).filter(code -> !before.bought(c, code)).toArray();
        }
        int catalogue = before.catalogue().length;
        List<Score> scores = new ArrayList<>();
        for (Recommender r : recommenders) {
            double[][] sums = new double[Recommender.Mode.values().length * cutoffs.length][4];
            BitSet[] covered = new BitSet[sums.length];
            int[] count = new int[Recommender.Mode.values().length];
            for (int i = 0; i < covered.length; i++) {
                covered[i] = new BitSet();
            }
            for (int e = 0; e < evaluated.length; e++) {
                for (Recommender.Mode mode : Recommender.Mode.values()) {
                    int[] truth = mode == Recommender.Mode.ANY ? truthAny[e] : truthNew[e];
                    if (truth.length == 0) {
                        continue;
                    }
                    count[mode.ordinal()]++;
                    int[] list = r.recommend(evaluated[e], maxN, mode);
                    for (int t = 0; t < cutoffs.length; t++) {
                        int slot = mode.ordinal() * cutoffs.length + t;
                        RankingMetrics.AtN m = RankingMetrics.at(list, truth, cutoffs[t]);
                        sums[slot][0] += m.precision();
                        sums[slot][1] += m.recall();
                        sums[slot][2] += m.hitRate();
                        sums[slot][3] += m.ndcg();
                        for (int i = 0; i < Math.min(cutoffs[t], list.length); i++) {
                            covered[slot].set(list[i]);
                        }
                    }
                }
            }
            for (Recommender.Mode mode : Recommender.Mode.values()) {
                int n = count[mode.ordinal()];
                List<AtN> at = new ArrayList<>();
                for (int t = 0; t < cutoffs.length; t++) {
                    int slot = mode.ordinal() * cutoffs.length + t;
                    double[] s = sums[slot];
                    at.add(new AtN(cutoffs[t], mean(s[0], n), mean(s[1], n), mean(s[2], n), mean(s[3], n),
                            catalogue == 0 ? 0 : (double) covered[slot].cardinality() / catalogue));
                }
                scores.add(new Score(r.name(), r.description(), mode, n, at));
            }
        }
        return scores;
    }

    private static double mean(double sum, int n) {
        return n == 0 ? 0 : sum / n;
    }
}
