package io.retailseg.config;

import io.retailseg.domain.Feature;
import java.util.OptionalInt;

/**
 * Every parameter of a run, immutable. The defaults are those of the reference analysis; each
 * field's Javadoc says why. Build with {@link #builder()} or start from {@link #defaults()}.
 *
 * @param seed the one seed every random choice derives from (Isolation Forest, k-means++)
 * @param threads worker threads for the parallel kernels; results do not depend on it
 * @param compat SPEC's corrected features or the reference notebook's quirks
 * @param contamination share of customers flagged as outliers (reference: 0.05)
 * @param isolationTrees trees in the Isolation Forest (reference: scikit-learn's default, 100)
 * @param isolationSampleSize rows per tree (reference: scikit-learn's default, 256)
 * @param pcaComponents principal components kept (reference: 6, about 81% of the variance)
 * @param fixedK a fixed number of segments, or empty to choose k from {@code kMin..kMax}
 * @param kMin smallest k tried by the automatic choice (2: one segment says nothing)
 * @param kMax largest k tried by the automatic choice (15, as the reference's elbow plot)
 * @param kmeansRestarts k-means restarts, best inertia wins (scikit-learn's n_init=10)
 * @param kmeansMaxIterations Lloyd iterations per restart (reference: max_iter=100)
 * @param kmeansTolerance convergence tolerance relative to the data's mean variance (scikit-learn: 1e-4)
 * @param silhouetteTolerance k values whose silhouette is within this of the best count as equally good;
 *     the smallest of them is chosen (fewer segments are easier to act on)
 * @param topProducts best sellers kept per segment (reference: 10)
 * @param recommendationsPerCustomer recommendations per customer (reference: 3)
 * @param rankBy how segment best sellers are ranked (reference: total quantity)
 * @param recommender the recommender the model holds (default: the hybrid; with {@code Compat.NOTEBOOK},
 *     the reference's segment best sellers)
 * @param offer whether recommendations may include what the customer already bought (default: new
 *     products only, SPEC section 7)
 * @param horizonDays days ahead the customer-value predictions look (expected purchases and value;
 *     default 90, a quarter: long enough to see repeat buyers, short enough to act on)
 * @param discountRate annual rate the lifetime value discounts later spend by (default 0.10, a
 *     common cost of capital; 0 for undiscounted)
 * @param silhouetteSampleSize the silhouette is exact (n^2 distances) up to this many segmented
 *     customers and estimated above from a seeded sample of this many (s n distances, standard error
 *     reported). 5,000: the row silhouettes of generated data have a standard deviation near
 *     0.135, so the standard error is at most 0.002, under half of {@code silhouetteTolerance}
 *     (and candidate k values share the sample, so their differences are more precise still);
 *     it costs 7 x 10^8 distances per k on the 144,000 customers of 100 M lines (20,000 made the
 *     k search on 10 M lines take 49 s). The real file (4,143 customers) stays exact
 */
