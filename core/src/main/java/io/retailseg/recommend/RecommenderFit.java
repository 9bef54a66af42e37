package io.retailseg.recommend;

import io.retailseg.config.RankBy;
import io.retailseg.config.RecommenderKind;
import io.retailseg.domain.Transactions;
import java.util.List;
import java.util.function.Function;

/**
 * Fits any {@link RecommenderKind} on cleaned training lines. The settings are constants chosen on a time
 * split inside the UCI file's training period (train before 2011-07-01, validate on July and August;
 * never on a hold-out): see docs/evaluation.md, "Choosing the settings".
 */
public final class RecommenderFit {
    /** Neighbours kept per product by {@code co-purchase}. */
    public static final int CO_PURCHASE_NEIGHBOURS = 200;
    /** Weights kept per product by {@code ease} (its largest). */
    public static final int EASE_KEPT = 200;
    /**
     * Largest catalogue {@code ease} inverts densely (two p x p double matrices: 1 GB at 8,000); above it,
     * {@code ease} is the local form ({@link ItemSimilarity#localEase}) with {@link #EASE_KEPT} neighbours.
     */
    public static final int EASE_DENSE_MAX_PRODUCTS = 8_000;
    /** Neighbours per product of the hybrid's local EASE. */
    public static final int HYBRID_NEIGHBOURS = 100;
    /** Ridge of the hybrid's local EASE. */
    public static final double HYBRID_LAMBDA = 500;
    /** The hybrid's scoring settings: recency 60 days, re-buy weight 2 with a 180-day decay. */
    public static final ItemItemRecommender.Settings HYBRID = new ItemItemRecommender.Settings(60, 0, 2, 180);

    private RecommenderFit() {
    }

    /** What a fit needs besides the lines. */
    public record Inputs(List<List<TopProduct>> bestSellers, RankBy rankBy, long alsSeed, int threads) {
    }

    /**
     * @param lines cleaned training lines
     * @param bestSellers each segment's best sellers by rank (the reference's lists; the hybrid's fill)
     */
    public static ProductRecommender fit(RecommenderKind kind, Transactions lines, Inputs in) {
        if (kind == RecommenderKind.SEGMENT_BEST_SELLERS) {
            return new BestSellerRecommender(in.bestSellers(), in.rankBy());
        }
        Catalogue catalogue = Catalogue.of(lines);
        return fit(kind, catalogue, Basket.of(lines, catalogue), in);
    }

    /**
     * As {@link #fit(RecommenderKind, Transactions, Inputs)} on baskets already built over the lines'
     * {@link Catalogue#of catalogue} (the evaluation fits every kind on the same ones).
     */
    public static ProductRecommender fit(RecommenderKind kind, Catalogue catalogue, Basket[] baskets, Inputs in) {
        if (kind == RecommenderKind.SEGMENT_BEST_SELLERS) {
            return new BestSellerRecommender(in.bestSellers(), in.rankBy());
        }
        int p = catalogue.size();
        return switch (kind) {
            case CO_PURCHASE -> new ItemItemRecommender(kind, catalogue,
                    ItemSimilarity.cosine(baskets, p, CO_PURCHASE_NEIGHBOURS, in.threads()),
                    new ItemItemRecommender.Settings(0, 1, 0, 0), new double[0], new int[0][],
                    "cosine, " + CO_PURCHASE_NEIGHBOURS + " neighbours per product");
            case EASE -> new ItemItemRecommender(kind, catalogue, easeWeights(baskets, p, in.threads()),
                    new ItemItemRecommender.Settings(0, 0, 0, 0), new double[0], new int[0][],
                    p > EASE_DENSE_MAX_PRODUCTS
                            ? "local EASE (above " + EASE_DENSE_MAX_PRODUCTS + " products the dense inverse is not"
                                    + " used), " + EASE_KEPT + " neighbours, lambda " + Ease.DEFAULT_LAMBDA
                            : "EASE, dense inverse, lambda " + Ease.DEFAULT_LAMBDA + ", " + EASE_KEPT
                                    + " largest weights per product kept");
            case ALS -> AlsRecommender.fit(catalogue, baskets, ImplicitAls.DEFAULTS, in.alsSeed(), in.threads());
            case HYBRID -> fitBeforeSegments(kind, catalogue, baskets, in.alsSeed(), in.threads()).apply(in);
            case SEGMENT_BEST_SELLERS -> throw new AssertionError("handled above");
        };
    }

    /**
     * The hybrid with any settings (the sweep that chose {@link #HYBRID} varies them).
     *
     * @param fallback per segment, product indices best first
     */
    public static ItemItemRecommender hybrid(Catalogue catalogue, Basket[] baskets, int neighbours, double lambda,
                                             ItemItemRecommender.Settings settings, int[][] fallback, int threads) {
        return hybridWithout(catalogue, baskets, neighbours, lambda, settings, threads).apply(fallback);
    }

