package io.retailseg.evaluate;

import io.retailseg.config.OfferMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Scores recommenders against what customers bought after a time split.
 *
 * <p>For each evaluated customer the truth is the set of stock codes of their hold-out lines that
 * are not cancelled and have a positive quantity ({@link PurchaseHistory#purchased}); in
 * {@link OfferMode#NEW_ONLY} the truth leaves out the codes the customer had any line of
 * before the split (a new-only recommender cannot get those right). A customer whose truth is empty
 * in a mode is not evaluated in that mode. Metrics are means over the evaluated customers; catalogue
 * coverage at N is the number of distinct codes in the first N recommendations of the evaluated
 * customers divided by the catalogue size (distinct codes before the split). Each recommender
 * after the first is also compared with the first on the same customers: the mean per-customer
 * difference of each metric with its standard error, so a difference can be told from noise.
 */
public final class RecommenderEvaluation {
    private RecommenderEvaluation() {
    }

    /** Mean metrics at one cut-off, and the catalogue coverage there. */
    public record AtN(int n, double precision, double recall, double hitRate, double ndcg, double coverage) {
    }

    /** One recommender in one mode. */
    public record Score(String recommender, String description, OfferMode mode, int customersEvaluated,
                       List<AtN> metrics) {
        public Score {
            metrics = List.copyOf(metrics);
        }

        public AtN at(int n) {
            return metrics.stream().filter(m -> m.n() == n).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no metrics at N = " + n));
        }
    }

    /** A mean paired difference over the evaluated customers and its standard error (sample SD / sqrt(n)). */
    public record Difference(double mean, double standardError) {
    }

    /**
     * A recommender against the reference on the same customers: per customer, the recommender's
     * metric minus the reference's, averaged.
     */
    public record Comparison(String recommender, String reference, OfferMode mode, int n,
                             Difference precision, Difference recall, Difference hitRate, Difference ndcg) {
    }

    /** Every recommender's scores, and the paired comparison of each with the first (the reference). */
    public record Result(List<Score> scores, List<Comparison> comparisons, List<Comparison> defaultComparisons) {
        public Result {
            scores = List.copyOf(scores);
            comparisons = List.copyOf(comparisons);
            defaultComparisons = List.copyOf(defaultComparisons);
        }
    }

    /**
     * @param recommenders the first is the reference the others are compared with
     * @param before purchases before the split (the recommenders' history)
     * @param after purchases after the split
     * @param evaluated indices into {@code before} of the customers to evaluate (e.g. the segmented ones)
     * @param cutoffs the N values, ascending
     */
    public static Result evaluate(List<Recommender> recommenders, PurchaseHistory before, PurchaseHistory after,
                                  int[] evaluated, int[] cutoffs) {
        return evaluate(recommenders, before, after, evaluated, cutoffs, null);
    }

    /**
     * As {@link #evaluate(List, PurchaseHistory, PurchaseHistory, int[], int[])}, and the recommender named
     * {@code defaultName} (when not null) compared with every other on the same customers: each
     * {@link Result#defaultComparisons()} row is the default's metric minus the other's ({@code recommender}
     * = the default, {@code reference} = the other).
     */
    public static Result evaluate(List<Recommender> recommenders, PurchaseHistory before, PurchaseHistory after,
                                  int[] evaluated, int[] cutoffs, String defaultName) {
        int maxN = cutoffs[cutoffs.length - 1];
        OfferMode[] modes = OfferMode.values();
        int[][][] truth = new int[modes.length][evaluated.length][];
        for (int e = 0; e < evaluated.length; e++) {
            int c = evaluated[e];
            int a = after.indexOf(before.customerId(c));
            int[] any = a < 0 ? new int[0] : after.purchased(a);
            truth[OfferMode.ANY.ordinal()][e] = any;
            truth[OfferMode.NEW_ONLY.ordinal()][e] = Arrays.stream(any)
                    .filter(code -> !before.bought(c, code)).toArray();
        }
        int catalogue = before.catalogue().length;
        // values[recommender][mode][cutoff][metric][customer], metric = precision, recall, hit rate, NDCG
        double[][][][][] values = new double[recommenders.size()][modes.length][cutoffs.length][METRICS][];
        List<Score> scores = new ArrayList<>();
        for (int ri = 0; ri < recommenders.size(); ri++) {
            Recommender r = recommenders.get(ri);
            for (OfferMode mode : modes) {
                int[][] t = truth[mode.ordinal()];
                int[] customers = IntStream.range(0, evaluated.length).filter(e -> t[e].length > 0).toArray();
                double[][][] v = values[ri][mode.ordinal()];
                BitSet[] covered = new BitSet[cutoffs.length];
                for (int k = 0; k < cutoffs.length; k++) {
                    covered[k] = new BitSet();
                    for (int metric = 0; metric < METRICS; metric++) {
                        v[k][metric] = new double[customers.length];
                    }
                }
                for (int i = 0; i < customers.length; i++) {
                    int e = customers[i];
                    int[] list = r.recommend(evaluated[e], maxN, mode);
                    for (int k = 0; k < cutoffs.length; k++) {
                        RankingMetrics.AtN m = RankingMetrics.at(list, t[e], cutoffs[k]);
                        v[k][0][i] = m.precision();
                        v[k][1][i] = m.recall();
                        v[k][2][i] = m.hitRate();
                        v[k][3][i] = m.ndcg();
                        for (int j = 0; j < Math.min(cutoffs[k], list.length); j++) {
                            covered[k].set(list[j]);
                        }
                    }
                }
                List<AtN> at = new ArrayList<>();
                for (int k = 0; k < cutoffs.length; k++) {
                    at.add(new AtN(cutoffs[k], mean(v[k][0]), mean(v[k][1]), mean(v[k][2]), mean(v[k][3]),
                            catalogue == 0 ? 0 : (double) covered[k].cardinality() / catalogue));
                }
                scores.add(new Score(r.name(), r.description(), mode, customers.length, at));
            }
        }
        List<Comparison> comparisons = new ArrayList<>();
        for (int ri = 1; ri < recommenders.size(); ri++) {
            for (OfferMode mode : modes) {
                for (int k = 0; k < cutoffs.length; k++) {
                    double[][] x = values[ri][mode.ordinal()][k];
                    double[][] ref = values[0][mode.ordinal()][k];
                    comparisons.add(new Comparison(recommenders.get(ri).name(), recommenders.get(0).name(), mode,
                            cutoffs[k], difference(x[0], ref[0]), difference(x[1], ref[1]),
                            difference(x[2], ref[2]), difference(x[3], ref[3])));
                }
            }
        }
        List<Comparison> defaultComparisons = new ArrayList<>();
        int def = -1;
        for (int ri = 0; ri < recommenders.size(); ri++) {
            if (recommenders.get(ri).name().equals(defaultName)) {
                def = ri;
            }
        }
        for (int ri = 0; def >= 0 && ri < recommenders.size(); ri++) {
            if (ri == def) {
                continue;
            }
            for (OfferMode mode : modes) {
                for (int k = 0; k < cutoffs.length; k++) {
                    double[][] x = values[def][mode.ordinal()][k];
                    double[][] other = values[ri][mode.ordinal()][k];
                    defaultComparisons.add(new Comparison(recommenders.get(def).name(), recommenders.get(ri).name(),
                            mode, cutoffs[k], difference(x[0], other[0]), difference(x[1], other[1]),
                            difference(x[2], other[2]), difference(x[3], other[3])));
                }
            }
        }
        return new Result(scores, comparisons, defaultComparisons);
    }

    private static final int METRICS = 4;

    /** Mean of a - b over paired values, and its standard error (n - 1 in the variance; 0 below two values). */
    static Difference difference(double[] a, double[] b) {
        int n = a.length;
        if (n == 0) {
            return new Difference(0, 0);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += a[i] - b[i];
        }
        double mean = sum / n;
        if (n < 2) {
            return new Difference(mean, 0);
        }
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double d = a[i] - b[i] - mean;
            squares += d * d;
        }
        return new Difference(mean, Math.sqrt(squares / (n - 1) / n));
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? 0 : sum / values.length;
    }
}