public record RunConfig(
        long seed,
        int threads,
        Compat compat,
        double contamination,
        int isolationTrees,
        int isolationSampleSize,
        int pcaComponents,
        OptionalInt fixedK,
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

    /** The reference analysis' parameters, seed 42, all available processors. */
    public static RunConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.seed = seed;
        b.threads = threads;
        b.compat = compat;
        b.contamination = contamination;
        b.isolationTrees = isolationTrees;
        b.isolationSampleSize = isolationSampleSize;
        b.pcaComponents = pcaComponents;
        b.fixedK = fixedK;
        b.kMin = kMin;
        b.kMax = kMax;
        b.kmeansRestarts = kmeansRestarts;
        b.kmeansMaxIterations = kmeansMaxIterations;
        b.kmeansTolerance = kmeansTolerance;
        b.silhouetteTolerance = silhouetteTolerance;
        b.topProducts = topProducts;
        b.recommendationsPerCustomer = recommendationsPerCustomer;
        b.rankBy = rankBy;
        b.silhouetteSampleSize = silhouetteSampleSize;
        b.recommender = recommender;
        b.offer = offer;
        b.horizonDays = horizonDays;
        b.discountRate = discountRate;
        return b;
    }

    /** Checks every field; the message names the field and what is allowed. */
    public RunConfig {
        require(threads >= 1, "threads must be at least 1, was " + threads);
        require(compat != null, "compat must be given");
        require(contamination > 0 && contamination <= 0.5, "contamination must be in (0, 0.5], was " + contamination);
        require(isolationTrees >= 1, "isolationTrees must be at least 1, was " + isolationTrees);
        require(isolationSampleSize >= 2, "isolationSampleSize must be at least 2, was " + isolationSampleSize);
        require(pcaComponents >= 1 && pcaComponents <= Feature.COUNT,
                "pcaComponents must be in 1.." + Feature.COUNT + " (the number of features), was " + pcaComponents);
        require(fixedK != null, "fixedK must be given (empty for automatic)");
        require(fixedK.isEmpty() || fixedK.getAsInt() >= 2, "k must be at least 2, was " + (fixedK.isEmpty() ? "auto" : fixedK.getAsInt()));
        require(kMin >= 2 && kMax >= kMin, "k range must satisfy 2 <= kMin <= kMax, was " + kMin + ".." + kMax);
        require(kmeansRestarts >= 1, "kmeansRestarts must be at least 1, was " + kmeansRestarts);
        require(kmeansMaxIterations >= 1, "kmeansMaxIterations must be at least 1, was " + kmeansMaxIterations);
        require(kmeansTolerance >= 0, "kmeansTolerance must not be negative, was " + kmeansTolerance);
        require(silhouetteTolerance >= 0, "silhouetteTolerance must not be negative, was " + silhouetteTolerance);
        require(topProducts >= 1, "topProducts must be at least 1, was " + topProducts);
        require(recommender != null, "recommender must be given");
        require(offer != null, "offer must be given");
        require(recommendationsPerCustomer >= 1, "recommendationsPerCustomer must be at least 1, was "
                + recommendationsPerCustomer);
        require(recommender != RecommenderKind.SEGMENT_BEST_SELLERS || recommendationsPerCustomer <= topProducts,
                "recommendationsPerCustomer must be in 1..topProducts with the segment-best-sellers recommender, was "
                        + recommendationsPerCustomer);
        require(rankBy != null, "rankBy must be given");
        require(horizonDays >= 1 && horizonDays <= 3650, "horizonDays must be in 1..3650, was " + horizonDays);
        require(discountRate >= 0 && discountRate < 10, "discountRate must be in [0, 10), was " + discountRate);
        require(silhouetteSampleSize >= 2, "silhouetteSampleSize must be at least 2, was " + silhouetteSampleSize);
    }

    /** The recommender a run of {@code compat} fits when none is named: the hybrid, or the reference in notebook mode. */
    public static RecommenderKind defaultRecommender(Compat compat) {
        return compat == Compat.NOTEBOOK ? RecommenderKind.SEGMENT_BEST_SELLERS : RecommenderKind.HYBRID;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Fills a {@link RunConfig}; every field starts at the reference default. */
    public static final class Builder {
        private long seed = 42;
        private int threads = Runtime.getRuntime().availableProcessors();
        private Compat compat = Compat.SPEC;
        private double contamination = 0.05;
        private int isolationTrees = 100;
        private int isolationSampleSize = 256;
        private int pcaComponents = 6;
        private OptionalInt fixedK = OptionalInt.empty();
        private int kMin = 2;
        private int kMax = 15;
        private int kmeansRestarts = 10;
        private int kmeansMaxIterations = 100;
        private double kmeansTolerance = 1e-4;
        private double silhouetteTolerance = 0.005;
        private int topProducts = 10;
        private int recommendationsPerCustomer = 3;
        private RankBy rankBy = RankBy.QUANTITY;
        private int silhouetteSampleSize = 5_000;
        private RecommenderKind recommender;
        private OfferMode offer = OfferMode.NEW_ONLY;
        private int horizonDays = 90;
        private double discountRate = 0.10;

        private Builder() {
        }

        public Builder seed(long v) { seed = v; return this; }

        public Builder threads(int v) { threads = v; return this; }

        public Builder compat(Compat v) { compat = v; return this; }

        public Builder contamination(double v) { contamination = v; return this; }

        public Builder isolationTrees(int v) { isolationTrees = v; return this; }

        public Builder isolationSampleSize(int v) { isolationSampleSize = v; return this; }

        public Builder pcaComponents(int v) { pcaComponents = v; return this; }

        /** A fixed k. */
        public Builder k(int v) { fixedK = OptionalInt.of(v); return this; }

        /** Choose k automatically from the k range. */
        public Builder autoK() { fixedK = OptionalInt.empty(); return this; }

        public Builder kRange(int min, int max) { kMin = min; kMax = max; return this; }

        public Builder kmeansRestarts(int v) { kmeansRestarts = v; return this; }

        public Builder kmeansMaxIterations(int v) { kmeansMaxIterations = v; return this; }

        public Builder kmeansTolerance(double v) { kmeansTolerance = v; return this; }

        public Builder silhouetteTolerance(double v) { silhouetteTolerance = v; return this; }

        public Builder topProducts(int v) { topProducts = v; return this; }

        public Builder recommendationsPerCustomer(int v) { recommendationsPerCustomer = v; return this; }

        public Builder rankBy(RankBy v) { rankBy = v; return this; }
        public Builder silhouetteSampleSize(int v) { silhouetteSampleSize = v; return this; }

        /** The recommender; unset, it is the hybrid, or segment best sellers with {@code Compat.NOTEBOOK}. */
        public Builder recommender(RecommenderKind v) { recommender = v; return this; }

        public Builder offer(OfferMode v) { offer = v; return this; }

        public Builder horizonDays(int v) { horizonDays = v; return this; }

        public Builder discountRate(double v) { discountRate = v; return this; }

        public RunConfig build() {
            return new RunConfig(seed, threads, compat, contamination, isolationTrees, isolationSampleSize,
                    pcaComponents, fixedK, kMin, kMax, kmeansRestarts, kmeansMaxIterations, kmeansTolerance,
                    silhouetteTolerance, topProducts, recommendationsPerCustomer, rankBy, silhouetteSampleSize,
                    recommender != null ? recommender : defaultRecommender(compat), offer, horizonDays,
                    discountRate);
        }
    }
}
