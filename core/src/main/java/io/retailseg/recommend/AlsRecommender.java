package io.retailseg.recommend;

import io.retailseg.config.OfferMode;

import io.retailseg.config.RecommenderKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Implicit-feedback ALS as the model keeps it: the product factors Y of {@link ImplicitAls#fit}, and a
 * customer's factors solved from their own basket at recommendation time ("folding in", the customer
 * step of Hu, Koren and Volinsky 2008 section 4 against the fixed Y): x<sub>u</sub> = (Y<sup>T</sup>Y +
 * Y<sup>T</sup>(C<sub>u</sub> - I)Y + lambda I)<sup>-1</sup> Y<sup>T</sup>C<sub>u</sub>p<sub>u</sub>, with
 * c<sub>ui</sub> = 1 + alpha x (the customer's lines of i). Every product is ranked by
 * x<sub>u</sub><sup>T</sup>y<sub>i</sub>. Training customers and new customers go through the same
 * solve, so a list does not depend on whether the customer was in training.
 *
 * <p>Memory, p products, f factors, n customers, E basket entries: the model keeps 8 p f bytes (12.8 MB at
 * 50,000 products and 32 factors) and Y<sup>T</sup>Y (8 f<sup>2</sup>); the fit also holds the customer
 * factors (8 n f bytes: 78 MB for 307,000 customers) and the per-product transpose of the baskets (8 E
 * bytes). Recommending costs p f multiplications per customer (every product is scored), so it grows with
 * the catalogue: see docs/benchmarks.md, "Issue 11: catalogue scale".
 */
public final class AlsRecommender implements ProductRecommender {
    private final Catalogue catalogue;
    private final double[][] items;
    private final ImplicitAls.Settings settings;
    private final double[] gram;

    /**
     * @param items the product factors, one row of {@code settings.factors()} per catalogue product
     */
    public AlsRecommender(Catalogue catalogue, double[][] items, ImplicitAls.Settings settings) {
        this.catalogue = Objects.requireNonNull(catalogue);
        this.settings = Objects.requireNonNull(settings);
        if (items.length != catalogue.size()) {
            throw new IllegalArgumentException("item_factors: expected a row per product (" + catalogue.size()
                    + "), found " + items.length);
        }
        int f = settings.factors();
        for (int i = 0; i < items.length; i++) {
            if (items[i].length != f) {
                throw new IllegalArgumentException("item_factors[" + i + "]: expected " + f + " values, found "
                        + items[i].length);
            }
            for (int q = 0; q < f; q++) {
                if (!Double.isFinite(items[i][q])) {
                    throw new IllegalArgumentException("item_factors[" + i + "][" + q + "]: expected a finite number, found "
                            + items[i][q]);
                }
            }
        }
        this.items = java.util.Arrays.stream(items).map(double[]::clone).toArray(double[][]::new);
        this.gram = ImplicitAls.gram(this.items, f);
    }

    /** Fits the product factors on the training baskets (confidence from each customer's lines per product). */
    public static AlsRecommender fit(Catalogue catalogue, Basket[] baskets, ImplicitAls.Settings settings, long seed,
                                     int threads) {
        int[][] rows = new int[baskets.length][];
        int[][] counts = new int[baskets.length][];
        for (int c = 0; c < baskets.length; c++) {
            rows[c] = baskets[c].products();
            counts[c] = baskets[c].lines();
        }
        ImplicitAls.Factors factors = ImplicitAls.fit(rows, counts,
                ImplicitAls.initialItems(catalogue.size(), settings.factors(), seed), settings, threads);
        return new AlsRecommender(catalogue, factors.items(), settings);
    }

    @Override
    public RecommenderKind kind() {
        return RecommenderKind.ALS;
    }

    @Override
    public Catalogue catalogue() {
        return catalogue;
    }

    public ImplicitAls.Settings settings() {
        return settings;
    }

    /** The product factors (do not modify). */
    public double[][] items() {
        return items;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("products", catalogue.size());
        p.put("factors", settings.factors());
        p.put("lambda", settings.lambda());
        p.put("alpha", settings.alpha());
        p.put("iterations", settings.iterations());
        return p;
    }

    /** The customer's factors x<sub>u</sub>, solved against the fixed product factors. */
    public double[] foldIn(Basket basket) {
        double[] x = new double[settings.factors()];
        new ImplicitAls.RowSolver(settings).solve(gram, basket.products(), basket.lines(), items, x);
        return x;
    }

    @Override
    public List<Pick> recommend(Basket basket, OptionalInt segment, int n, OfferMode mode) {
        double[] xu = foldIn(basket);
        TopScores top = new TopScores(n);
        for (int j = 0; j < items.length; j++) {
            if (mode == OfferMode.ANY || !basket.has(j)) {
                top.offer(j, dot(xu, items[j]));
            }
        }
        List<Pick> picks = new ArrayList<>(top.size());
        for (int k = 0; k < top.size(); k++) {
            picks.add(new Pick(top.product(k), top.score(k), reason(basket, top.product(k))));
        }
        return picks;
    }

    /** The customer's product whose factors are closest (cosine) to j's. */
    private String reason(Basket basket, int j) {
        int best = -1;
        double bestCos = Double.NEGATIVE_INFINITY;
        for (int i : basket.products()) {
            if (i == j) {
                continue;
            }
            double d = dot(items[i], items[j]) / Math.sqrt(dot(items[i], items[i]) * dot(items[j], items[j]));
            if (d > bestCos) {
                bestCos = d;
                best = i;
            }
        }
        if (basket.has(j)) {
            return "you bought it before; customers who buy like you buy it again";
        }
        return best < 0 ? "customers who buy like you buy it"
                : "customers who buy like you buy it; closest to " + catalogue.code(best) + ", which you bought";
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int q = 0; q < a.length; q++) {
            s += a[q] * b[q];
        }
        return s;
    }
}
