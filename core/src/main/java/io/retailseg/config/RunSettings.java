package io.retailseg.config;

import java.util.OptionalInt;

/**
 * A {@link RunConfig} as it is recorded in {@code summary.json} and the model's provenance: every
 * parameter that decides the results, so without the thread count (results do not depend on it, and
 * leaving it out keeps {@code model.json} byte-identical across machines). {@code k} is {@code "auto"}
 * or the fixed k as text.
 */
public record RunSettings(
        long seed,
        Compat compat,
        double contamination,
        int isolationTrees,
        int isolationSampleSize,
        int pcaComponents,
        String k,
        int kMin,
        int kMax,
        int kmeansRestarts,
        int kmeansMaxIterations,
        double kmeansTolerance,
        double silhouetteTolerance,
        int topProducts,
        int recommendationsPerCustomer,
        RankBy rankBy,
        int silhouetteSampleSize,
        RecommenderKind recommender,
        OfferMode offer,
        int horizonDays,
        double discountRate) {

    /** The value of {@link #k} when k is chosen automatically. */
    public static final String AUTO = "auto";

    /** Checks the values by building the configuration they describe. */
    public RunSettings {
        toConfig(seed, compat, contamination, isolationTrees, isolationSampleSize, pcaComponents, k, kMin, kMax,
                kmeansRestarts, kmeansMaxIterations, kmeansTolerance, silhouetteTolerance, topProducts,
                recommendationsPerCustomer, rankBy, silhouetteSampleSize, recommender, offer, horizonDays, discountRate, 1);
    }

    /** The settings of {@code c}. */
    public static RunSettings of(RunConfig c) {
        return new RunSettings(c.seed(), c.compat(), c.contamination(), c.isolationTrees(), c.isolationSampleSize(),
                c.pcaComponents(), c.fixedK().isPresent() ? Integer.toString(c.fixedK().getAsInt()) : AUTO,
                c.kMin(), c.kMax(), c.kmeansRestarts(), c.kmeansMaxIterations(), c.kmeansTolerance(),
                c.silhouetteTolerance(), c.topProducts(), c.recommendationsPerCustomer(), c.rankBy(),
                c.silhouetteSampleSize(), c.recommender(), c.offer(), c.horizonDays(), c.discountRate());
    }

    /** The configuration these settings describe, run with {@code threads} threads. */
    public RunConfig toConfig(int threads) {
        return toConfig(seed, compat, contamination, isolationTrees, isolationSampleSize, pcaComponents, k, kMin,
                kMax, kmeansRestarts, kmeansMaxIterations, kmeansTolerance, silhouetteTolerance, topProducts,
                recommendationsPerCustomer, rankBy, silhouetteSampleSize, recommender, offer, horizonDays, discountRate,
                threads);
    }

    /** The fixed k, or empty when k is chosen automatically. */
    public OptionalInt fixedK() {
        return AUTO.equals(k) ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(k));
    }

    private static RunConfig toConfig(long seed, Compat compat, double contamination, int isolationTrees,
                                      int isolationSampleSize, int pcaComponents, String k, int kMin, int kMax,
                                      int kmeansRestarts, int kmeansMaxIterations, double kmeansTolerance,
                                      double silhouetteTolerance, int topProducts, int recommendationsPerCustomer,
                                      RankBy rankBy, int silhouetteSampleSize, RecommenderKind recommender,
                                      OfferMode offer, int horizonDays, double discountRate, int threads) {
        OptionalInt fixedK;
        if (k == null || AUTO.equals(k)) {
            fixedK = OptionalInt.empty();
            if (k == null) {
                throw new IllegalArgumentException("k: expected \"auto\" or a whole number, found none");
            }
        } else {
            try {
                fixedK = OptionalInt.of(Integer.parseInt(k));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("k: expected \"auto\" or a whole number, found \"" + k + "\"");
            }
        }
        return new RunConfig(seed, threads, compat, contamination, isolationTrees, isolationSampleSize,
                pcaComponents, fixedK, kMin, kMax, kmeansRestarts, kmeansMaxIterations, kmeansTolerance,
                silhouetteTolerance, topProducts, recommendationsPerCustomer, rankBy, silhouetteSampleSize,
                recommender, offer, horizonDays, discountRate);
    }
}
