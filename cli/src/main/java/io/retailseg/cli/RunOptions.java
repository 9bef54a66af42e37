package io.retailseg.cli;

import io.retailseg.config.Compat;
import io.retailseg.config.OfferMode;
import io.retailseg.config.RankBy;
import io.retailseg.config.RecommenderKind;
import io.retailseg.config.RunConfig;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The pipeline options shared by {@code run}, {@code demo} and {@code evaluate}. Their defaults come from
 * {@link RunConfig#defaults()} through {@link Defaults}, so the command line and the library cannot disagree.
 */
@Command(defaultValueProvider = RunOptions.Defaults.class)
final class RunOptions {
    @Option(names = "--k", paramLabel = "auto|N",
            description = "Number of segments, or 'auto' to choose it by silhouette over --k-min..--k-max (default: ${DEFAULT-VALUE}).")
    String k;

    @Option(names = "--k-min", description = "Smallest k tried by --k auto (default: ${DEFAULT-VALUE}).")
    int kMin;

    @Option(names = "--k-max", description = "Largest k tried by --k auto (default: ${DEFAULT-VALUE}).")
    int kMax;

    @Option(names = "--seed", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--compat", paramLabel = "spec|notebook",
            description = "Feature definitions: 'spec' (corrected) or 'notebook' (the reference notebook's quirks) (default: ${DEFAULT-VALUE}).")
    Compat compat;

    @Option(names = "--contamination",
            description = "Share of customers flagged as outliers by the Isolation Forest (default: ${DEFAULT-VALUE}).")
    double contamination;

    @Option(names = "--pca-components",
            description = "Principal components kept for clustering (default: ${DEFAULT-VALUE}).")
    int pcaComponents;

    @Option(names = "--restarts",
            description = "k-means restarts; the lowest inertia wins (default: ${DEFAULT-VALUE}).")
    int restarts;

    @Option(names = "--top-products",
            description = "Best sellers kept per segment (default: ${DEFAULT-VALUE}).")
    int topProducts;

    @Option(names = "--recommendations",
            description = "Recommendations per customer (default: ${DEFAULT-VALUE}).")
    int recommendations;

    @Option(names = "--rank-by", paramLabel = "quantity|buyers|revenue",
            description = "How segment best sellers are ranked: total quantity (the reference), distinct buyers or revenue (default: ${DEFAULT-VALUE}).")
    RankBy rankBy;

    @Option(names = "--recommender", paramLabel = "NAME",
            description = "The recommender fitted into the model: segment-best-sellers (SPEC section 7, the reference),"
                    + " co-purchase, ease, als or hybrid (default: hybrid; segment-best-sellers with --compat notebook).")
    String recommender;

    @Option(names = "--offer", paramLabel = "new|any",
            description = "Recommend only products the customer never bought (new, SPEC section 7) or any product,"
                    + " re-buys included (any) (default: new).")
    String offer;

    @Option(names = "--horizon-days", paramLabel = "DAYS",
            description = "Days ahead the customer-value predictions look: expected purchases and lifetime value"
                    + " (default: ${DEFAULT-VALUE}).")
    int horizonDays;

    @Option(names = "--discount-rate", paramLabel = "RATE",
            description = "Annual rate the lifetime value discounts later spend by, e.g. 0.1 for 10%% a year (default:"
                    + " ${DEFAULT-VALUE}).")
    double discountRate;

    @Option(names = "--threads", description = "Worker threads (default: all processors). Results do not depend on it.")
    Integer threads;

    @Option(names = "--silhouette-sample", paramLabel = "N",
            description = "Silhouette exact up to N segmented customers, above estimated on a seeded sample of N"
                    + " (standard error reported) (default: ${DEFAULT-VALUE}).")
    int silhouetteSample;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    RunConfig config() {
        RunConfig.Builder b = RunConfig.builder().seed(seed).compat(compat).kRange(kMin, kMax)
                .contamination(contamination).pcaComponents(pcaComponents).kmeansRestarts(restarts)
                .topProducts(topProducts).recommendationsPerCustomer(recommendations).rankBy(rankBy)
                .silhouetteSampleSize(silhouetteSample).horizonDays(horizonDays).discountRate(discountRate);
        if (threads != null) {
            b.threads(threads);
        }
        if (recommender != null) {
            b.recommender(recommenderKind(recommender));
        }
        if (offer != null) {
            try {
                b.offer(OfferMode.of(offer.trim()));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--offer: expected new or any, found " + io.retailseg.Echo.quote(offer));
            }
        }
        if (!"auto".equalsIgnoreCase(k.trim())) {
            int fixed;
            try {
                fixed = Integer.parseInt(k.trim());
            } catch (NumberFormatException e) {
                throw new UsageException("--k: expected 'auto' or a whole number >= 2, found "
                        + io.retailseg.Echo.quote(k));
            }
            if (fixed < 2) {
                throw new UsageException("--k: expected 'auto' or a whole number >= 2, found " + fixed);
            }
            b.k(fixed);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The {@code --recommender} value as a kind, or a usage error listing the names. */
    static RecommenderKind recommenderKind(String name) {
        try {
            return RecommenderKind.of(name.trim());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--recommender: " + e.getMessage().replace("found " + name.trim(),
                    "found " + io.retailseg.Echo.quote(name)));
        }
    }

    /** {@link RunConfig#defaults()} as the default value of each option, by option name ({@code --help} shows them). */
    static final class Defaults implements IDefaultValueProvider {
        static final Map<String, String> VALUES = values(RunConfig.defaults());

        private static Map<String, String> values(RunConfig d) {
            return Map.ofEntries(
                    Map.entry("--k", d.fixedK().isPresent() ? Integer.toString(d.fixedK().getAsInt()) : "auto"),
                    Map.entry("--k-min", Integer.toString(d.kMin())),
                    Map.entry("--k-max", Integer.toString(d.kMax())),
                    Map.entry("--seed", Long.toString(d.seed())),
                    Map.entry("--compat", d.compat().name().toLowerCase(Locale.ROOT)),
                    Map.entry("--contamination", Double.toString(d.contamination())),
                    Map.entry("--pca-components", Integer.toString(d.pcaComponents())),
                    Map.entry("--restarts", Integer.toString(d.kmeansRestarts())),
                    Map.entry("--top-products", Integer.toString(d.topProducts())),
                    Map.entry("--recommendations", Integer.toString(d.recommendationsPerCustomer())),
                    Map.entry("--rank-by", d.rankBy().name().toLowerCase(Locale.ROOT)),
                    // --recommender has none here: its default depends on --compat (RunConfig.defaultRecommender)
                    Map.entry("--offer", d.offer() == OfferMode.NEW_ONLY ? "new" : d.offer().id()),
                    Map.entry("--silhouette-sample", Integer.toString(d.silhouetteSampleSize())),
                    Map.entry("--horizon-days", Integer.toString(d.horizonDays())),
                    Map.entry("--discount-rate", Double.toString(d.discountRate())));
        }

        @Override
        public String defaultValue(ArgSpec argSpec) {
            return argSpec instanceof OptionSpec o ? VALUES.get(o.longestName()) : null;
        }
    }
}
