package io.retailseg.recommend;

import io.retailseg.config.OfferMode;

import io.retailseg.config.RecommenderKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The item-item recommenders ({@code co-purchase}, {@code ease}, {@code hybrid}): a product's score for a
 * customer is the sum, over the customer's products i, of v<sub>i</sub> w<sub>ij</sub> from the sparse
 * {@link ItemWeights}, where v<sub>i</sub> = exp(-age<sub>i</sub> / recencyDays) weighs what the customer
 * bought recently more (age<sub>i</sub> = days from the customer's last purchase of i to their last
 * purchase of anything; v = 1 when {@code recencyDays} is 0, i.e. off). Only products with a positive
 * score are offered.
 *
 * <p>In {@link OfferMode#ANY} a product the customer has also gets {@code selfWeight} v<sub>i</sub> (the
 * cosine of a product with itself, 1, for {@code co-purchase}) and, for the hybrid, a learned re-buy term
 * rebuyWeight x r<sub>i</sub> x ln(1 + orders<sub>i</sub>) x exp(-age<sub>i</sub> / rebuyRecencyDays),
 * where r<sub>i</sub> = (customers with two or more orders of i + 1) / (customers with an order of i + 4),
 * how often the product is bought again at all (a smoothed share).
 *
 * <p>With {@code fallback} lists (the hybrid: each segment's best sellers), a list shorter than asked is
 * filled from the customer's segment's best sellers the customer may be offered, with score 0.
 */
public final class ItemItemRecommender implements ProductRecommender {
    private final RecommenderKind kind;
    private final Catalogue catalogue;
    private final ItemWeights weights;
    private final Settings settings;
    private final double[] rebuy;
    private final int[][] fallback;
    private final String weightsMethod;

    /**
     * @param recencyDays 0 = no recency weighting
     * @param selfWeight score a product the customer has gets from itself in ANY mode
     * @param rebuyWeight weight of the re-buy term in ANY mode (0 = none)
     * @param rebuyRecencyDays decay of the re-buy term, days (0 = none)
     */
    public record Settings(double recencyDays, double selfWeight, double rebuyWeight, double rebuyRecencyDays) {
        public Settings {
            if (!(recencyDays >= 0) || !(rebuyRecencyDays >= 0) || !Double.isFinite(selfWeight)
                    || !Double.isFinite(rebuyWeight) || Double.isInfinite(recencyDays)
                    || Double.isInfinite(rebuyRecencyDays)) {
                throw new IllegalArgumentException("recommender settings: expected finite numbers, days >= 0, found "
                        + recencyDays + ", " + selfWeight + ", " + rebuyWeight + ", " + rebuyRecencyDays);
            }
        }
    }

    /**
     * @param rebuy per product r<sub>i</sub>, or an empty array when there is no re-buy term
     * @param fallback per segment, product indices best first (empty: no fill)
     */
    public ItemItemRecommender(RecommenderKind kind, Catalogue catalogue, ItemWeights weights, Settings settings,
                               double[] rebuy, int[][] fallback) {
        this(kind, catalogue, weights, settings, rebuy, fallback, kind.id());
    }

    /**
     * @param weightsMethod how the weights were made, in words (e.g. {@code local EASE, 100 neighbours,
     *     lambda 500}), recorded in the model's parameters
     */
    public ItemItemRecommender(RecommenderKind kind, Catalogue catalogue, ItemWeights weights, Settings settings,
                               double[] rebuy, int[][] fallback, String weightsMethod) {
        this.weightsMethod = Objects.requireNonNull(weightsMethod, "weights_method");
        this.kind = Objects.requireNonNull(kind);
        this.catalogue = Objects.requireNonNull(catalogue);
        this.weights = Objects.requireNonNull(weights);
        this.settings = Objects.requireNonNull(settings);
        if (weights.products() != catalogue.size()) {
            throw new IllegalArgumentException("weights: expected a row per product (" + catalogue.size() + "), found "
                    + weights.products());
        }
        if (rebuy.length != 0 && rebuy.length != catalogue.size()) {
            throw new IllegalArgumentException("rebuy: expected one per product (" + catalogue.size() + "), found "
                    + rebuy.length);
        }
        for (int i = 0; i < rebuy.length; i++) {
            if (!(rebuy[i] >= 0 && rebuy[i] <= 1)) {
                throw new IllegalArgumentException("rebuy[" + i + "]: expected a share in 0..1, found " + rebuy[i]);
            }
        }
        for (int s = 0; s < fallback.length; s++) {
            for (int e = 0; e < fallback[s].length; e++) {
                if (fallback[s][e] < 0 || fallback[s][e] >= catalogue.size()) {
                    throw new IllegalArgumentException("fallback[" + s + "][" + e + "]: expected a product 0.."
                            + (catalogue.size() - 1) + ", found " + fallback[s][e]);
                }
            }
        }
        this.rebuy = rebuy.clone();
        this.fallback = Arrays.stream(fallback).map(int[]::clone).toArray(int[][]::new);
    }

    /** Per product, the share of its buyers who bought it in two or more orders, smoothed: (m + 1) / (n + 4). */
    public static double[] rebuyShares(Basket[] baskets, int products) {
        int[] buyers = new int[products];
        int[] again = new int[products];
        for (Basket b : baskets) {
            for (int e = 0; e < b.size(); e++) {
                if (b.orders()[e] >= 1) {
                    buyers[b.products()[e]]++;
                }
                if (b.orders()[e] >= 2) {
                    again[b.products()[e]]++;
                }
            }
        }
        double[] r = new double[products];
        for (int i = 0; i < products; i++) {
            r[i] = (again[i] + 1.0) / (buyers[i] + 4.0);
        }
        return r;
    }

    @Override
    public RecommenderKind kind() {
        return kind;
    }

    @Override
    public Catalogue catalogue() {
        return catalogue;
    }

    public ItemWeights weights() {
        return weights;
    }

    public Settings settings() {
        return settings;
    }

    /** r<sub>i</sub> per product, empty when there is no re-buy term (do not modify). */
    public double[] rebuy() {
        return rebuy;
    }

    /** How the weights were made, in words. */
    public String weightsMethod() {
        return weightsMethod;
    }

    /** Per segment, the fill-in products, best first (do not modify). */
    public int[][] fallback() {
        return fallback;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("products", catalogue.size());
        p.put("weights", weightsMethod);
        p.put("weights_kept", weights.entries());
        p.put("recency_days", settings.recencyDays());
        p.put("self_weight", settings.selfWeight());
        p.put("rebuy_weight", settings.rebuyWeight());
        p.put("rebuy_recency_days", settings.rebuyRecencyDays());
        p.put("segment_fill", fallback.length > 0);
        return p;
    }

    @Override
    public List<Pick> recommend(Basket basket, OptionalInt segment, int n, OfferMode mode) {
        int p = catalogue.size();
        double[] score = new double[p];
        double[] v = inputWeights(basket);
        int[] products = basket.products();
        for (int e = 0; e < products.length; e++) {
            int i = products[e];
            for (int x = weights.from(i); x < weights.to(i); x++) {
                score[weights.target(x)] += v[e] * weights.weight(x);
            }
        }
        double[] rebuyPart = new double[products.length];
        if (mode == OfferMode.ANY) {
            for (int e = 0; e < products.length; e++) {
                int i = products[e];
                score[i] += settings.selfWeight() * v[e];
                if (rebuy.length > 0 && basket.orders()[e] > 0) {
                    rebuyPart[e] = settings.rebuyWeight() * rebuy[i] * Math.log1p(basket.orders()[e])
                            * decay(age(basket, e), settings.rebuyRecencyDays());
                    score[i] += rebuyPart[e];
                }
            }
        }
        if (mode != OfferMode.ANY) {
            // what the customer has is not offered, and only positive scores are: one store per product of the
            // basket instead of a binary search in it per scored product (JFR: 72 samples of a default run)
            for (int i : products) {
                score[i] = 0;
            }
        }
        TopScores top = new TopScores(n);
        for (int j = 0; j < p; j++) {
            if (score[j] > 0) {
                top.offer(j, score[j]);
            }
        }
        List<Pick> picks = new ArrayList<>(n);
        for (int k = 0; k < top.size(); k++) {
            int j = top.product(k);
            picks.add(new Pick(j, top.score(k), reason(basket, v, rebuyPart, j)));
        }
        if (picks.size() < n && segment.isPresent() && segment.getAsInt() < fallback.length) {
            int rank = 0;
            for (int j : fallback[segment.getAsInt()]) {
                rank++;
                if (picks.size() == n) {
                    break;
                }
                if ((mode == OfferMode.ANY || !basket.has(j)) && !top.contains(j)) {
                    picks.add(new Pick(j, 0, "top seller #" + rank + " in your segment"));
                }
            }
        }
        return picks;
    }

    private double[] inputWeights(Basket basket) {
        double[] v = new double[basket.size()];
        for (int e = 0; e < v.length; e++) {
            v[e] = decay(age(basket, e), settings.recencyDays());
        }
        return v;
    }

    private static long age(Basket basket, int e) {
        return Math.max(0, basket.customerLastDay() - basket.lastDay()[e]);
    }

    private static double decay(long age, double days) {
        return days == 0 ? 1 : Math.exp(-age / days);
    }

    /** The largest contributions to product j's score, in words. */
    private String reason(Basket basket, double[] v, double[] rebuyPart, int j) {
        int own = basket.find(j);
        int[] products = basket.products();
        int best = -1;
        int second = -1;
        double bestValue = 0;
        double secondValue = 0;
        // the basket's products that lend j a weight, in basket order: column j and the basket both ascend
        int e = 0;
        for (int at = weights.columnFrom(j); at < weights.columnTo(j) && e < products.length; at++) {
            int input = weights.columnInput(at);
            while (e < products.length && products[e] < input) {
                e++;
            }
            if (e == products.length || products[e] != input) {
                continue;
            }
            double c = v[e] * weights.weight(weights.columnEntry(at));
            if (c > bestValue) {
                second = best;
                secondValue = bestValue;
                best = e;
                bestValue = c;
            } else if (c > secondValue) {
                second = e;
                secondValue = c;
            }
        }
        if (own >= 0) {
            double ownValue = rebuyPart[own] + settings.selfWeight() * v[own];
            if (ownValue >= bestValue) {
                return rebuyReason(basket, own);
            }
        }
        if (best < 0) {
            return "scored by " + kind.id();
        }
        StringBuilder s = new StringBuilder("bought with ").append(companion(products[best], j));
        if (second >= 0) {
            s.append(" and ").append(companion(products[second], j));
        }
        return s.toString();
    }

    private String companion(int input, int j) {
        int together = weights.together(weights.find(input, j));
        return catalogue.code(input) + " (" + together + (together == 1 ? " customer)" : " customers)");
    }

    private static String rebuyReason(Basket basket, int e) {
        int orders = basket.orders()[e];
        if (orders >= 2) {
            long span = basket.lastDay()[e] - basket.firstDay()[e];
            double weeks = span / 7.0 / (orders - 1);
            String every = weeks < 1.5 ? "every week or so" : "about every " + Math.round(weeks) + " weeks";
            return "you buy it " + every + " (" + orders + " orders, last " + LocalDate.ofEpochDay(basket.lastDay()[e])
                    + ")";
        }
        return "you bought it on " + LocalDate.ofEpochDay(basket.lastDay()[e]);
    }
}