    /** The hybrid's weights and re-buy shares fitted, waiting for the segments' fill. */
    private static Function<int[][], ItemItemRecommender> hybridWithout(Catalogue catalogue, Basket[] baskets,
            int neighbours, double lambda, ItemItemRecommender.Settings settings, int threads) {
        int p = catalogue.size();
        ItemWeights weights = ItemSimilarity.localEase(baskets, p, neighbours, lambda, threads);
        double[] rebuy = ItemItemRecommender.rebuyShares(baskets, p);
        return fallback -> new ItemItemRecommender(RecommenderKind.HYBRID, catalogue, weights, settings, rebuy,
                fallback, "local EASE, " + neighbours + " neighbours, lambda " + lambda);
    }

    /**
     * The part of a fit that does not depend on the segments, done now; the result finishes it once the
     * segments' best sellers are known. Only the segment rule and the hybrid's fill use them, so for
     * {@code co-purchase}, {@code ease} and {@code als} this is the whole fit, and for the hybrid all but
     * attaching the fill: a run starts it right after cleaning, beside the segmentation stages.
     * {@code finish.apply(in)} equals {@code fit(kind, catalogue, baskets, in)} when {@code in} has the same
     * {@code alsSeed} and {@code threads}.
     */
    public static Function<Inputs, ProductRecommender> fitBeforeSegments(RecommenderKind kind, Catalogue catalogue,
                                                                         Basket[] baskets, long alsSeed, int threads) {
        return switch (kind) {
            case SEGMENT_BEST_SELLERS -> in -> new BestSellerRecommender(in.bestSellers(), in.rankBy());
            case HYBRID -> {
                Function<int[][], ItemItemRecommender> hybrid = hybridWithout(catalogue, baskets, HYBRID_NEIGHBOURS,
                        HYBRID_LAMBDA, HYBRID, threads);
                yield in -> hybrid.apply(fallback(in.bestSellers(), catalogue));
            }
            default -> {
                ProductRecommender fitted = fit(kind, catalogue, baskets, new Inputs(List.of(), RankBy.QUANTITY,
                        alsSeed, threads));
                yield in -> fitted;
            }
        };
    }

    /** Each segment's best sellers as product indices of {@code catalogue}, best first. */
    public static int[][] fallback(List<List<TopProduct>> bestSellers, Catalogue catalogue) {
        int[][] out = new int[bestSellers.size()][];
        for (int s = 0; s < out.length; s++) {
            out[s] = bestSellers.get(s).stream().mapToInt(t -> catalogue.indexOf(t.stockCode())).filter(i -> i >= 0)
                    .toArray();
        }
        return out;
    }

    /**
     * The size of what a fitted recommender keeps, bytes: its arrays (4 bytes an int, 8 a double) and its
     * catalogue's text (2 bytes a character, 40 per string); the JVM's object headers are left out.
     * Item-item recommenders: 16 bytes per kept weight, at most products x neighbours of them (hybrid 100,
     * co-purchase and ease 200: 80 and 160 MB at 50,000 products), plus 8 bytes per product for the
     * hybrid's re-buy shares; ALS: 8 x products x factors.
     */
    public static long stateBytes(ProductRecommender r) {
        long bytes = 0;
        for (int i = 0; i < r.catalogue().size(); i++) {
            bytes += 80 + 2L * (r.catalogue().code(i).length() + r.catalogue().description(i).length());
        }
        if (r instanceof ItemItemRecommender items) {
            ItemWeights w = items.weights();
            bytes += 4L * w.offsets().length + 16L * w.entries() + 8L * items.rebuy().length;
            for (int[] f : items.fallback()) {
                bytes += 4L * f.length;
            }
        } else if (r instanceof AlsRecommender als) {
            bytes += 8L * als.items().length * als.settings().factors();
        }
        return bytes;
    }

    private static ItemWeights easeWeights(Basket[] baskets, int p, int threads) {
        if (p > EASE_DENSE_MAX_PRODUCTS) {
            return ItemSimilarity.localEase(baskets, p, EASE_KEPT, Ease.DEFAULT_LAMBDA, threads);
        }
        int[][] rows = new int[baskets.length][];
        for (int c = 0; c < baskets.length; c++) {
            rows[c] = baskets[c].products();
        }
        return ItemSimilarity.truncate(Ease.weightMatrix(rows, p, Ease.DEFAULT_LAMBDA, threads).data, baskets, p,
                EASE_KEPT, threads);
    }

}
